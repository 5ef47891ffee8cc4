import Foundation

/// A database of the bench's own on the server it was given, beside the empty one the synthetic agency is copied
/// onto: the concurrent writers need an empty record of their own. Made with `CREATE DATABASE` (the server's
/// user needs that right) and dropped again when the bench is done.
public struct ScratchServerDatabase: Sendable {
    public let location: DatabaseLocation
    private let given: ServerAddress
    private let name: String

    /// Makes the database next to `address`'s, on the same server, as the same user.
    public static func create(beside address: ServerAddress) throws -> ScratchServerDatabase {
        let name = "onevoice_bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        let link = try PostgresLink.connect(address)
        defer { link.close() }
        try link.query("CREATE DATABASE \(name)")
        var scratch = address
        scratch.database = name
        return ScratchServerDatabase(location: .server(scratch), given: address, name: name)
    }

    /// Drops it, closing whatever connections the bench left open to it.
    public func drop() {
        guard let link = try? PostgresLink.connect(given) else { return }
        defer { link.close() }
        _ = try? link.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
