/// Where a key binding applies.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case board
    case incident
    case facts = "facts tab"
    case releases = "releases tab"
    case release
    case schedule
    case log
    /// The hits of a records search, shown in the records log or an incident until Esc.
    case search = "search results"
    /// A form or a question over the screen.
    case dialog
    case help
}

/// What a bound key does.
public enum KeyCommand: Hashable, Sendable {
    case moveDown, moveUp, top, bottom, pageDown, pageUp
    case open, back
    case nextTab, previousTab
    /// 1-5: a tab of the incident view, or a view (1 board, 2 records log) elsewhere.
    case jump(Int)
    case search, nextMatch, previousMatch, clearSearch
    /// The records log: filter by incident and dates, drop the filter, export for a records request.
    case filterLog, clearFilter, export
    case help, commandLine, quit, redraw
    // The workflow.
    case newIncident, draft
    case verifyFact, disputeFact, retractFact, clear
    case edit, submit, approve, schedule, hold, releaseNow, cancelRelease
    /// A post that needs a person: marked posted by hand (a hand-off, or one to check), or sent again.
    case markPosted, resendPost
    // The PIO's other actions.
    case addFact, editFact, assignSpokesperson, editIncident, closeIncident, updateRelease, correctRelease
    // Dialogs.
    case nextField, previousField, choiceDown, choiceUp, toggle, confirm, cancel, alternate
    /// 1-9 in a dialog: pick or tick the Nth option.
    case pick(Int)
}

/// One row of the keymap: the single source for dispatch, the status bar, the help overlay and the README.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: KeyCommand
    public var contexts: Set<KeyContext>
    /// The sentence shown in help and the README.
    public var help: String
    /// A one-word hint for the status bar (nil: help only).
    public var hint: String?

    public init(_ keys: [Key], _ command: KeyCommand, _ contexts: Set<KeyContext>, help: String, hint: String? = nil) {
        self.keys = keys
        self.command = command
        self.contexts = contexts
        self.help = help
        self.hint = hint
    }

    /// The keys as written in help: "j / ↓".
    public var keyLabel: String { keys.map(\.label).joined(separator: " / ") }
}

/// The key bindings of the dashboard.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    static let lists: Set<KeyContext> = [.board, .incident, .log]
    static let scrollable: Set<KeyContext> = [.board, .incident, .log, .release, .schedule, .help]
    /// Every context but dialogs (whose keys type text).
    static let everywhere: Set<KeyContext> = Set(KeyContext.allCases).subtracting([.dialog])
    static let digits: [Key] = (1...9).map { Key.char(Character(String($0))) }

    public static let standard = Keymap(bindings: [
        KeyBinding([.char("j"), .down], .moveDown, scrollable, help: "Move down one row (scroll in the release view)", hint: "move"),
        KeyBinding([.char("k"), .up], .moveUp, scrollable, help: "Move up one row"),
        KeyBinding([.char("g"), .home], .top, scrollable, help: "Go to the first row"),
        KeyBinding([.char("G"), .end], .bottom, [.board, .incident, .log, .release, .schedule], help: "Go to the last row"),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, scrollable, help: "Next page"),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, scrollable, help: "Previous page"),
        KeyBinding([.enter, .char("l"), .right], .open, [.board, .log, .releases, .schedule],
                   help: "Open the selected incident or release", hint: "open"),
        KeyBinding([.enter], .open, [.search],
                   help: "Open the match: its release (revisions, posts), else its incident (a fact: on the Facts tab)", hint: "open"),
        KeyBinding([.escape], .clearSearch, [.search], help: "Clear the search (Esc again goes back)", hint: "clear"),
        KeyBinding([.escape, .char("h"), .left], .back, [.incident, .log, .release, .schedule, .help], help: "Go back", hint: "back"),
        KeyBinding([.tab], .nextTab, [.incident], help: "Next tab", hint: "tab"),
        KeyBinding([.backTab], .previousTab, [.incident], help: "Previous tab"),
        KeyBinding([.char("1"), .char("2"), .char("3"), .char("4"), .char("5")], .jump(0), [.incident],
                   help: "Tabs: 1 Overview, 2 Facts, 3 Releases, 4 Posts, 5 Log", hint: "tabs"),
        KeyBinding([.char("1"), .char("2"), .char("3")], .jump(0), [.board, .log, .schedule],
                   help: "Views: 1 Incident board, 2 Records log, 3 Schedule", hint: "views"),
        KeyBinding([.char("n")], .newIncident, [.board], help: "New incident: title, kind, location, then its template", hint: "new"),
        KeyBinding([.char("w")], .draft, [.releases], help: "Write a new release from a template", hint: "write"),
        KeyBinding([.char("v")], .verifyFact, [.facts], help: "Verify the selected fact (verifier; not your own)", hint: "verify"),
        KeyBinding([.char("d")], .disputeFact, [.facts], help: "Dispute the selected fact", hint: "dispute"),
        KeyBinding([.char("x")], .retractFact, [.facts], help: "Retract the selected fact", hint: "retract"),
        KeyBinding([.char("c")], .clear, [.facts, .release], help: "Clear for release (legal): the fact, or this revision", hint: "clear"),
        KeyBinding([.char("a")], .addFact, [.facts], help: "Add a fact: its template key (picked), statement, named source and kind", hint: "add"),
        KeyBinding([.char("e")], .editFact, [.facts], help: "Correct the selected fact while it is unverified", hint: "edit"),
        KeyBinding([.char("P")], .assignSpokesperson, [.incident], help: "Assign or hand over the spokesperson (picked from the roster)", hint: "spokesperson"),
        KeyBinding([.char("E")], .editIncident, [.incident], help: "Edit the incident: title, kind (type-ahead), severity, location"),
        KeyBinding([.char("C")], .closeIncident, [.incident], help: "Close the incident (asks first; its records stay)"),
        KeyBinding([.char("u")], .updateRelease, [.release], help: "Start an UPDATE of this released release (a new draft pointing back to it)"),
        KeyBinding([.char("C")], .correctRelease, [.release], help: "Start a CORRECTION of this released release (a new draft pointing back to it)"),
        KeyBinding([.char("e")], .edit, [.release], help: "Edit the text and every channel's text in $VISUAL/$EDITOR", hint: "edit"),
        KeyBinding([.char("s")], .submit, [.release], help: "Submit the draft for review", hint: "submit"),
        KeyBinding([.char("a")], .approve, [.release], help: "Approve (spokesperson): shows exactly what you sign", hint: "approve"),
        KeyBinding([.char("t")], .schedule, [.release, .schedule], help: "Schedule: the time (default now) and the channels", hint: "schedule"),
        KeyBinding([.char("H")], .hold, [.release, .schedule], help: "Hold every waiting post of the release", hint: "hold"),
        KeyBinding([.char("N")], .releaseNow, [.release, .schedule], help: "Release now (asks first)", hint: "now"),
        KeyBinding([.char("X")], .cancelRelease, [.release, .schedule], help: "Cancel the waiting posts (asks first)"),
        KeyBinding([.char("m")], .markPosted, [.release, .schedule],
                   help: "Mark a post posted by hand (a hand-off, or one to check you found on the platform), with its address"),
        KeyBinding([.char("R")], .resendPost, [.release, .schedule],
                   help: "Resend a post to check (not found on the platform) or one held for expired credentials (asks first)"),
        KeyBinding([.char("/")], .search, [.board], help: "Search this list", hint: "search"),
        KeyBinding([.char("/")], .search, [.incident, .log],
                   help: "Search the records: every word must match, \"a phrase\", pre* for word starts; newest first", hint: "search"),
        KeyBinding([.char("n")], .nextMatch, [.incident, .log], help: "Next match"),
        KeyBinding([.ctrl("n")], .nextMatch, [.board], help: "Next match (n opens a new incident here)"),
        KeyBinding([.char("N")], .previousMatch, lists, help: "Previous match"),
        KeyBinding([.char("f")], .filterLog, [.log], help: "Filter the records log by incident and dates", hint: "filter"),
        KeyBinding([.char("F")], .clearFilter, [.log], help: "Drop the filter: every record again"),
        KeyBinding([.char("e")], .export, [.log],
                   help: "Export the records in view (the filter's incident and dates): shows what will be written first", hint: "export"),
        KeyBinding([.char(":")], .commandLine, [.board, .incident, .log, .release, .schedule],
                   help: "Command line (:help lists the commands)", hint: "cmd"),
        KeyBinding([.char("?")], .help, everywhere, help: "Show or hide this help", hint: "help"),
        KeyBinding([.ctrl("l")], .redraw, Set(KeyContext.allCases), help: "Redraw the screen"),
        KeyBinding([.char("q")], .quit, everywhere, help: "Quit (asks first if typed input would be lost)", hint: "quit"),
        KeyBinding([.enter], .nextField, [.dialog], help: "Next field; on the last field, do it", hint: "ok"),
        KeyBinding([.tab], .nextField, [.dialog], help: "Next field"),
        KeyBinding([.backTab], .previousField, [.dialog], help: "Previous field"),
        KeyBinding([.down, .char("j")], .choiceDown, [.dialog], help: "Next choice (scrolls a question)"),
        KeyBinding([.up, .char("k")], .choiceUp, [.dialog], help: "Previous choice"),
        KeyBinding([.char(" ")], .toggle, [.dialog], help: "Tick or untick the channel under the cursor", hint: "tick"),
        KeyBinding(digits, .pick(0), [.dialog], help: "Pick the Nth choice, or tick/untick the Nth channel"),
        KeyBinding([.char("f")], .alternate, [.dialog], help: "In the template picker: draft the full release instead of the holding statement"),
        KeyBinding([.char("y")], .confirm, [.dialog], help: "Yes: do what the question says", hint: "yes"),
        KeyBinding([.escape, .char("n")], .cancel, [.dialog], help: "Cancel (n answers no to a question)", hint: "cancel"),
    ])

    /// The command bound to `key` in the first of `contexts` that binds it.
    public func command(for key: Key, in contexts: [KeyContext]) -> KeyCommand? {
        for context in contexts {
            if let command = command(for: key, in: context) { return command }
        }
        return nil
    }

    /// Status-bar hints for a screen's contexts (the most specific first), without repeats: a word or a key
    /// already hinted is left out (the most specific context decides what a key does).
    public func hints(for contexts: [KeyContext]) -> [(key: String, word: String, minor: Bool)] {
        var seenWords: Set<String> = []
        var seenKeys: Set<String> = []
        var out: [(key: String, word: String, minor: Bool)] = []
        var global: [(key: String, word: String, minor: Bool)] = []
        for context in contexts {
            for (hint, everywhere) in hintsWithReach(for: context) where !seenWords.contains(hint.word) && !seenKeys.contains(hint.key) {
                seenWords.insert(hint.word)
                seenKeys.insert(hint.key)
                // Keys that work everywhere (help, quit) come after the screen's own.
                if everywhere { global.append(hint) } else { out.append(hint) }
            }
        }
        return out + global
    }

    /// The command bound to `key` in `context`, if any.
    public func command(for key: Key, in context: KeyContext) -> KeyCommand? {
        for binding in bindings where binding.contexts.contains(context) {
            if let i = binding.keys.firstIndex(of: key) {
                if case .jump = binding.command, case .char(let c) = binding.keys[i], let n = c.wholeNumberValue { return .jump(n) }
                if case .pick = binding.command, case .char(let c) = binding.keys[i], let n = c.wholeNumberValue { return .pick(n) }
                return binding.command
            }
        }
        return nil
    }

    /// Status-bar hints for a context: (keys, word) pairs, in table order. `minor` marks the hints a narrow bar
    /// leaves out first (going back, switching views or tabs, the command line, quitting: keys people know).
    public func hints(for context: KeyContext) -> [(key: String, word: String, minor: Bool)] {
        hintsWithReach(for: context).map(\.hint)
    }

    /// The hints of a context, each with whether its key works everywhere.
    private func hintsWithReach(for context: KeyContext) -> [(hint: (key: String, word: String, minor: Bool), everywhere: Bool)] {
        bindings.filter { $0.contexts.contains(context) && $0.hint != nil }.map { binding in
            let key: String
            switch binding.command {
            case .moveDown: key = "j/k"
            case .jump, .pick: key = "1-\(binding.keys.count)"
            default: key = binding.keys[0].label
            }
            let minor: Bool
            switch binding.command {
            case .back, .jump, .commandLine, .quit: minor = true
            default: minor = false
            }
            return ((key, binding.hint ?? "", minor), binding.contexts.isSuperset(of: Keymap.everywhere))
        }
    }

    /// Help lines for a context: "keys  text".
    public func helpEntries(for context: KeyContext) -> [(keys: String, help: String)] {
        bindings.filter { $0.contexts.contains(context) }.map { ($0.keyLabel, $0.help) }
    }

    /// A Markdown table of every binding, for the README.
    public func markdownTable() -> String {
        var lines = ["| keys | where | what it does |", "|---|---|---|"]
        for binding in bindings {
            let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " ")
            let contexts = binding.contexts.isSuperset(of: Keymap.everywhere) ? "everywhere"
                : KeyContext.allCases.filter(binding.contexts.contains).map(\.rawValue).joined(separator: ", ")
            lines.append("| \(keys) | \(contexts) | \(binding.help) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
