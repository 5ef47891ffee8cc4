/// A colour theme: one style per role. Roles a theme file leaves out come from the default theme.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [ThemeRole: Style]

    public init(name: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: ThemeRole) -> Style {
        styles[role] ?? Theme.fallback.styles[role] ?? .plain
    }

    /// The built-in default theme (parsed from the embedded TOML; never fails).
    public static let fallback: Theme = {
        // The embedded text is checked by tests; if it ever failed, a plain theme keeps the screen usable.
        (try? ThemeParser.parse(BuiltinThemes.defaultTOML, file: "default.toml", base: nil)) ?? Theme(name: "default", styles: [:])
    }()

    /// The built-in monochrome theme: attributes only.
    public static let monochrome: Theme = {
        (try? ThemeParser.parse(BuiltinThemes.monochromeTOML, file: "monochrome.toml", base: fallback)) ?? fallback
    }()

    /// For NO_COLOR: every colour dropped; each role keeps its attributes and gains the monochrome theme's,
    /// so selection, badges and statuses stay visible without colour.
    public func withoutColor() -> Theme {
        var out = Theme(name: name, styles: [:])
        for role in ThemeRole.allCases {
            let attrs = self[role].attrs.union(Theme.monochrome[role].attrs)
            out.styles[role] = Style(fg: .default, bg: .default, attrs: attrs)
        }
        return out
    }
}
