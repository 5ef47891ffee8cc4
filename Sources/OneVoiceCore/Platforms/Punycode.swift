/// RFC 3492 Punycode encoding of one domain label, as twitter-text's `idna.toAscii` uses it
/// to check that no label of a link's host is longer than 63 characters once encoded.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 128

    /// The ASCII form of a label: unchanged when it is all ASCII (below U+007F, as
    /// punycode.js tests), else `xn--` followed by its Punycode encoding. Nil on overflow.
    static func asciiLabel(_ label: ArraySlice<UInt32>) -> String? {
        if label.allSatisfy({ $0 < 0x7F }) {
            return String(decoding: label.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        }
        guard let encoded = encode(label) else { return nil }
        return "xn--" + encoded
    }

    /// The length of `asciiLabel(label)`, without building it for ASCII labels.
    static func asciiLength(_ label: ArraySlice<UInt32>) -> Int? {
        if label.allSatisfy({ $0 < 0x7F }) { return label.count }
        return asciiLabel(label)?.utf8.count
    }

    static func encode(_ input: ArraySlice<UInt32>) -> String? {
        var output: [UInt8] = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(0x2D) }
        var n = initialN, delta = 0, bias = initialBias
        let total = input.count
        while handled < total {
            guard let m = input.filter({ Int($0) >= n }).min().map(Int.init) else { return nil }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            if overflow || delta > Int(Int32.max) - product { return nil }
            delta += product
            n = m
            for c in input {
                let ci = Int(c)
                if ci < n { delta += 1 }
                if ci == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func digit(_ d: Int) -> UInt8 {
        d < 26 ? UInt8(d + 97) : UInt8(d - 26 + 48)
    }

    private static func adapt(_ delta: Int, _ numPoints: Int, _ firstTime: Bool) -> Int {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
