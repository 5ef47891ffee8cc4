import Testing
@testable import OneVoiceCore

@Suite("Platforms: character classes and Punycode")
struct PlatformsScalarClassTests {
    @Test("the ASCII bit masks agree with the punctuation and space classes")
    func masks() {
        for c in UInt32(0)..<128 {
            let domain = !(ScalarClass.isPunct(c) || ScalarClass.isSpace(c))
            #expect(ScalarClass.isDomainChar(c) == domain, "U+\(String(c, radix: 16))")
            #expect(ScalarClass.isLabelChar(c) == (domain || c == 0x2D || c == 0x5F), "U+\(String(c, radix: 16))")
        }
    }

    @Test("Punycode matches RFC 3492 examples")
    func punycode() {
        func encode(_ s: String) -> String? { Punycode.asciiLabel(ArraySlice(s.unicodeScalars.map(\.value))) }
        #expect(encode("bücher") == "xn--bcher-kva")
        #expect(encode("☃") == "xn--n3h")
        #expect(encode("example") == "example")
        // RFC 3492 7.1 (B) Chinese (simplified)
        #expect(encode("他们为什么不说中文") == "xn--ihqwcrb4cv8a8dqg056pqjye")
    }
}
