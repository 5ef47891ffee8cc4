import CNcursesw
import Foundation

/// Why the dashboard could not start, as one sentence with what to do instead.
public enum DashboardError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case terminalUnavailable(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "The dashboard needs a terminal, and standard input or output is not one (piped or redirected). "
                + "Use the CLI commands instead, e.g. `onevoice snapshot` for a text copy of a screen, or `onevoice --help`."
        case .terminalUnavailable(let term):
            return "Cannot start the terminal \"\(term)\": set TERM to one this machine knows (e.g. xterm-256color), or use the CLI commands."
        }
    }
}

/// How to start the dashboard.
public struct DashboardOptions {
    /// `--theme NAME`; nil: the config file's `theme`, else "default".
    public var themeName: String?
    /// A folder of `*.toml` themes to use instead of the user's and the installed ones (tests); nil: those.
    public var themesDirectory: URL?
    public var environment: [String: String]
    public var clock: () -> Date
    public var keymap: Keymap
    public var commands: CommandRegistry
    /// The screen to open first.
    public var route: Route

    public init(themeName: String? = nil, themesDirectory: URL? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                clock: @escaping () -> Date = Date.init, keymap: Keymap = .standard,
                commands: CommandRegistry = .standard, route: Route = .board) {
        self.themeName = themeName
        self.themesDirectory = themesDirectory
        self.environment = environment
        self.clock = clock
        self.keymap = keymap
        self.commands = commands
        self.route = route
    }
}

/// Why the dashboard stopped.
public enum DashboardExit: Equatable, Sendable {
    /// The user quit (q, :q).
    case quit
    /// A signal (SIGINT, SIGTERM, SIGHUP) stopped it; the CLI may exit with 128 + the number.
    case signal(Int32)
}

/// The terminal dashboard: sets up ncurses, runs the loop, and restores the terminal on every way out.
public enum Dashboard {
    /// Milliseconds the loop waits for a key before ticking the clock and polling for changes.
    static let tickMilliseconds: Int32 = 250

    /// Runs until the user quits (q, :q), or SIGINT/SIGTERM/SIGHUP arrives. Throws before touching the terminal
    /// when stdin/stdout is not a terminal.
    @discardableResult
    public static func run(source: DashboardSource, options: DashboardOptions = DashboardOptions()) throws -> DashboardExit {
        guard ov_isatty(0) != 0, ov_isatty(1) != 0 else { throw DashboardError.notATerminal }
        DisplayWidth.ensureUTF8Locale()
        guard let terminal = ov_newterm() else {
            throw DashboardError.terminalUnavailable(term: options.environment["TERM"] ?? "(unset)")
        }
        ov_install_signal_handlers()
        ov_install_crash_handlers()
        defer {
            _ = ov_endwin()
            ov_restore_crash_handlers()
            ov_restore_signal_handlers()
            ov_delscreen(terminal)
        }
        _ = ov_cbreak()
        _ = ov_noecho()
        _ = ov_nonl()
        _ = ov_keypad(true)
        _ = ov_curs_set(0)
        _ = ov_leaveok(true)
        _ = ov_set_escdelay(25)
        ov_timeout(tickMilliseconds)
        if ov_mousemask(ov_all_mouse_events()) != 0 { _ = ov_mouseinterval(0) }

        // COLORS and COLOR_PAIRS are only known once colour is started: start it first (unless NO_COLOR
        // asks for none), then ask how many there are.
        var depth = ColorDepth.none
        var defaultColors = true
        if ColorDepth.wanted(environment: options.environment), ov_has_colors() != 0, ov_start_color() != ov_err() {
            defaultColors = ov_use_default_colors() != ov_err()
            depth = ColorDepth.detect(colors: Int(ov_colors()), hasColors: true, environment: options.environment)
        }
        let painter = Painter(depth: depth, maxPairs: Int(ov_color_pairs()), defaultColorsAllowed: defaultColors)

        let library = options.themesDirectory.map { ThemeLibrary(directory: $0) } ?? .standard(environment: options.environment)
        let selection = ThemeLibrary.selectedName(commandLine: options.themeName, environment: options.environment)
        let loaded = library.load(name: selection.name)
        let program = DashboardProgram(source: source, width: Int(ov_cols()), height: Int(ov_lines()), theme: loaded.theme,
                                       colorEnabled: depth != .none, themes: library, clock: options.clock,
                                       keymap: options.keymap, commands: options.commands)
        let environment = options.environment
        program.editor = { text in
            // Lend the terminal to the editor (it runs in our foreground process group), then take it back:
            // the saved program mode comes back and the next frame repaints everything.
            _ = ov_def_prog_mode()
            _ = ov_endwin()
            defer {
                _ = ov_reset_prog_mode()
                _ = ov_flushinp()
                _ = ov_clearok(true)
                painter.invalidate()
                _ = ov_doupdate()
            }
            return try ExternalEditor.edit(text, environment: environment)
        }
        program.start(route: options.route)
        if let warning = selection.warning ?? loaded.warning { program.send(.failed(warning)) }

        var lastTick = options.clock()
        while true {
            if program.state.redrawRequested {
                _ = ov_clearok(true)
                painter.invalidate()
                program.redrawDone()
            }
            painter.paint(program.render())
            if program.state.quitRequested { return .quit }

            var code: UInt32 = 0
            let rc = ov_get_wch(&code)
            let signal = ov_take_signal()
            if signal != 0 { return .signal(signal) }
            if rc == ov_err() {
                program.tick()
                lastTick = options.clock()
                continue
            }
            switch KeyDecoder.decode(isFunctionKey: rc == ov_key_code_yes(), code: code) {
            case .key(let key):
                program.send(.key(key))
            case .resize:
                _ = ov_clear_screen()
                painter.invalidate()
                program.send(.resize(width: Int(ov_cols()), height: Int(ov_lines())))
            case .mouse:
                var y: Int32 = 0, x: Int32 = 0
                var buttons: UInt = 0
                if ov_getmouse(&y, &x, &buttons) == ov_ok() {
                    if buttons & ov_button4_pressed() != 0 {
                        program.send(.key(.up))
                    } else if buttons & ov_button5_pressed() != 0 {
                        program.send(.key(.down))
                    } else if buttons & ov_button1_clicked() != 0 {
                        program.send(.click(row: Int(y), column: Int(x)))
                    }
                }
            case .none:
                break
            }
            // Keep the clock and the live poll going while keys keep coming.
            if options.clock().timeIntervalSince(lastTick) >= Double(tickMilliseconds) / 1000 {
                program.tick()
                lastTick = options.clock()
            }
        }
    }
}
