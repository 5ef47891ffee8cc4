import Foundation

/// Unicode NFC, as twitter-text applies it (`text.normalize()`) before counting.
enum CanonicalComposition {
    /// The NFC form of `text` as scalars. Text made only of scalars that are already in NFC
    /// and never combine with a neighbour skips Foundation's (slower) normaliser. Hangul is
    /// composed here, by the Unicode algorithm, and never handed to Foundation: on Linux its NFC
    /// drops U+11A7 after an LV syllable and leaves a precomposed LV syllable and a following
    /// trailing consonant apart.
    static func scalars(_ text: String) -> ScalarBuffer {
        let raw = ScalarClass.buffer(text)
        if raw.allSatisfy(isStable) { return raw }
        var out = ScalarBuffer()
        out.reserveCapacity(raw.count)
        // Runs without Hangul go through Foundation; no composition or reordering crosses into
        // Hangul, whose syllables and jamo all have combining class 0 and compose only together.
        var run = String.UnicodeScalarView()
        func flushRun() {
            guard !run.isEmpty else { return }
            let segment = String(run)
            out.append(contentsOf: segment.unicodeScalars.allSatisfy { isStable($0.value) }
                ? ScalarClass.buffer(segment) : ScalarClass.buffer(segment.precomposedStringWithCanonicalMapping))
            run = String.UnicodeScalarView()
        }
        for value in raw {
            if Hangul.isSyllable(value) || Hangul.isJamo(value) {
                flushRun()
                Hangul.append(value, to: &out)
            } else if let scalar = Unicode.Scalar(value) {
                run.append(scalar)
            }
        }
        flushRun()
        return out
    }

    /// Scalars with NFC_Quick_Check=Yes and combining class 0 that no following scalar
    /// composes with (a conservative list; anything else goes through the normaliser).
    @inline(__always) static func isStable(_ c: UInt32) -> Bool {
        switch c {
        case 0x00...0x2FF, 0x400...0x482, 0x48A...0x52F, 0x2002...0x206F, 0x20A0...0x20C0,
             0x2122, 0x2139, 0x2190...0x21FF, 0x2300...0x2328, 0x232B...0x23FF, 0x2460...0x27BF,
             0x2900...0x2ADB, 0x2ADD...0x2BFF, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFE00...0xFE0F, 0xFF01...0xFFEF,
             0x1F000...0x1FAFF, 0xE0020...0xE007F, 0x200D, 0x20E3:
            return true
        default:
            return false
        }
    }
}

/// Hangul canonical composition: the arithmetic of The Unicode Standard, section 3.12.
private enum Hangul {
    static let sBase: UInt32 = 0xAC00, lBase: UInt32 = 0x1100, vBase: UInt32 = 0x1161, tBase: UInt32 = 0x11A7
    static let lCount: UInt32 = 19, vCount: UInt32 = 21, tCount: UInt32 = 28
    static let sCount = lCount * vCount * tCount

    static func isSyllable(_ c: UInt32) -> Bool { c >= sBase && c < sBase + sCount }
    static func isJamo(_ c: UInt32) -> Bool { (0x1100...0x11FF).contains(c) }

    /// Appends `c` to NFC text `out`, composing it with the scalar before it where the algorithm says.
    static func append(_ c: UInt32, to out: inout ScalarBuffer) {
        if let last = out.last {
            // L + V -> LV
            if last >= lBase, last < lBase + lCount, c >= vBase, c < vBase + vCount {
                out[out.count - 1] = sBase + ((last - lBase) * vCount + (c - vBase)) * tCount
                return
            }
            // LV + T -> LVT (T starts after TBase: U+11A7 itself is not a trailing consonant)
            if isSyllable(last), (last - sBase) % tCount == 0, c > tBase, c < tBase + tCount {
                out[out.count - 1] = last + (c - tBase)
                return
            }
        }
        out.append(c)
    }
}
