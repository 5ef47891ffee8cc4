/// A terminal colour as a theme names it; the driver maps it to what the terminal can show.
public enum TermColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0-7 normal, 8-15 bright).
    case ansi(UInt8)
    /// One of the 256 xterm palette colours.
    case palette(UInt8)
    /// A 24-bit colour; shown as the nearest of the 256 palette colours.
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes that work without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)
    public static let blink = TextAttributes(rawValue: 1 << 4)
}

/// The look of one cell: foreground, background and attributes.
public struct Style: Hashable, Sendable {
    public var fg: TermColor
    public var bg: TermColor
    public var attrs: TextAttributes

    public init(fg: TermColor = .default, bg: TermColor = .default, attrs: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attrs = attrs
    }

    public static let plain = Style()

    /// The same style with extra attributes.
    public func adding(_ more: TextAttributes) -> Style {
        var copy = self
        copy.attrs.formUnion(more)
        return copy
    }
}
