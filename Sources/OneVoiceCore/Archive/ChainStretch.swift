import Foundation

/// One stretch of the records log, checked on its own. The verifier cuts the log into stretches by
/// entry number, checks them on every core at once and then joins them end to end: each entry's hash
/// and its link to the entry before it only need that entry, so only the links across the cuts are
/// left for the join.
struct ChainStretch: Sendable {
    /// An entry at either end of the stretch: its number and the hash the join compares.
    struct End: Sendable, Equatable {
        var seq: Int64
        /// The first entry's previous-hash, or the last entry's own hash.
        var hash: [UInt8]
    }

    /// The first thing that does not hold, in the order a walk from the start would meet it.
    enum Finding: Sendable, Equatable {
        /// Entry `expected` is not there; the next one found is `found`.
        case missing(expected: Int64, found: Int64)
        /// Entry `seq`'s previous-hash is not the hash of the entry before it.
        case link(seq: Int64)
        /// Entry `seq`'s content no longer matches its hash.
        case altered(seq: Int64)
        /// Entry `seq`'s signature is not its actor key's over its content.
        case signature(seq: Int64)
    }

    var entries = 0
    var bytesHashed = 0
    var first: End?
    var last: End?
    /// The first finding inside the stretch. Its first entry's number and link are the join's to check.
    var finding: Finding?
    /// Format-2 entries whose signature was checked.
    var signaturesChecked = 0
    /// Entries of format 1 (the history before the signed log).
    var unsignedEntries = 0

    /// Checks the entries numbered `seqs`: every hash, and every link but the first entry's; with
    /// `signatures`, every format-2 entry's Ed25519 signature too.
    static func check(_ session: StoreSession, seqs: ClosedRange<Int64>, signatures: Bool = false) throws -> ChainStretch {
        var stretch = ChainStretch()
        var lastHash: [UInt8] = []
        lastHash.reserveCapacity(64)
        var expected: Int64 = seqs.lowerBound
        try session.forEachRawLogEntry(seqs: seqs) { entry in
            stretch.entries += 1
            stretch.bytesHashed += entry.hashInput.count
            if stretch.first == nil {
                stretch.first = End(seq: entry.seq, hash: Array(entry.prevHash))
            } else if stretch.finding == nil {
                if entry.seq != expected {
                    stretch.finding = .missing(expected: expected, found: entry.seq)
                } else if !lastHash.withUnsafeBytes({ Self.same(entry.prevHash, $0) }) {
                    stretch.finding = .link(seq: entry.seq)
                }
            }
            if stretch.finding == nil && !Hashing.sha256(entry.hashInput, matchesHex: entry.hash) {
                stretch.finding = .altered(seq: entry.seq)
            }
            if entry.format < 2 { stretch.unsignedEntries += 1 }
            if signatures && entry.format >= 2 {
                stretch.signaturesChecked += 1
                if stretch.finding == nil && !Self.validSignature(entry) { stretch.finding = .signature(seq: entry.seq) }
            }
            expected = entry.seq + 1
            if lastHash.count == entry.hash.count {
                lastHash.withUnsafeMutableBytes { $0.copyMemory(from: entry.hash) }
            } else {
                lastHash = Array(entry.hash)
            }
        }
        if stretch.entries > 0 { stretch.last = End(seq: expected - 1, hash: lastHash) }
        return stretch
    }

    static func validSignature(_ entry: RawLogEntry) -> Bool {
        guard let signature = Data(base64Encoded: Data(entry.signature)) else { return false }
        return IdentityKey.isValid(signature: signature, for: Data(entry.signedPayload),
                                   publicKeyBase64: String(decoding: entry.actorKey, as: UTF8.self))
    }

    /// Byte-for-byte equality without the generic sequence walk (it is run once per entry).
    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return true }
        return memcmp(left, right, a.count) == 0
    }

    /// The stretches of a log joined in order: entry counts, the last entry, and the first finding of
    /// the whole chain, exactly as one walk from entry 1 would report it.
    static func join(_ stretches: [ChainStretch]) -> (entries: Int, bytesHashed: Int, last: End?, finding: Finding?,
                                                      signatures: Int, unsigned: Int) {
        var expected: Int64 = 1
        var previous = End(seq: 0, hash: Array(Hashing.zeroHash.utf8))
        var finding: Finding?
        for stretch in stretches {
            guard finding == nil, let first = stretch.first, let last = stretch.last else { continue }
            if first.seq != expected {
                finding = .missing(expected: expected, found: first.seq)
            } else if first.hash != previous.hash {
                finding = .link(seq: first.seq)
            } else if let inside = stretch.finding {
                finding = inside
            }
            expected = last.seq + 1
            previous = last
        }
        let last = stretches.last { $0.last != nil }?.last
        return (stretches.reduce(0) { $0 + $1.entries }, stretches.reduce(0) { $0 + $1.bytesHashed }, last, finding,
                stretches.reduce(0) { $0 + $1.signaturesChecked }, stretches.reduce(0) { $0 + $1.unsignedEntries })
    }

    /// How many numbers `bounds` covers, or Int.max past that.
    static func span(_ bounds: ClosedRange<Int64>) -> Int {
        let (span, overflow) = bounds.upperBound.subtractingReportingOverflow(bounds.lowerBound)
        return overflow || span == Int64.max ? Int.max : Int(span + 1)
    }

    /// `bounds` cut into about `count` stretches of consecutive numbers.
    static func cut(_ bounds: ClosedRange<Int64>, into count: Int) -> [ClosedRange<Int64>] {
        // Numbers planted far apart (a tampered log) would overflow the arithmetic: one stretch then.
        let total = span(bounds)
        guard total < Int.max / 2 else { return [bounds] }
        let size = Int64(max(1, (total + count - 1) / max(1, count)))
        return stride(from: bounds.lowerBound, through: bounds.upperBound, by: Int(size)).map { start in
            // Written so that a stretch ending at Int64.max cannot overflow.
            start...(bounds.upperBound - start < size ? bounds.upperBound : start + size - 1)
        }
    }
}
