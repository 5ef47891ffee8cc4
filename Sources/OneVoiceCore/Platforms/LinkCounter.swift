/// Counts links as X's parser finds them: `https://…` and scheme-less hosts with a known
/// TLD (see `TopLevelDomains`). Used for Threads' five-link limit.
public enum LinkCounter {
    public static func count(in text: String) -> Int {
        LinkScanner.links(in: ScalarClass.buffer(text), dialect: .x).count
    }
}
