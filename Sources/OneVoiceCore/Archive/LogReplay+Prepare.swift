import Foundation

/// A log entry made ready for the replay away from the replay's thread: its row images read and decoded, and
/// the signatures of the attestations it writes checked. None of that depends on the replayed state, so it
/// runs on the other cores, several batches ahead, while the replay checks the batches before.
struct PreparedEntry: Sendable {
    let entry: LogEntry
    /// Nil when the entry is signed but its images cannot be read.
    let images: [RowImages.Image]?
    /// Each image decoded as its table's record (nil for a deleted row or a table no rule reads).
    let values: [(any Sendable)?]
    /// Whether each attestation the entry writes carries a valid signature.
    let signatures: [Attestation: Bool]
}

extension LogReplay {
    /// The record type each table's images decode to, for the tables the rules read.
    static let decoders: [String: @Sendable (String) -> (any Sendable)?] = [
        "agency": { RowImageDecoder.decode(Agency.self, $0) },
        "person": { RowImageDecoder.decode(Person.self, $0) },
        "incident": { RowImageDecoder.decode(Incident.self, $0) },
        "fact": { RowImageDecoder.decode(Fact.self, $0) },
        "pressRelease": { RowImageDecoder.decode(Release.self, $0) },
        "releaseRevision": { RowImageDecoder.decode(ReleaseRevision.self, $0) },
        "attestation": { RowImageDecoder.decode(Attestation.self, $0) },
        "post": { RowImageDecoder.decode(Post.self, $0) },
        "namedPerson": { RowImageDecoder.decode(NamedPerson.self, $0) },
    ]

    static func prepare(_ entry: LogEntry) -> PreparedEntry {
        guard entry.format >= 2 else { return PreparedEntry(entry: entry, images: [], values: [], signatures: [:]) }
        guard let images = RowImages.parse(entry.images) else {
            return PreparedEntry(entry: entry, images: nil, values: [], signatures: [:])
        }
        let values = images.map { image in image.json.flatMap { json in decoders[image.table]?(json) } }
        var signatures: [Attestation: Bool] = [:]
        for value in values {
            if let attestation = value as? Attestation { signatures[attestation] = attestation.hasValidSignature }
        }
        return PreparedEntry(entry: entry, images: images, values: values, signatures: signatures)
    }

    /// Entries prepared per batch; big enough that handing a batch over costs nothing beside preparing it.
    static let batchSize = 256

    /// Batches being prepared at once, on every core, ahead of the replay.
    static let batchesAhead = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// Every log entry in chain order, prepared on other threads (several batches at once, each on whichever
    /// core is free) ahead of `body`, which takes them in order.
    static func forEachPrepared(_ session: StoreSession, batchSize: Int = batchSize,
                                _ body: (PreparedEntry) throws -> Void) throws {
        var waiting: [BackgroundWork<[PreparedEntry]>] = []
        var next = 0
        var batch: [LogEntry] = []
        func handOver() throws {
            let entries = batch
            waiting.append(BackgroundWork { entries.map(LogReplay.prepare) })
            batch = []
            if waiting.count - next > batchesAhead {
                try waiting[next].wait().forEach(body)
                next += 1
            }
            if next > 64 {
                waiting.removeFirst(next)
                next = 0
            }
        }
        try session.forEachLogEntry { entry in
            batch.append(entry)
            if batch.count == batchSize { try handOver() }
        }
        if !batch.isEmpty { try handOver() }
        for waiting in waiting[next...] { try waiting.wait().forEach(body) }
    }
}
