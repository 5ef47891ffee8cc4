import Foundation
import Testing
@testable import OneVoiceTUI

/// See `PropertyTOMLAssertionTests` in OneVoiceCoreTests: toml++ aborts a debug build on a
/// table header without a key; the theme parser (and `ThemeLibrary.selectedName`, which reads
/// config.toml) pass the text to TOMLKit unscreened.
@Suite("Property: theme TOML headers without a key")
struct PropertyThemeTOMLAssertionTests {
    @Test
    func themeWithABraceHeader() {
        #expect(throws: ThemeError.self) {
            try ThemeParser.parse("name = \"x\"\n[{styles]\n", file: "x.toml", base: nil)
        }
    }
}
