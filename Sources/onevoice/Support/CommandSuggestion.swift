import ArgumentParser

/// "Did you mean …?" for a mistyped subcommand: the closest name at the level where the typing went wrong.
enum CommandSuggestion {
    /// The mistyped word and the closest subcommand name, if `arguments` name an unknown subcommand.
    static func suggestion(for arguments: [String], root: any ParsableCommand.Type) -> (typed: String, suggestion: String)? {
        var command: any ParsableCommand.Type = root
        for argument in arguments where !argument.hasPrefix("-") {
            let children = command.configuration.subcommands
            guard !children.isEmpty else { return nil }
            if let next = children.first(where: { name(of: $0) == argument || $0.configuration.aliases.contains(argument) }) {
                command = next
                continue
            }
            let names = children.map(name(of:))
            let ranked = names.map { ($0, distance(argument.lowercased(), $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            guard let best = ranked.first, best.1 <= max(2, argument.count / 3) || best.0.hasPrefix(argument.lowercased()) else { return nil }
            return (argument, best.0)
        }
        return nil
    }

    static func name(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }

    /// Levenshtein distance with adjacent transpositions (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
