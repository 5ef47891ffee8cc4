import OneVoiceCore

/// Every line the command line prints goes through here: this module-wide `print` hides Swift's own,
/// so stored text (titles, facts, releases, names, search hits, diffs) never reaches the terminal with
/// raw control, escape or bidi characters in it; they are shown visibly (`TerminalText.safe`).
/// Machine formats that must go out byte for byte (an iCalendar file) write to standard output directly.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { String(describing: $0) }.joined(separator: separator)
    Swift.print(TerminalText.safe(text), terminator: terminator)
}
