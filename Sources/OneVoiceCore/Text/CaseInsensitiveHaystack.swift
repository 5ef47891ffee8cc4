import Foundation

/// A text searched many times, ignoring case, with the answer of Foundation's
/// `range(of:options: .caseInsensitive)`: a plain ASCII text and an ASCII needle are compared byte by byte
/// (a hundred times faster, and the board checks every doubted fact against every released text);
/// anything else goes to Foundation itself.
///
/// Plain ASCII means no byte above 0x7F and no carriage return: there every character is one grapheme and
/// ignoring case is folding A-Z to a-z, which is what Foundation does with it (a `\r\n` pair is one grapheme
/// that a lone `\r` or `\n` must not match inside, so texts with `\r` take Foundation's way).
struct CaseInsensitiveHaystack {
    let text: String
    /// The text's bytes with A-Z folded to a-z, when it is plain ASCII.
    private let folded: [UInt8]?

    init(_ text: String) {
        self.text = text
        folded = Self.fold(text)
    }


    func contains(_ needle: String) -> Bool { contains(CaseInsensitiveNeedle(needle)) }

    func contains(_ needle: CaseInsensitiveNeedle) -> Bool {
        guard let folded, let pattern = needle.folded else {
            return text.range(of: needle.text, options: [.caseInsensitive]) != nil
        }
        if pattern.isEmpty { return false }  // as Foundation: an empty needle is found nowhere
        guard pattern.count <= folded.count else { return false }
        // The C library's memchr (many bytes a step) finds each place the first byte occurs, memcmp checks the
        // rest there: several times faster than comparing byte by byte in a loop.
        return folded.withUnsafeBytes { haystack in
            pattern.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, let pattern = needle.baseAddress, let first = needle.first else { return false }
                var offset = 0
                let lastStart = haystack.count - needle.count
                while offset <= lastStart {
                    guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return false }
                    let start = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + start, pattern, needle.count) == 0 { return true }
                    offset = start + 1
                }
                return false
            }
        }
    }

    static func fold(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80, byte != 0x0D else { return nil }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return bytes
    }
}

/// A text looked for in many haystacks, folded once.
struct CaseInsensitiveNeedle {
    let text: String
    let folded: [UInt8]?

    init(_ text: String) {
        self.text = text
        folded = CaseInsensitiveHaystack.fold(text)
    }
}
