import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Gathers one answer (status, headers, body) and notes whether the request ever went out, which is what tells
/// a failure that proves nothing was sent from one that may have reached the platform.
///
/// AsyncHTTPClient calls `didSendRequestHead` right after it writes the request's head to the connection, and
/// never before the connection, TLS included, is up: a failure with the flag still down happened before any
/// byte of the request was handed to the network.
final class HTTPResponseCollector: HTTPClientResponseDelegate {
    typealias Response = HTTPPoster.Response

    /// An answer larger than this is cut here: every platform's answer to a post is a few hundred bytes, and a
    /// hostile or broken server must not fill memory.
    static let bodyLimit = 1 << 20

    private struct State {
        var sent = false
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
    }
    private let state = Mutex(State())

    var requestWasSent: Bool { state.withLock { $0.sent } }

    func didSendRequestHead(task: HTTPClient.Task<Response>, _ head: HTTPRequestHead) {
        state.withLock { $0.sent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLock { state in
            state.status = Int(head.status.code)
            // A name that comes more than once is joined with commas, as HTTP allows (RFC 9110, 5.3).
            for (name, value) in head.headers {
                if let earlier = state.headers[name] { state.headers[name] = earlier + ", " + value } else { state.headers[name] = value }
            }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        state.withLock { state in
            let room = Self.bodyLimit - state.body.count
            if room > 0 { state.body.append(contentsOf: buffer.readableBytesView.prefix(room)) }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        state.withLock { Response(status: $0.status, headers: $0.headers, body: $0.body) }
    }
}
