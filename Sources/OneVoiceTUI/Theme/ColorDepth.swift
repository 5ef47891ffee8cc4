/// How many colours the terminal can show; themes are mapped down to it.
public enum ColorDepth: Equatable, Sendable {
    /// No colour (NO_COLOR set, or a monochrome terminal): attributes only.
    case none
    case eight
    case sixteen
    /// 256 colours; truecolor terminals are driven in this mode too.
    case palette256

    /// False when NO_COLOR is set and non-empty: then colour is never started.
    public static func wanted(environment: [String: String]) -> Bool {
        guard let noColor = environment["NO_COLOR"] else { return true }
        return noColor.isEmpty
    }

    /// The depth for a terminal reporting `colors` colours (ncurses' COLORS, known only after `start_color()`),
    /// honouring NO_COLOR (set and non-empty).
    public static func detect(colors: Int, hasColors: Bool, environment: [String: String]) -> ColorDepth {
        if !wanted(environment: environment) { return .none }
        guard hasColors else { return .none }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .sixteen }
        if colors >= 8 { return .eight }
        return .none
    }

    /// The curses colour number for `color` at this depth (-1 = the terminal's default).
    public func index(of color: TermColor) -> Int {
        switch self {
        case .none:
            return -1
        case .palette256:
            switch color {
            case .default: return -1
            case .ansi(let n): return Int(n & 15)
            case .palette(let n): return Int(n)
            case .rgb(let r, let g, let b): return ColorDepth.nearest256(r, g, b)
            }
        case .sixteen, .eight:
            let sixteen: Int
            switch color {
            case .default: return -1
            case .ansi(let n): sixteen = Int(n & 15)
            case .palette(let n): sixteen = n < 16 ? Int(n) : ColorDepth.nearest16(ColorDepth.rgbOf(palette: Int(n)))
            case .rgb(let r, let g, let b): sixteen = ColorDepth.nearest16((Int(r), Int(g), Int(b)))
            }
            return self == .eight ? sixteen & 7 : sixteen
        }
    }

    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The nearest xterm-256 colour (6x6x6 cube or grey ramp) to an RGB value.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let (ri, gi, bi) = (level(Int(r)), level(Int(g)), level(Int(b)))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeRGB = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = avg > 238 ? 23 : max(0, (avg - 3) / 10)
        let greyValue = 8 + 10 * greyIndex
        let target = (Int(r), Int(g), Int(b))
        return distance(target, (greyValue, greyValue, greyValue)) < distance(target, cubeRGB) ? 232 + greyIndex : cube
    }

    static func rgbOf(palette n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansiRGB[n] }
        if n >= 232 { let v = 8 + 10 * (n - 232); return (v, v, v) }
        let i = n - 16
        return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
    }

    static func nearest16(_ rgb: (Int, Int, Int)) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in ansiRGB.enumerated() {
            let d = distance(rgb, c)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
