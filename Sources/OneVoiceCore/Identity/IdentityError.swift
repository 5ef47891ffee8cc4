import Foundation

/// Problems with the caller's key or roster standing, each one plain sentence for the user.
public enum IdentityError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case missingKey(path: String)
    case unreadableKey
    case unreadableKeyFile(path: String)
    case keyExists(path: String)
    case keyTooOpen(path: String, mode: Int)
    case notInRoster(publicKey: String)
    case removedFromRoster(handle: String)
    case notAllowed(action: String, needs: [Role], handle: String, has: [Role])
    case refused(String)

    public var description: String {
        switch self {
        case .missingKey(let path):
            "No identity key at \(path); create one with `onevoice key generate` and ask an admin to add its public key to the roster."
        case .unreadableKey:
            "The identity key is not an Ed25519 private key in PEM form."
        case .unreadableKeyFile(let path):
            "The file \(path) is not an Ed25519 private key in PEM form; point --identity at the key `onevoice key generate` wrote."
        case .keyExists(let path):
            "A key already exists at \(path); choose another path with --out, or keep using the existing key."
        case .keyTooOpen(let path, let mode):
            "The key \(path) can be read by others (mode 0\(String(mode, radix: 8))); run `chmod 600 \(path)` and try again."
        case .notInRoster(let key):
            "Your key (\(key.prefix(12))…) is not in this database's roster; ask an admin to run `onevoice roster add` with it."
        case .removedFromRoster(let handle):
            "Your key belongs to \(handle), who was removed from the roster; ask an admin if that is a mistake (nothing was changed)."
        case .notAllowed(let action, let needs, let handle, let has):
            "Only \(Self.describe(needs)) can \(action); \(handle) has \(has.isEmpty ? "no role" : "the " + has.map(\.rawValue).joined(separator: ", ") + " role\(has.count == 1 ? "" : "s")")."
        case .refused(let sentence):
            sentence
        }
    }

    public var errorDescription: String? { description }

    private static func describe(_ roles: [Role]) -> String {
        let names = roles.map { ($0 == .admin ? "an " : "a ") + $0.rawValue }
        switch names.count {
        case 0: return "nobody"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " or " + names.last!
        }
    }
}
