/// The top-level domains a link without a scheme must end in to count as a link.
///
/// twitter-text (and Mastodon, which uses it) recognise `example.com/path` as a link only
/// when the last label is a known TLD. twitter-text ships the whole IANA list (about 1,500
/// names); this is a documented subset: every two-letter country-code TLD twitter-text
/// lists, the original and sponsored generic TLDs, the new generic TLDs most often seen
/// in public-safety and news posts, and a few internationalised country codes. A scheme-less
/// name ending in a TLD outside this subset (say `foo.photography`) is counted as plain text,
/// where X would count it as a 23-character link. Links written with `https://` are not
/// affected by the list's size as long as their TLD is in it.
enum TopLevelDomains {
    static let ascii: Set<String> = {
        let generic = """
            com net org gov edu mil int info biz name pro aero coop museum mobi jobs travel tel \
            asia cat post xxx app dev page new news blog online site website shop store tech xyz \
            club live life media email link cloud digital network agency city county community \
            center health care help safety support services solutions today tv video events \
            church school university college law legal insurance bank money social chat \
            global world zone space fun top icu vip one global gay art design studio \
            photo photos pics radio press report reviews expert fire gop democrat
            """
        let country = """
            ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl \
            bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx \
            cy cz de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg \
            gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is \
            it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma \
            mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni \
            nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa \
            sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk \
            tl tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg vi vn vu wf ws ye yt \
            za zm zw
            """
        let words = (generic + " " + country).split(whereSeparator: { $0 == " " || $0 == "\n" })
        return Set(words.map(String.init))
    }()

    /// Internationalised country-code TLDs, as scalars, matched as a prefix.
    static let internationalised: [[UInt32]] = [
        "中国", "中國", "香港", "台灣", "台湾", "新加坡", "한국", "рф", "укр", "срб", "бел",
        "қаз", "ελ", "ею", "ευ", "پاکستان", "ایران", "السعودية", "امارات", "مصر", "भारत",
        "ไทย",
    ].map { $0.unicodeScalars.map(\.value) }

    /// The length of the TLD that starts at `start`, or nil when none does. The TLD must not
    /// be followed by an ASCII letter or digit, `@`, `+` or `-` (twitter-text's lookahead).
    static func match(_ s: ScalarBuffer, at start: Int) -> Int? {
        let n = s.count
        var end = start
        while end < n, ScalarClass.isASCIIAlnum(s[end]) { end += 1 }
        if end > start {
            if isFollowOK(s, end), ascii.contains(lowercasedASCII(s, start, end)) { return end - start }
            // xn-- punycode TLD: `xn--[-0-9a-z]+`, no lookahead.
            var p = start
            while p < n, ScalarClass.isASCIIAlnum(s[p]) || s[p] == 0x2D { p += 1 }
            if p - start > 4, lowercasedASCII(s, start, start + 4) == "xn--" { return p - start }
            return nil
        }
        guard start < n, s[start] >= 0x80 else { return nil }
        for tld in internationalised where start + tld.count <= n {
            var same = true
            for (k, v) in tld.enumerated() where s[start + k] != v { same = false; break }
            if same, isFollowOK(s, start + tld.count) { return tld.count }
        }
        return nil
    }

    private static func isFollowOK(_ s: ScalarBuffer, _ i: Int) -> Bool {
        guard i < s.count else { return true }
        let c = s[i]
        return !(ScalarClass.isASCIIAlnum(c) || c == 0x40 || c == 0x2B || c == 0x2D)
    }

    static func lowercasedASCII(_ s: ScalarBuffer, _ from: Int, _ to: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(to - from)
        for i in from..<to {
            let c = s[i]
            bytes.append(UInt8(truncatingIfNeeded: (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
