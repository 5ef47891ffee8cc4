import ArgumentParser
import OneVoiceCore

/// The man page, generated from the commands themselves (`onevoice manual > onevoice.1`), so it can
/// never fall behind them: one section per command with its abstract and its full help.
enum ManualPage {
    static func roff(root: any ParsableCommand.Type) -> String {
        let name = CommandSuggestion.name(of: root)
        var out = ".TH \(name.uppercased()) 1 \"\" \"\(escape(name)) \(escape(OneVoiceVersion.string))\" \"User Commands\"\n"
        out += ".SH NAME\n\(escape(name)) \\- \(escape(root.configuration.abstract))\n"
        out += ".SH SYNOPSIS\n.B \(escape(name))\n[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]\n"
        if !root.configuration.discussion.isEmpty { out += ".SH DESCRIPTION\n\(escape(root.configuration.discussion))\n" }
        out += ".SH COMMANDS\n"
        for (path, command) in commands(under: root, path: [name]) {
            out += ".SS \"\(escape(path.joined(separator: " ")))\"\n"
            if !command.configuration.abstract.isEmpty { out += "\(escape(command.configuration.abstract))\n" }
            out += ".PP\n.nf\n"
            for line in root.helpMessage(for: command, columns: 78).split(separator: "\n", omittingEmptySubsequences: false) {
                out += escape(String(line)) + "\n"
            }
            out += ".fi\n"
        }
        out += ".SH EXIT STATUS\n0 on success; 1 when a command refuses or a check blocks; 64 for a usage error.\n"
        out += ".SH SEE ALSO\nThe README of OneVoice, and \\fBonevoice --help\\fR.\n"
        return out
    }

    /// Every command below `root`, depth first, with its full path.
    static func commands(under root: any ParsableCommand.Type, path: [String]) -> [([String], any ParsableCommand.Type)] {
        var result: [([String], any ParsableCommand.Type)] = []
        for child in root.configuration.subcommands where child.configuration.shouldDisplay {
            let childPath = path + [CommandSuggestion.name(of: child)]
            result.append((childPath, child))
            result += commands(under: child, path: childPath)
        }
        return result
    }

    /// roff text: backslashes doubled, a leading dot or quote made literal.
    static func escape(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "\\", with: "\\e")
        if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
        return out.replacingOccurrences(of: "\n.", with: "\n\\&.").replacingOccurrences(of: "\n'", with: "\n\\&'")
    }
}
