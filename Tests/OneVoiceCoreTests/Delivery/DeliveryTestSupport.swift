import Foundation
import Testing
import TestSupport
@testable import OneVoiceCore

/// Items, folders and outside checkers (python3) for the delivery tests.
enum DeliveryFixture {
    /// 2026-11-18 11:06:40 UTC = 05:06:40 CST in Riverton (America/Chicago).
    static let sent = Date(timeIntervalSince1970: 1_795_000_000.75)

    static func item(channel: Channel = .website, kind: ReleaseKind = .original, isExercise: Bool = false,
                     text: String = "Route 4 is closed between Mill Rd and 5th St. The investigation is ongoing, and more information will follow.",
                     title: String = "Route 4 closed after crash", location: String = "The 400 block of Main St",
                     postID: Int64 = 42, releaseID: Int64 = 7, key: String = "k-0f3a9c") -> DeliveryItem {
        DeliveryItem(postID: postID, channel: channel, text: text, idempotencyKey: key,
                     releaseID: releaseID, releaseKind: kind, releaseTitle: title,
                     referencedCAPIdentifier: kind == .original ? nil : CAPAlertWriter.identifier(sender: "pio@riverton.gov", releaseID: 6, isExercise: isExercise),
                     referencedSentAt: kind == .original ? nil : sent.addingTimeInterval(-3600),
                     referencedReleaseID: kind == .original ? nil : 6,
                     incidentID: 3, incidentTitle: "Crash on Route 4", incidentKind: .roadClosure, incidentLocation: location,
                     isExercise: isExercise, instruction: "Avoid the area; use Highway 9.", sentAt: sent,
                     agencyName: "Riverton Police Department", agencySenderID: "pio@riverton.gov",
                     timeZoneIdentifier: "America/Chicago", webURL: "https://riverton.gov/news/7")
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs python3 scripts: the independent parsers and validators the formats are checked against.
enum Python {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The virtual environment under .build/pyvenv with the validators (made on first use).
    static let executable: String? = try? PythonEnvironment.python.get()

    static func run(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> Output {
        guard let executable else { throw PythonMissing() }
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        try input.write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", script] + arguments
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// True when `module` imports; otherwise records a failure naming the pip command that fixes it.
    static func require(_ module: String, install: String) throws -> Bool {
        guard executable != nil else {
            if case .failure(let error) = PythonEnvironment.python { Issue.record("\(error)") }
            return false
        }
        let result = try run("import \(module)")
        if result.status != 0 {
            Issue.record("The Python package \(module) is missing from \(executable ?? "python3") (\(install)): \(result.stderr)")
            return false
        }
        return true
    }

    /// True when `module` imports (for optional extra checks).
    static func has(_ module: String) -> Bool {
        (try? run("import \(module)"))?.status == 0
    }

    struct PythonMissing: Error, CustomStringConvertible {
        var description: String { "python3 is not installed" }
    }
}

/// A one-off HTTP server on 127.0.0.1 (python3's http.server) that answers with the status in the
/// path (`/reply/500/…`), checks the webhook signature itself, logs each request as a JSON line,
/// and stops by itself after `maximumRequests` requests or 30 seconds.
final class LoopbackServer {
    let process = Process()
    let port: Int
    let logURL: URL
    private let directory: URL

    static let script = #"""
import sys, json, hmac, hashlib, http.server, re, time, urllib.parse
secret = sys.argv[1].encode(); log = sys.argv[2]; limit = int(sys.argv[3])
count = 0
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        global count
        count += 1
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        m = re.match(r'^/reply/(\d+)', self.path)
        status = int(m.group(1)) if m else 404
        signature = self.headers.get('X-OneVoice-Signature') or ''
        expected = 'sha256=' + hmac.new(secret, body, hashlib.sha256).hexdigest()
        record = {'path': self.path, 'headers': {k.lower(): v for k, v in self.headers.items()},
                  'body': body.decode('utf-8'), 'signatureValid': hmac.compare_digest(signature, expected),
                  'form': urllib.parse.parse_qs(body.decode('utf-8')) if 'form-urlencoded' in (self.headers.get('Content-Type') or '') else None}
        with open(log, 'a') as f:
            f.write(json.dumps(record) + '\n')
        auth = self.headers.get('Authorization') or ''
        if status == 200 and self.path.endswith('/api/v1/statuses'):
            reply = json.dumps({'id': '109876543210', 'url': 'https://social.example/@riverton/109876543210'})
        elif status == 401:
            reply = json.dumps({'error': 'The access token is invalid: ' + auth})
        elif status == 422:
            reply = json.dumps({'error': 'Validation failed: Text character limit of 500 exceeded'})
        else:
            reply = json.dumps({'status': status})
        data = reply.encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        if status in (429, 503):
            self.send_header('Retry-After', '30')
        if status in (301, 302, 307, 308):
            self.send_header('Location', '/reply/200/api/v1/statuses')
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
server.timeout = 0.25
print(server.server_address[1], flush=True)
deadline = time.time() + 30
while count < limit and time.time() < deadline:
    server.handle_request()
server.server_close()
"""#

    init(secret: String = "", maximumRequests: Int = 1) throws {
        guard let python = Python.executable else { throw Python.PythonMissing() }
        directory = try DeliveryFixture.temporaryDirectory()
        logURL = directory.appendingPathComponent("requests.jsonl")
        port = try Self.start(process, python: python, script: Self.script, arguments: [secret, logURL.path, String(maximumRequests)])
    }

    /// Starts a python3 server script in `process` and returns the port it prints on its first line.
    static func start(_ process: Process, python: String, script: String, arguments: [String]) throws -> Int {
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ServerDidNotStart()
        }
        return port
    }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// The requests the server saw, in order.
    func requests() throws -> [[String: Any]] {
        guard let text = try? String(contentsOf: logURL, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// Stops the server (if it has not stopped by itself) and removes its folder.
    func stop() {
        // SIGKILL, not terminate(): the child may inherit a blocked SIGTERM from the test runner.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    struct ServerDidNotStart: Error {}
}

/// A python3 script serving on 127.0.0.1, with a folder of its own for what it is given and what it logs: it
/// prints its port first (`LoopbackServer.start`); `stop` ends it and removes the folder.
final class ScriptServer {
    let process = Process()
    let port: Int
    let directory: URL

    init(script: String, arguments: (URL) throws -> [String]) throws {
        guard let python = Python.executable else { throw Python.PythonMissing() }
        directory = try DeliveryFixture.temporaryDirectory()
        port = try LoopbackServer.start(process, python: python, script: script, arguments: try arguments(directory))
    }

    func stop() {
        // SIGKILL, not terminate(): the child may inherit a blocked SIGTERM from the test runner.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A TCP port on 127.0.0.1 that nobody serves: bound but not listening (a connection is refused),
/// or listening but never accepting (a connection opens and no answer ever comes).
final class IdlePort {
    let fd: Int32
    let port: Int

    init(listening: Bool = false) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) } }
        guard socketFD >= 0, bound == 0, !listening || listen(socketFD, 4) == 0 else { throw CannotBind() }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) } }
        fd = socketFD
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }

    struct CannotBind: Error {}
}
