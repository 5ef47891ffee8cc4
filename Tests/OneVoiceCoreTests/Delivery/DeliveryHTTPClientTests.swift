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
    let process = Process()
    let port: Int
    private let directory: URL
    private var logURL: URL { directory.appendingPathComponent("received") }

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
        guard let python = Python.executable else { throw Python.PythonMissing() }
        directory = try DeliveryFixture.temporaryDirectory()
        let replyURL = directory.appendingPathComponent("reply")
        try Data(reply.utf8).write(to: replyURL)
        port = try LoopbackServer.start(process, python: python, script: Self.script,
                                        arguments: [replyURL.path, directory.appendingPathComponent("received").path])
    }

    func received() throws -> String {
        process.waitUntilExit()
        return String(decoding: try Data(contentsOf: logURL), as: UTF8.self)
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}
