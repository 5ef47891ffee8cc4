import OneVoiceCore
import OneVoiceTUI

/// The key presses `bench` times: every binding of the key table that a person without a signing key can reach
/// (the bench database's members' keys are not kept), on the large incident, a release, the records log and its
/// search, the schedule, help, the command line and the log's dialogs. An action a viewer may not take is
/// refused before its form: that refusal is the frame measured; a dialog an action opens is closed with Esc.
/// Bindings left out are named in the report.
struct DashboardKeyScript {
    enum Step {
        /// A key whose frame is timed.
        case press(Key)
        /// Text typed into the `:` or `/` line (timed as typing, one press per character).
        case type(String)
        /// An action key: a refusal or a dialog; a dialog or prompt it opens is closed with Esc (timed too).
        case act(Key)
    }

    static let steps: [Step] = {
        var steps: [Step] = []
        func press(_ keys: Key...) { steps += keys.map(Step.press) }
        func act(_ keys: Key...) { steps += keys.map(Step.act) }
        let scroll: [Key] = [.char("j"), .char("j"), .char("k"), .char("G"), .char("g"), .pageDown, .pageUp]

        // The board: moves, its own search, the command line, help, redraw, a new incident (refused).
        press(.char("j"), .char("j"), .char("j"), .char("G"), .char("k"), .char("k"), .char("g"), .pageDown, .pageUp)
        press(.char("/")); steps.append(.type("a")); press(.enter, .ctrl("n"), .char("N"))
        press(.char(":")); steps.append(.type("he")); press(.escape)
        press(.char("?")); steps += scroll.map(Step.press); press(.escape)
        press(.ctrl("l"))
        act(.char("n"))

        // The large incident (the newest, at the top): every tab, its lists and their actions (refused).
        press(.char("g"), .enter)
        for _ in 0..<5 { press(.tab) }
        for _ in 0..<5 { press(.backTab) }
        press(.char("1"), .char("2"), .char("3"), .char("4"), .char("5"), .char("2"))
        press(.char("j"), .char("j"), .char("k"), .char("G"), .char("g"), .pageDown, .pageUp)
        act(.char("v"), .char("d"), .char("x"), .char("c"), .char("a"), .char("e"))
        press(.char("3"))
        act(.char("w"))
        act(.char("P"), .char("E"), .char("C"))
        press(.char("j"), .char("k"))
        // One of its releases, then back.
        press(.enter)
        press(.char("j"), .char("k"), .char("G"), .char("g"), .pageDown, .pageUp)
        act(.char("e"), .char("s"), .char("a"), .char("c"), .char("t"), .char("H"), .char("N"), .char("X"), .char("m"),
            .char("R"), .char("u"), .char("C"))
        press(.escape)
        // A records search within the incident: its results, next and previous match, open one, back.
        press(.char("/")); steps.append(.type("hospital")); press(.enter)
        press(.char("j"), .char("k"), .char("n"), .char("N"), .escape)
        press(.char("h"))

        // The records log: moves, open an entry, a search and its matches, the filter and export dialogs.
        press(.char("2"))
        press(.char("j"), .char("j"), .char("k"), .char("G"), .char("g"), .pageDown, .pageUp)
        press(.enter, .escape)
        press(.char("/")); steps.append(.type("hospital")); press(.enter)
        press(.char("n"), .char("N"), .escape)
        act(.char("f"))
        press(.char("f"), .tab, .backTab, .char("j"), .char("k"), .escape)
        press(.char("F"))
        act(.char("e"))

        // The schedule: moves, open a release and back, its actions (refused).
        press(.char("3"))
        press(.char("j"), .char("k"), .char("G"), .char("g"), .pageDown, .pageUp)
        press(.enter, .escape)
        act(.char("t"), .char("H"), .char("N"), .char("X"), .char("m"), .char("R"))
        press(.char("1"), .char("g"))
        return steps
    }()
}

/// The times of the script's presses, filed under the key and the place it was pressed ("j (board)"), and the
/// bindings of the key table they reached.
struct KeyPresses {
    private(set) var byLabel: [String: [Double]] = [:]
    /// Labels in the order first pressed.
    private(set) var order: [String] = []
    private(set) var reached: Set<Int> = []
    /// What the dashboard said when a key that should simply work showed an error instead.
    private(set) var complaints: [String] = []

    var all: [Double] { order.flatMap { byLabel[$0] ?? [] } }

    /// The bindings no press reached, by their keys and places.
    var unreached: [String] {
        Keymap.standard.bindings.indices.filter { !reached.contains($0) }.map { index in
            let binding = Keymap.standard.bindings[index]
            return "\(binding.keyLabel) in \(binding.contexts.map(\.rawValue).sorted().joined(separator: "/"))"
        }
    }

    mutating func time(_ key: Key, in program: DashboardProgram, record: Bool, refusalExpected: Bool = false) throws {
        let label = place(of: key, in: program.state)
        let before = program.state.flash
        let seconds = Stopwatch.seconds {
            program.send(.key(key))
            _ = program.render()
        }
        if !refusalExpected, let flash = program.state.flash, flash.isError, flash != before {
            complaints.append("\(label): \(flash.text)")
        }
        guard record else { return }
        if byLabel[label] == nil { order.append(label) }
        byLabel[label, default: []].append(seconds)
    }

    /// "j (board)": the key and the most specific place that binds it; typing into the `:` or `/` line is one place.
    private mutating func place(of key: Key, in state: DashboardState) -> String {
        if state.prompt != nil {
            if case .char = key { return "typing (: or / line)" }
            return "\(key.label) (: or / line)"
        }
        let bindings = Keymap.standard.bindings
        for context in state.keyContexts {
            if let index = bindings.firstIndex(where: { $0.contexts.contains(context) && $0.keys.contains(key) }) {
                reached.insert(index)
                return "\(key.label) (\(context.rawValue))"
            }
        }
        return "\(key.label) (\(state.keyContext.rawValue), unbound)"
    }
}
