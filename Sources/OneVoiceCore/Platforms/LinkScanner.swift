/// Finds links the way twitter-text's `extractUrlsWithIndices` does (X), or the way Mastodon's
/// redefinition of the same regular expression does, by scanning scalars by hand instead of
/// running the (slow) regular expression. Ranges are scalar offsets, end exclusive.
///
/// Reductions, on purpose: the TLD list is `TopLevelDomains`' subset; when a scheme-less host
/// mixes non-ASCII and ASCII labels only its trailing ASCII part is taken (twitter-text can
/// take several); host labels are checked for the 63-character limit after Punycode encoding
/// but not run through full IDNA/nameprep.
struct LinkScanner {
    enum Dialect { case x, mastodon }

    let s: ScalarBuffer
    let dialect: Dialect
    private let n: Int

    init(_ s: ScalarBuffer, dialect: Dialect) {
        self.s = s
        self.dialect = dialect
        self.n = s.count
    }

    static func links(in s: ScalarBuffer, dialect: Dialect) -> [Range<Int>] {
        LinkScanner(s, dialect: dialect).links()
    }

    func links() -> [Range<Int>] {
        // twitter-text's shortcut: no '.' (X, scheme-less allowed) or no ':' (Mastodon) means no link.
        let needle: UInt32 = dialect == .x ? 0x2E : 0x3A
        guard s.contains(needle) else { return [] }
        var result: [Range<Int>] = []
        var from = 0
        while from < n {
            guard let m = nextMatch(from: from) else { break }
            from = m.matchEnd
            if let link = accept(m) { result.append(link) }
        }
        return result
    }

    // MARK: - One match of the regular expression

    private struct Match {
        var before: UInt32?      // the preceding character, nil at the start of the text
        var start: Int           // the link's first scalar (protocol included)
        var hasProtocol: Bool
        var domain: Range<Int>
        var tldStart: Int
        var hasPath: Bool
        var matchEnd: Int
    }

    /// The leftmost match whose preceding character sits at or after `from`.
    private func nextMatch(from: Int) -> Match? {
        var i = from
        var noHostUntil = 0
        while i < n {
            if ScalarClass.isURLPreceding(s[i]), let m = attempt(at: i + 1, before: s[i], &noHostUntil) {
                return m
            }
            if i == 0, let m = attempt(at: 0, before: nil, &noHostUntil) { return m }
            i += 1
        }
        return nil
    }

    /// Skips, without parsing, starts inside a run of host characters that is not followed
    /// by a '.': none of them can begin a host (only a protocol could), which keeps long
    /// CJK runs linear.
    private func attempt(at u: Int, before: UInt32?, _ noHostUntil: inout Int) -> Match? {
        guard u < n else { return nil }
        if protocolLength(at: u) == nil {
            if u < noHostUntil { return nil }
            var e = u
            while e < n, ScalarClass.isLabelChar(s[e]) { e += 1 }
            if e >= n || s[e] != 0x2E {
                noHostUntil = e
                return nil
            }
        }
        return match(at: u, before: before)
    }

    private func match(at u: Int, before: UInt32?) -> Match? {
        guard u < n else { return nil }
        var d = u
        var hasProtocol = false
        if let p = protocolLength(at: u) {
            d = u + p
            hasProtocol = true
        }
        guard let (domainEnd, tldStart) = domain(at: d) else { return nil }
        var i = domainEnd
        // Port.
        if i + 1 < n, s[i] == 0x3A, isDigit(s[i + 1]) {
            i += 1
            while i < n, isDigit(s[i]) { i += 1 }
        }
        var hasPath = false
        if i < n, s[i] == 0x2F {
            hasPath = true
            i = pathEnd(from: i + 1)
        }
        if i < n, s[i] == 0x3F, let q = queryEnd(from: i + 1) { i = q }
        return Match(before: before, start: u, hasProtocol: hasProtocol, domain: d..<domainEnd,
                     tldStart: tldStart, hasPath: hasPath, matchEnd: i)
    }

    /// What twitter-text does with a match: checks the host, drops scheme-less links where they
    /// are not allowed, keeps only the ASCII part of a scheme-less host.
    private func accept(_ m: Match) -> Range<Int>? {
        guard hostIsValid(m) else { return nil }
        if !m.hasProtocol {
            guard dialect == .x else { return nil }  // Mastodon: extract_url_without_protocol: false
            if let b = m.before, b == 0x2D || b == 0x5F || b == 0x2E || b == 0x2F { return nil }
            guard let asciiStart = asciiDomainStart(m) else { return nil }
            return asciiStart..<(m.hasPath ? m.matchEnd : m.domain.upperBound)
        }
        // t.co links: only the slug counts, and a slug over 40 characters is no link.
        if m.domain.count == 4, TopLevelDomains.lowercasedASCII(s, m.domain.lowerBound, m.domain.upperBound) == "t.co",
           m.domain.upperBound < n, s[m.domain.upperBound] == 0x2F {
            var e = m.domain.upperBound + 1
            while e < n, ScalarClass.isASCIIAlnum(s[e]) { e += 1 }
            let slug = e - m.domain.upperBound - 1
            if slug > 40 { return nil }
            if slug > 0 { return m.start..<e }
        }
        return m.start..<m.matchEnd
    }

    // MARK: - Parts

    private static let xSchemes: [[UInt32]] = ["http", "https"].map { $0.unicodeScalars.map(\.value) }
    private static let mastodonSchemes: [[UInt32]] =
        ["http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini"]
        .map { $0.unicodeScalars.map(\.value) }

    /// The length of `scheme://` at `u` for a scheme the dialect links, else nil.
    private func protocolLength(at u: Int) -> Int? {
        let first = s[u] | 0x20
        // Every scheme starts with one of these letters: cheap rejection of most starts.
        guard first == 0x68
            || (dialect == .mastodon && (first == 0x64 || first == 0x69 || first == 0x73 || first == 0x67))
        else { return nil }
        var j = u
        while j < n, ScalarClass.isASCIILetter(s[j]), j - u < 7 { j += 1 }
        guard j + 2 < n, s[j] == 0x3A, s[j + 1] == 0x2F, s[j + 2] == 0x2F else { return nil }
        let schemes = dialect == .x ? Self.xSchemes : Self.mastodonSchemes
        for scheme in schemes where scheme.count == j - u {
            var same = true
            for k in 0..<scheme.count where s[u + k] | 0x20 != scheme[k] { same = false; break }
            if same { return j - u + 3 }
        }
        return nil
    }

    /// `validSubdomain* validDomainName (validGTLD | validCCTLD | validPunycode)`, with the
    /// regular expression's preference for the most subdomains. Returns (end, tld start).
    private func domain(at d: Int) -> (Int, Int)? {
        var labels: [Range<Int>] = []
        var j = d
        while j < n {
            var e = j
            while e < n, ScalarClass.isLabelChar(s[e]) { e += 1 }
            guard e > j, e < n, s[e] == 0x2E else { break }
            labels.append(j..<e)
            j = e + 1
        }
        guard !labels.isEmpty else { return nil }
        var leadingSubdomains = 0
        while leadingSubdomains < labels.count, isLabel(labels[leadingSubdomains], allowUnderscore: true) {
            leadingSubdomains += 1
        }
        var k = min(leadingSubdomains, labels.count - 1)
        while k >= 0 {
            let label = labels[k]
            if isLabel(label, allowUnderscore: false) {
                let t = label.upperBound + 1
                if let len = TopLevelDomains.match(s, at: t) { return (t + len, t) }
            }
            k -= 1
        }
        return nil
    }

    private func isLabel(_ r: Range<Int>, allowUnderscore: Bool) -> Bool {
        guard ScalarClass.isDomainChar(s[r.lowerBound]), ScalarClass.isDomainChar(s[r.upperBound - 1]) else {
            return false
        }
        if allowUnderscore { return true }
        for i in r where s[i] == 0x5F { return false }
        return true
    }

    private func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    private func isGeneralPathChar(_ c: UInt32) -> Bool {
        switch dialect {
        case .mastodon:
            return !(ScalarClass.isWhiteSpace(c) || c == 0x3C || c == 0x3E || c == 0x28 || c == 0x29 || c == 0x3F)
        case .x:
            if ScalarClass.isASCIIAlnum(c) { return true }
            switch c {
            case 0x21, 0x2A, 0x27, 0x3B, 0x3A, 0x3D, 0x2B, 0x2C, 0x2E, 0x24, 0x2F, 0x25, 0x23, 0x5B,
                 0x5D, 0x2D, 0x2013, 0x5F, 0x7E, 0x40, 0x7C, 0x26: return true
            default: return ScalarClass.isCyrillic(c) || ScalarClass.isLatinAccent(c)
            }
        }
    }

    private func isPathEndingChar(_ c: UInt32) -> Bool {
        switch dialect {
        case .mastodon:
            switch c {
            case 0x28, 0x29, 0x3F, 0x21, 0x2A, 0x22, 0x27, 0x300C, 0x300D, 0x3C, 0x3E, 0x3B, 0x3A, 0x3D,
                 0x2C, 0x2E, 0x24, 0x25, 0x5B, 0x5D, 0x7E, 0x26, 0x7C, 0x40: return false
            default: return !ScalarClass.isWhiteSpace(c)
            }
        case .x:
            if ScalarClass.isASCIIAlnum(c) { return true }
            switch c {
            case 0x2B, 0x2D, 0x3D, 0x5F, 0x23, 0x2F: return true
            default: return ScalarClass.isCyrillic(c) || ScalarClass.isLatinAccent(c)
            }
        }
    }

    /// `(\/validUrlPath*)`: the longest run of path characters and balanced parentheses that
    /// ends in an ending character or a closing parenthesis; `/foo.` does not take the period.
    private func pathEnd(from start: Int) -> Int {
        var i = start
        var lastGood = start
        while i < n {
            let c = s[i]
            if c == 0x28 {
                guard let close = balancedParens(at: i) else { break }
                i = close
                lastGood = i
            } else if isGeneralPathChar(c) {
                i += 1
                if isPathEndingChar(c) { lastGood = i }
            } else {
                break
            }
        }
        return lastGood
    }

    /// `\((general+ | general* \( general+ \) general*)\)`; returns the index after `)`.
    private func balancedParens(at open: Int) -> Int? {
        var i = open + 1
        let firstRun = i
        while i < n, isGeneralPathChar(s[i]) { i += 1 }
        guard i < n else { return nil }
        if s[i] == 0x29 { return i > firstRun ? i + 1 : nil }
        guard s[i] == 0x28 else { return nil }
        i += 1
        let inner = i
        while i < n, isGeneralPathChar(s[i]) { i += 1 }
        guard i < n, s[i] == 0x29, i > inner else { return nil }
        i += 1
        while i < n, isGeneralPathChar(s[i]) { i += 1 }
        guard i < n, s[i] == 0x29 else { return nil }
        return i + 1
    }

    private func isQueryChar(_ c: UInt32) -> Bool {
        if ScalarClass.isASCIIAlnum(c) { return true }
        switch c {
        case 0x21, 0x3F, 0x2A, 0x27, 0x40, 0x28, 0x29, 0x3B, 0x3A, 0x26, 0x3D, 0x2B, 0x24, 0x2F, 0x25,
             0x23, 0x5B, 0x5D, 0x2D, 0x5F, 0x2E, 0x2C, 0x7E, 0x7C: return true
        case 0x5E: return dialect == .mastodon
        default: return dialect == .mastodon && isMastodonUChar(c)
        }
    }

    private func isQueryEndingChar(_ c: UInt32) -> Bool {
        if ScalarClass.isASCIIAlnum(c) { return true }
        switch c {
        case 0x2D, 0x5F, 0x26, 0x3D, 0x23, 0x2F: return true
        default: return dialect == .mastodon && isMastodonUChar(c)
        }
    }

    private func isMastodonUChar(_ c: UInt32) -> Bool {
        switch c {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF, 0xE000...0xF8FF: return true
        case 0x10000...0x10FFFD: return (c & 0xFFFF) <= 0xFFFD && !(c >= 0xE0000 && c < 0xE1000)
        default: return false
        }
    }

    /// `\?query*queryEnding`; nil when no ending character follows the `?`.
    private func queryEnd(from start: Int) -> Int? {
        var i = start
        var lastGood: Int?
        while i < n, isQueryChar(s[i]) {
            if isQueryEndingChar(s[i]) { lastGood = i + 1 }
            i += 1
        }
        return lastGood
    }

    // MARK: - Checks after the match

    /// `isValidUrl`: every host label at most 63 characters once Punycode-encoded, an `xn--`
    /// host must be ASCII, and the whole link at most 4,096 characters.
    private func hostIsValid(_ m: Match) -> Bool {
        let host = s[m.domain]
        if host.count >= 4, TopLevelDomains.lowercasedASCII(s, m.domain.lowerBound, m.domain.lowerBound + 4) == "xn--",
           !host.allSatisfy({ $0 < 0x80 }) {
            return false
        }
        var asciiLength = 0
        var labelStart = m.domain.lowerBound
        for i in m.domain.lowerBound...m.domain.upperBound where i == m.domain.upperBound || s[i] == 0x2E {
            // Encoding never shortens a label: over 63 scalars is over 63 characters.
            guard i - labelStart <= 63, let label = Punycode.asciiLength(s[labelStart..<i]),
                  (1...63).contains(label) else { return false }
            asciiLength += label + (i == m.domain.upperBound ? 0 : 1)
            labelStart = i + 1
        }
        var urlLength = 0
        for i in m.start..<m.matchEnd { urlLength += s[i] > 0xFFFF ? 2 : 1 }
        var hostLength = 0
        for c in host { hostLength += c > 0xFFFF ? 2 : 1 }
        let protocolLength = m.hasProtocol ? 0 : 8  // "https://"
        return protocolLength + urlLength + asciiLength - hostLength <= 4096
    }

    /// `validAsciiDomain` inside a scheme-less host: the trailing run of ASCII labels
    /// (letters, digits, `-`, Latin accents) before the TLD. Nil when there is none.
    private func asciiDomainStart(_ m: Match) -> Int? {
        var a = m.tldStart
        while a > m.domain.lowerBound {
            let c = s[a - 1]
            if ScalarClass.isASCIIAlnum(c) || c == 0x2D || c == 0x2E || ScalarClass.isLatinAccent(c) {
                a -= 1
            } else {
                break
            }
        }
        while a < m.tldStart, s[a] == 0x2E { a += 1 }
        return a < m.tldStart - 1 ? a : nil
    }
}
