import Foundation
import Testing
@testable import OneVoiceCore

/// The network step under the deliverers (`HTTPPoster`): which failures prove nothing was sent, so a post that
/// must never go out twice (X, Bluesky, Facebook) is retried only after those, and the proxy an agency's network
/// names in its environment.
@Suite("Delivery HTTP client")
struct DeliveryHTTPClientTests {
    static let secrets = DeliverySecrets(xToken: PlatformFakeServer.token)

    static func deliverX(to base: URL, timeout: TimeInterval = 2) -> DeliveryError? {
        do {
            _ = try XDeliverer(apiBase: base, secrets: secrets, timeout: timeout).deliver(DeliveryFixture.item(channel: .x))
            return nil
        } catch { return error }
    }

    // MARK: failures before the request left: retried even where a repeat is harmful

    @Test func aRefusedConnectionIsRetriedEvenForX() throws {
        let port = try IdlePort()
        let error = try #require(Self.deliverX(to: URL(string: "http://127.0.0.1:\(port.port)")!))
        #expect(error.isRetryable, "\(error)")
        #expect(error.description.contains("(connection refused)"), "\(error)")
    }

    @Test func aSecureConnectionToAServerThatIsNotSecureFailsBeforeTheRequestAndIsRetried() throws {
        // A plain HTTP server on the other end: the TLS handshake fails, so not a byte of the post was sent.
        let server = try LoopbackServer()
        defer { server.stop() }
        let error = try #require(Self.deliverX(to: URL(string: "https://127.0.0.1:\(server.port)")!))
        #expect(error.isRetryable, "\(error)")
        #expect(error.description.contains("(the secure connection failed)"), "\(error)")
        #expect(try server.requests().isEmpty)
    }

    @Test func aHandshakeThatNeverEndsIsRetriedAndAPlainRequestNobodyAnswersIsNot() throws {
        let port = try IdlePort(listening: true)
        // https: the connection opens (the kernel accepts it) but the handshake never completes.
        let secure = try #require(Self.deliverX(to: URL(string: "https://127.0.0.1:\(port.port)")!, timeout: 1))
        #expect(secure.isRetryable, "\(secure)")
        // http: the request itself was written to an open connection; it may have been read, so it is held.
        let plain = try #require(Self.deliverX(to: URL(string: "http://127.0.0.1:\(port.port)")!, timeout: 1))
        #expect(!plain.isRetryable, "\(plain)")
        #expect(plain.description.contains("no answer within 1 seconds"), "\(plain)")
    }

    @Test func anAnswerIsCutAtTheLimitAndRepeatedHeadersAreJoined() throws {
        let server = try OneShotServer(reply: "HTTP/1.1 200 OK\r\nX-Rate: a\r\nX-Rate: b\r\nContent-Length: \(HTTPResponseCollector.bodyLimit + 4096)\r\n\r\n"
                                       + String(repeating: "x", count: HTTPResponseCollector.bodyLimit + 4096))
        defer { server.stop() }
        let response = try HTTPPoster(timeout: 5).get(URL(string: "http://127.0.0.1:\(server.port)/big")!, headers: [:], service: "test")
        #expect(response.status == 200)
        #expect(response.body.count == HTTPResponseCollector.bodyLimit)
        #expect(response.header("x-rate") == "a, b")
    }

    // MARK: TLS, with a certificate authority of the test's own

    @Test func aServerIsTrustedThroughTheRootsFolderAndAnUnknownIssuerFailsBeforeTheRequest() throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let server = try TLSLoopbackServer(certificate: pki.serverCertificate, key: pki.serverKey)
        defer { server.stop() }
        let url = URL(string: "https://127.0.0.1:\(server.port)/2/tweets")!
        var poster = HTTPPoster(timeout: 5, repeatsAreHarmful: true)
        poster.trustFolder = pki.trustingFolder.path
        let answer = try poster.post(url, headers: ["Content-Type": "application/json"], body: Data("{}".utf8), service: "X")
        #expect(answer.status == 201 && String(decoding: answer.body, as: UTF8.self) == "{\"data\": {\"id\": \"1\"}}")
        // A folder of roots that does not hold this CA (another CA, hashed the same way), then the system's own:
        // the handshake fails, so not a byte of the post left, and it is safe to try again.
        for folder in [pki.otherFolder.path, TLSTrust.systemFolder] {
            poster.trustFolder = folder
            do {
                _ = try poster.post(url, headers: [:], body: Data("{}".utf8), service: "X")
                Issue.record("a certificate from an unknown issuer was trusted with \(folder)")
            } catch {
                #expect(error.isRetryable, "\(error)")
                #expect(error.description.contains("(the secure connection failed)"), "\(error)")
            }
        }
        #expect(try server.requests() == ["POST /2/tweets"], "only the trusted connection carried a request")
    }

    @Test(arguments: [("5ad8a5d6.0", true), ("002c0b4f.12", true), ("5AD8A5D6.0", false), ("5ad8a5d6.r0", false),
                      ("5ad8a5d.0", false), ("5ad8a5d6", false), ("ca-certificates.crt", false), ("5ad8a5d6.0.pem", false)])
    func onlyCertificatesNamedByTheirSubjectHashMakeAFolderOfRoots(_ name: String, _ hashed: Bool) {
        #expect(TLSTrust.isHashName(name) == hashed)
    }

    // MARK: the proxy named in the environment

    @Test func anHTTPSProxyFromTheEnvironmentCarriesTheTunnelAndItsRefusalIsRetried() throws {
        let proxy = try OneShotServer(reply: "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
        defer { proxy.stop() }
        var poster = HTTPPoster(timeout: 5, repeatsAreHarmful: true)
        poster.environment = ["https_proxy": "http://pio:s%40fe@127.0.0.1:\(proxy.port)"]
        do {
            _ = try poster.post(URL(string: "https://api.x.com/2/tweets")!, headers: [:], body: Data("{}".utf8), service: "X")
            Issue.record("a refused tunnel counted as sent")
        } catch {
            #expect(error.isRetryable, "nothing went past the proxy: \(error)")
            #expect(error.description.contains("(the proxy refused the connection)"), "\(error)")
        }
        let seen = try proxy.received()
        #expect(seen.hasPrefix("CONNECT api.x.com:443 HTTP/1.1\r\n"), "\(seen)")
        #expect(seen.lowercased().contains("proxy-authorization: basic \(Data("pio:s@fe".utf8).base64EncodedString().lowercased())"), "\(seen)")
        #expect(!seen.contains("{}"), "the body went to the proxy in clear")
    }

    @Test(arguments: [
        ("api.x.com", "*", true), ("api.x.com", "x.com", true), ("api.x.com", ".x.com", true), ("api.x.com", "api.x.com:443", true),
        ("api.x.com", "bsky.social, x.com", true), ("api.x.com", "ax.com", false), ("api.x.com", "", false),
        ("x.com", "api.x.com", false), ("graph.facebook.com", "facebook.com,", true),
    ])
    func noProxyNamesHostsAndDomains(_ host: String, _ noProxy: String, _ bypasses: Bool) {
        #expect(HTTPProxySetting.bypasses(host: host, noProxy: noProxy) == bypasses)
    }

    /// A post's error is kept in the public record: a broken proxy setting is named without its password.
    @Test(arguments: ["socks5://pio:s3cr3t-pw@proxy.agency.local:1080", "ftp://s3cr3t-pw@proxy", "socks://a:s3cr3t-pw@b@proxy:1",
                      "pio:s3cr3t-pw@proxy:3128 extra"])
    func aBrokenProxySettingIsNamedWithoutItsPassword(_ setting: String) {
        do {
            _ = try HTTPProxySetting.proxy(for: URL(string: "https://api.x.com")!, environment: ["https_proxy": setting], service: "X")
            Issue.record("\(setting) was taken as a proxy")
        } catch {
            #expect(!error.description.contains("s3cr3t-pw"), "\(error)")
            #expect(error.description.contains("is not an http:// address of a proxy"), "\(error)")
        }
    }

    @Test func thisMachineNeverGoesThroughAProxyAndABrokenSettingIsNamed() throws {
        let environment = ["https_proxy": "http://proxy.agency.local:3128", "http_proxy": "http://proxy.agency.local:3128"]
        #expect(try HTTPProxySetting.proxy(for: URL(string: "http://127.0.0.1:8080/hook")!, environment: environment, service: "webhook") == nil)
        #expect(try HTTPProxySetting.proxy(for: URL(string: "https://localhost/hook")!, environment: environment, service: "webhook") == nil)
        let proxy = try #require(try HTTPProxySetting.proxy(for: URL(string: "https://api.x.com/2/tweets")!, environment: environment, service: "X"))
        #expect(proxy.host == "proxy.agency.local" && proxy.port == 3128)
        #expect(try HTTPProxySetting.proxy(for: URL(string: "https://api.x.com")!,
                                           environment: ["HTTPS_PROXY": "proxy.agency.local:8080"], service: "X")?.port == 8080)
        #expect(throws: DeliveryError.configuration("the proxy in https_proxy (\"socks5://proxy.agency.local:1080\") is not an http:// address of a proxy, needed to reach X")) {
            try HTTPProxySetting.proxy(for: URL(string: "https://api.x.com")!, environment: ["https_proxy": "socks5://proxy.agency.local:1080"], service: "X")
        }
    }
}

/// A TCP server on 127.0.0.1 that takes one connection, keeps what it was sent (up to the end of the head), answers
/// with `reply` as given and closes. Stops by itself after 20 seconds.
final class OneShotServer {
    private let server: ScriptServer
    var port: Int { server.port }

    static let script = #"""
import socket, sys, time
reply, log = open(sys.argv[1], 'rb').read(), sys.argv[2]
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1); s.settimeout(20)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); c.settimeout(10)
data = b''
while b'\r\n\r\n' not in data:
    chunk = c.recv(65536)
    if not chunk: break
    data += chunk
open(log, 'wb').write(data)
c.sendall(reply); time.sleep(0.2); c.close(); s.close()
"""#

    init(reply: String) throws {
        server = try ScriptServer(script: Self.script) { folder in
            let replyURL = folder.appendingPathComponent("reply")
            try Data(reply.utf8).write(to: replyURL)
            return [replyURL.path, folder.appendingPathComponent("received").path]
        }
    }

    func received() throws -> String {
        server.process.waitUntilExit()
        return String(decoding: try Data(contentsOf: server.directory.appendingPathComponent("received")), as: UTF8.self)
    }

    func stop() { server.stop() }
}

/// A certificate authority made for one test with the `openssl` command, a server certificate it signs for
/// 127.0.0.1, a folder that trusts it (the CA under its subject hash) and one that trusts another CA only.
struct TestPKI {
    let directory: URL
    var serverCertificate: URL { directory.appendingPathComponent("server.pem") }
    var serverKey: URL { directory.appendingPathComponent("server.key") }
    var trustingFolder: URL { directory.appendingPathComponent("trusting") }
    var otherFolder: URL { directory.appendingPathComponent("other") }

    static let script = #"""
set -e
cd "$1"
mkdir trusting other
ca() { openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1.key" -out "$1.pem" -days 2 \
       -subj "/CN=$2" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null; }
ca ca "OneVoice Test CA"
ca other "Another Test CA"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile server.ext 2>/dev/null
cp ca.pem "trusting/$(openssl x509 -hash -noout -in ca.pem).0"
cp other.pem "other/$(openssl x509 -hash -noout -in other.pem).0"
"""#

    init() throws {
        directory = try DeliveryFixture.temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", Self.script, "sh", directory.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PKIFailed(status: process.terminationStatus) }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    struct PKIFailed: Error { let status: Int32 }
}

/// An HTTPS server on 127.0.0.1 (python3's http.server over ssl) that answers every POST with 201 and logs its
/// request line; stops by itself after 20 seconds.
final class TLSLoopbackServer {
    private let server: ScriptServer
    var port: Int { server.port }

    static let script = #"""
import http.server, ssl, sys, time
cert, key, log = sys.argv[1:4]
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        with open(log, 'a') as f: f.write(self.command + ' ' + self.path + '\n')
        body = b'{"data": {"id": "1"}}'
        self.send_response(201); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.timeout = 0.25
print(server.server_address[1], flush=True)
deadline = time.time() + 20
while time.time() < deadline:
    try: server.handle_request()
    except Exception: pass
"""#

    init(certificate: URL, key: URL) throws {
        server = try ScriptServer(script: Self.script) { [certificate.path, key.path, $0.appendingPathComponent("requests").path] }
    }

    func requests() throws -> [String] {
        guard let text = try? String(contentsOf: server.directory.appendingPathComponent("requests"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    func stop() { server.stop() }
}
