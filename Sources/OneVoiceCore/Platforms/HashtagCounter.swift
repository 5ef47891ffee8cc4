/// Counts hashtags: `#` (or the full-width `＃`) at the start of the text or after a
/// character that is not a letter, digit, `_` or `&`, followed by at least one letter, mark,
/// digit or `_`. Used for Instagram's 30-hashtag limit.
public enum HashtagCounter {
    public static func count(in text: String) -> Int {
        let s = ScalarClass.buffer(text)
        let n = s.count
        var count = 0
        var i = 0
        while i < n {
            let c = s[i]
            if c == 0x23 || c == 0xFF03, i == 0 || !(ScalarClass.isWord(s[i - 1]) || s[i - 1] == 0x26) {
                var j = i + 1
                while j < n, ScalarClass.isWord(s[j]) { j += 1 }
                if j > i + 1 { count += 1 }
                i = max(j, i + 1)
            } else {
                i += 1
            }
        }
        return count
    }
}
