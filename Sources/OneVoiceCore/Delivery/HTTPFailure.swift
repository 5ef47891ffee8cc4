import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A failed request's cause in a few plain words, for the post's error line and the schedule screen.
enum HTTPFailure {
    static func reason(_ error: any Error, timeout: TimeInterval) -> String {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout:
                return "no answer within \(max(Int(timeout.rounded()), 1)) seconds"
            case .tlsHandshakeTimeout: return "the secure connection failed"
            case .remoteConnectionClosed, .cancelled: return "the connection closed before an answer came"
            case .invalidURL, .emptyHost, .emptyScheme, .unsupportedScheme("http"), .unsupportedScheme("https"):
                return "the address is not usable"
            case .invalidProxyResponse, .proxyAuthenticationRequired: return "the proxy refused the connection"
            default: return DeliveryError.brief(String(describing: error), limit: 120)
            }
        case let error as NIOConnectionError:
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return "the server name was not found"
            }
            let codes = error.connectionErrors.compactMap { ($0.error as? IOError)?.errnoCode }
            if !codes.isEmpty, codes.allSatisfy({ $0 == ECONNREFUSED }) { return "connection refused" }
            if codes.contains(where: { $0 == ENETUNREACH || $0 == EHOSTUNREACH }) { return "the network is down" }
            return "the connection failed"
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ENETUNREACH, EHOSTUNREACH, ENETDOWN: return "the network is down"
            case ECONNRESET, EPIPE: return "the connection closed before an answer came"
            default: return "the connection failed"
            }
        case is SocketAddressError: return "the server name was not found"
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: return "the secure connection failed"
        case is ChannelError: return "the connection failed"
        default: return DeliveryError.brief(String(describing: error), limit: 120)
        }
    }
}
