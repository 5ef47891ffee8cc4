import Foundation

/// Why the database could not be used, as one sentence that says what to do.
public enum StoreError: Error, CustomStringConvertible, LocalizedError, Equatable {
    case noDatabase(path: String)
    case alreadyInitialised(path: String)
    case notInitialised(path: String)
    case newerSchema(path: String)
    case notOneVoice(path: String)
    case corrupt(path: String, detail: String)
    case diskFull(path: String)
    case busy(path: String)
    case readOnly(path: String)
    case readOnlyNeedsUpgrade(path: String)
    case notAFile(path: String, kind: String)
    case cannotOpen(path: String, detail: String)
    case notFound(what: String)
    case invalid(String)
    case unsupportedLocation(location: String, scheme: String)
    /// A server address given where only a database file will do.
    case needsFile(location: String)
    /// The shared server cannot be reached or answered with an error; `detail` says which.
    case server(location: String, detail: String)

    public var description: String {
        switch self {
        case .noDatabase(let path):
            "There is no OneVoice database at \(path); create one with `onevoice init --agency NAME --timezone ZONE`, or point --db at yours."
        case .alreadyInitialised(let path):
            "The database at \(path) is already set up; nothing was changed."
        case .notInitialised(let path):
            "The database at \(path) has no agency yet; run `onevoice init --agency NAME --timezone ZONE` first."
        case .newerSchema(let path):
            "The database at \(path) was written by a newer version of OneVoice; upgrade OneVoice to use it (nothing was changed)."
        case .notOneVoice(let path):
            "The file at \(path) is not a OneVoice database; point --db at a OneVoice database (nothing was changed)."
        case .corrupt(let path, let detail):
            "The database at \(path) is damaged (\(detail)); restore it from a backup (nothing was changed)."
        case .diskFull(let path):
            "The disk holding \(path) is full; free some space and try again (nothing was changed)."
        case .busy(let path):
            "The database at \(path) stayed busy for too long; try again in a moment (nothing was changed)."
        case .unsupportedLocation(let location, let scheme):
            "\(location) is a \(scheme): address, which OneVoice cannot open; give --db the path of a database file or a postgres:// server (nothing was created)."
        case .needsFile(let location):
            "\(location) is a PostgreSQL server; this needs the path of a database file (nothing was created)."
        case .server(let location, let detail):
            "The OneVoice server at \(location) \(detail); nothing was changed."
        case .readOnly(let path):
            "The database at \(path) cannot be written (read-only file or folder); check its permissions."
        case .readOnlyNeedsUpgrade(let path):
            "The database at \(path) is read-only and was written by an older OneVoice; make it writable once so it can be upgraded (nothing was changed)."
        case .notAFile(let path, let kind):
            "\(path) is \(kind), not a database file; point --db at a OneVoice database file (nothing was changed)."
        case .cannotOpen(let path, let detail):
            "Could not open the database at \(path): \(detail)."
        case .notFound(let what):
            "There is no \(what)."
        case .invalid(let sentence):
            sentence
        }
    }

    public var errorDescription: String? { description }
}
