import Foundation

/// Unicode NFC, as twitter-text applies it (`text.normalize()`) before counting.
enum CanonicalComposition {
    /// The NFC form of `text` as scalars. Text made only of scalars that are already in NFC
    /// and never combine with a neighbour skips Foundation's (slower) normaliser.
    static func scalars(_ text: String) -> ScalarBuffer {
        let raw = ScalarClass.buffer(text)
        if raw.allSatisfy(isStable) { return raw }
        return ScalarClass.buffer(text.precomposedStringWithCanonicalMapping)
    }

    /// Scalars with NFC_Quick_Check=Yes and combining class 0 that no following scalar
    /// composes with (a conservative list; anything else goes through the normaliser).
    @inline(__always) static func isStable(_ c: UInt32) -> Bool {
        switch c {
        case 0x00...0x2FF, 0x400...0x482, 0x48A...0x52F, 0x2002...0x206F, 0x20A0...0x20C0,
             0x2122, 0x2139, 0x2190...0x21FF, 0x2300...0x2328, 0x232B...0x23FF, 0x2460...0x27BF,
             0x2900...0x2ADB, 0x2ADD...0x2BFF, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFE00...0xFE0F, 0xFF01...0xFFEF,
             0x1F000...0x1FAFF, 0xE0020...0xE007F, 0x200D, 0x20E3:
            return true
        default:
            return false
        }
    }
}
