import ArgumentParser
import Foundation
import OneVoiceCore
import OneVoiceTUI

/// What shell completion offers for option values: template ids, channels and themes, read when the
/// shell asks (so a template added in ~/.config/onevoice/templates is offered too).
enum Completions {
    static let builtInThemes = ["default", "high-contrast", "light", "monochrome"]

    /// Every template id: the built-in ones and the user's.
    static let templates = CompletionKind.custom { _, _, prefix in
        let library = TemplateLibrary.load(userDirectory: TemplateLibrary.defaultUserDirectory())
        return library.all.map(\.id).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Channel slugs; in a comma-separated list, the next one after those already typed.
    static let channels = CompletionKind.custom { _, _, prefix in channelCompletions(prefix) }

    static func channelCompletions(_ prefix: String) -> [String] {
        var typed = prefix.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let last = typed.popLast() ?? ""
        let head = typed.isEmpty ? "" : typed.joined(separator: ",") + ","
        return Channel.allCases.map(\.slug).filter { $0.hasPrefix(last) && !typed.contains($0) }.map { head + $0 }
    }

    /// The built-in themes and those of the user's and the installed themes folders.
    static let themes = CompletionKind.custom { _, _, prefix in
        let names = builtInThemes + ThemeLibrary.standard(environment: ProcessInfo.processInfo.environment).names
        return Array(Set(names)).filter { $0.hasPrefix(prefix) }.sorted()
    }
}
