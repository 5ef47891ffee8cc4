/// Where a key binding applies.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case board
    case incident
    case log
    case help
}

/// What a bound key does.
public enum KeyCommand: Hashable, Sendable {
    case moveDown, moveUp, top, bottom, pageDown, pageUp
    case open, back
    case nextTab, previousTab
    /// 1-5: a tab of the incident view, or a view (1 board, 2 records log) elsewhere.
    case jump(Int)
    case search, nextMatch, previousMatch
    case help, commandLine, quit, redraw
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
    static let scrollable: Set<KeyContext> = [.board, .incident, .log, .help]
    static let everywhere: Set<KeyContext> = Set(KeyContext.allCases)

    public static let standard = Keymap(bindings: [
        KeyBinding([.char("j"), .down], .moveDown, scrollable, help: "Move down one row", hint: "move"),
        KeyBinding([.char("k"), .up], .moveUp, scrollable, help: "Move up one row"),
        KeyBinding([.char("g"), .home], .top, scrollable, help: "Go to the first row"),
        KeyBinding([.char("G"), .end], .bottom, lists, help: "Go to the last row"),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, scrollable, help: "Next page"),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, scrollable, help: "Previous page"),
        KeyBinding([.enter, .char("l"), .right], .open, [.board, .log], help: "Open the selected incident", hint: "open"),
        KeyBinding([.escape, .char("h"), .left], .back, [.incident, .log, .help], help: "Go back", hint: "back"),
        KeyBinding([.tab], .nextTab, [.incident], help: "Next tab", hint: "tab"),
        KeyBinding([.backTab], .previousTab, [.incident], help: "Previous tab"),
        KeyBinding([.char("1"), .char("2"), .char("3"), .char("4"), .char("5")], .jump(0), [.incident],
                   help: "Tabs: 1 Overview, 2 Facts, 3 Releases, 4 Posts, 5 Log", hint: "tabs"),
        KeyBinding([.char("1"), .char("2")], .jump(0), [.board, .log], help: "Views: 1 Incident board, 2 Records log", hint: "views"),
        KeyBinding([.char("/")], .search, lists, help: "Search this list", hint: "search"),
        KeyBinding([.char("n")], .nextMatch, lists, help: "Next match"),
        KeyBinding([.char("N")], .previousMatch, lists, help: "Previous match"),
        KeyBinding([.char(":")], .commandLine, lists, help: "Command line (:help lists the commands)", hint: "cmd"),
        KeyBinding([.char("?")], .help, everywhere, help: "Show or hide this help", hint: "help"),
        KeyBinding([.ctrl("l")], .redraw, everywhere, help: "Redraw the screen"),
        KeyBinding([.char("q")], .quit, everywhere, help: "Quit (asks first if typed input would be lost)", hint: "quit"),
    ])

    /// The command bound to `key` in `context`, if any.
    public func command(for key: Key, in context: KeyContext) -> KeyCommand? {
        for binding in bindings where binding.contexts.contains(context) {
            if let i = binding.keys.firstIndex(of: key) {
                if case .jump = binding.command, case .char(let c) = binding.keys[i], let n = c.wholeNumberValue { return .jump(n) }
                return binding.command
            }
        }
        return nil
    }

    /// Status-bar hints for a context: (keys, word) pairs, in table order.
    public func hints(for context: KeyContext) -> [(key: String, word: String)] {
        bindings.filter { $0.contexts.contains(context) && $0.hint != nil }.map { binding in
            let key: String
            switch binding.command {
            case .moveDown: key = "j/k"
            case .jump: key = binding.keys.count == 2 ? "1-2" : "1-5"
            default: key = binding.keys[0].label
            }
            return (key, binding.hint ?? "")
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
            let contexts = binding.contexts == Keymap.everywhere ? "everywhere"
                : KeyContext.allCases.filter(binding.contexts.contains).map(\.rawValue).joined(separator: ", ")
            lines.append("| \(keys) | \(contexts) | \(binding.help) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
