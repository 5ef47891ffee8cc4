import Foundation
import OneVoiceTUI

/// Opens a file in the user's editor the way git does ($VISUAL, then $EDITOR, then vi), in the terminal's
/// foreground process group: the same runner as the dashboard's `e`.
enum Editor {
    static func edit(_ initial: String, suffix: String = ".txt") throws -> String {
        try ExternalEditor.edit(initial, environment: ProcessInfo.processInfo.environment, suffix: suffix)
    }
}
