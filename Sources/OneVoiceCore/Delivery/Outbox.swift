import Foundation

/// Where delivery files go under the data folder. Exercise output never shares a folder or
/// file with live output.
///
/// ```
/// <dataDir>/outbox/<channel>/<post-id>-<idempotency-key>.json|.xml|.eml
/// <dataDir>/outbox-exercise/<channel>/…
/// <dataDir>/feed.xml, <dataDir>/feed-exercise.xml
/// ```
public struct OutboxLayout: Sendable, Hashable {
    public var dataDirectory: URL

    public init(dataDirectory: URL) { self.dataDirectory = dataDirectory }

    public func outboxDirectory(isExercise: Bool) -> URL {
        dataDirectory.appendingPathComponent(isExercise ? "outbox-exercise" : "outbox", isDirectory: true)
    }

    public func channelDirectory(_ channel: Channel, isExercise: Bool) -> URL {
        outboxDirectory(isExercise: isExercise).appendingPathComponent(channel.slug, isDirectory: true)
    }

    /// `<post-id>-<idempotency-key>.<ext>`: the same item always lands on the same name.
    public func fileURL(for item: DeliveryItem, extension ext: String) throws(DeliveryError) -> URL {
        guard DeliveryText.isSafeFileComponent(item.idempotencyKey) else {
            throw .invalidItem("its idempotency key may hold only letters, digits, '-', '_' and '.'")
        }
        return channelDirectory(item.channel, isExercise: item.isExercise)
            .appendingPathComponent("\(item.postID)-\(item.idempotencyKey).\(ext)")
    }

    public func feedURL(isExercise: Bool) -> URL {
        dataDirectory.appendingPathComponent(isExercise ? "feed-exercise.xml" : "feed.xml")
    }

    /// Writes `data` at `url` unless a file is already there: the first delivery wins and a repeat
    /// (a retry after a crash, a double click) writes nothing. Returns whether it wrote.
    static func writeOnce(_ data: Data, to url: URL) throws(DeliveryError) -> Bool {
        defer { removeLeftovers(of: url) }
        if FileManager.default.fileExists(atPath: url.path) { return false }
        try write(data, to: url)
        return true
    }

    /// Once the file is in place, a temporary copy of it left by a process killed mid-write
    /// (`.<name>.<pid>.tmp`, see `FileSafety.writeAtomically`) is litter: remove it.
    static func removeLeftovers(of url: URL) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else { return }
        let prefix = ".\(url.lastPathComponent)."
        let dir = url.deletingLastPathComponent()
        for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            try? fm.removeItem(at: dir.appendingPathComponent(name))
        }
    }

    static func write(_ data: Data, to url: URL) throws(DeliveryError) {
        do {
            try FileSafety.writeAtomically(data, to: url)
        } catch let FileError.cannotWrite(path, reason) {
            throw .fileWrite(path: path, reason: reason.lowercased())
        } catch {
            throw .fileWrite(path: url.path, reason: "\(error)")
        }
    }
}

/// Channel (a): one JSON file per post in the outbox, for channels with no automatic delivery
/// (a person copies it out) and for every exercise post. Idempotent by file name.
public struct OutboxDeliverer: Deliverer {
    public var layout: OutboxLayout

    public init(layout: OutboxLayout) { self.layout = layout }

    /// The file's bytes: the item as pretty, key-sorted JSON with the marked text beside it.
    public static func json(for item: DeliveryItem) -> Data {
        struct Record: Encodable {
            let format = "onevoice-outbox-1"
            let item: DeliveryItem
            let markedText: String
        }
        return Data((CanonicalJSON.pretty(Record(item: item, markedText: item.markedText)) + "\n").utf8)
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        let url = try layout.fileURL(for: item, extension: "json")
        let wrote = try OutboxLayout.writeOnce(Self.json(for: item), to: url)
        return DeliveryReceipt(channel: item.channel, filePath: url.path, wasAlreadyDelivered: !wrote)
    }
}
