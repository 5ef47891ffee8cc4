import Foundation
import NIOSSL

/// How OneVoice's TLS clients (a PostgreSQL server, the platforms' APIs) trust a server: full verification
/// against the system's roots.
///
/// Given the roots as Debian's folder of certificates named by subject hash (`5ad8a5d6.0`, as `c_rehash` and
/// `update-ca-certificates` write them), BoringSSL reads a root only when a chain names it. The default reads
/// and parses the whole bundle file, some 150 certificates, when the context is made: 4–5 ms of every command
/// on a server, whether or not the server then speaks TLS. Where there is no such folder, the default stands.
enum TLSTrust {
    static let systemFolder = "/etc/ssl/certs"

    static func clientConfiguration(folder: String = systemFolder) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if isHashedFolder(folder) { configuration.trustRoots = .file(folder) }
        return configuration
    }

    /// Whether `folder` holds at least one certificate named by its subject hash: only then can a root be found
    /// in it by name.
    static func isHashedFolder(_ folder: String) -> Bool {
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if isHashName(name) { return true }
        }
        return false
    }

    /// Eight lowercase hex digits, a dot and a number: `5ad8a5d6.0`.
    static func isHashName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 8 && parts[0].allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
            && !parts[1].isEmpty && parts[1].allSatisfy { ("0"..."9").contains($0) }
    }
}
