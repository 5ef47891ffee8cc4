// The four built-in themes, embedded so the binary has colours from any directory.
// Keep in step with Themes/*.toml (a test compares them).
enum BuiltinThemes {
    /// Built-in theme names and their TOML text.
    static let all: [(name: String, toml: String)] = [
        ("default", defaultTOML),
        ("high-contrast", highContrastTOML),
        ("light", lightTOML),
        ("monochrome", monochromeTOML),
    ]

    static let defaultTOML = """
# OneVoice colour theme. Colours: "default", black red green yellow blue magenta cyan white,
# "bright-<name>", "#rrggbb" (shown as the nearest of 256), "color0".."color255" or 0..255.
# attrs: bold, reverse, underline, dim, blink. A role left out comes from this default theme.
name = "default"
description = "Light text on the terminal's own background; works on 16, 256 and truecolor terminals."

[styles]
text = { fg = "default", bg = "default" }
muted = { fg = "bright-black", bg = "default" }
title = { fg = "default", bg = "default", attrs = ["bold"] }
top_bar = { fg = "bright-white", bg = "blue", attrs = ["bold"] }
badge_live = { fg = "bright-white", bg = "red", attrs = ["bold"] }
badge_exercise = { fg = "black", bg = "bright-yellow", attrs = ["bold"] }
clock = { fg = "bright-white", bg = "blue", attrs = ["bold"] }
column_header = { fg = "bright-cyan", bg = "default", attrs = ["bold", "underline"] }
selected = { fg = "black", bg = "bright-cyan" }
tab_active = { fg = "black", bg = "bright-white", attrs = ["bold"] }
tab_inactive = { fg = "bright-black", bg = "default" }
status_bar = { fg = "white", bg = "color236" }
status_key = { fg = "bright-yellow", bg = "color236", attrs = ["bold"] }
flash_info = { fg = "bright-green", bg = "default", attrs = ["bold"] }
flash_error = { fg = "bright-white", bg = "red", attrs = ["bold"] }
command_line = { fg = "default", bg = "default" }
overlay = { fg = "bright-white", bg = "color235" }
status_active = { fg = "bright-red", bg = "default", attrs = ["bold"] }
status_monitoring = { fg = "yellow", bg = "default" }
status_closed = { fg = "bright-black", bg = "default" }
fact_verified = { fg = "green", bg = "default" }
fact_unverified = { fg = "yellow", bg = "default", attrs = ["bold"] }
fact_disputed = { fg = "magenta", bg = "default", attrs = ["bold"] }
fact_retracted = { fg = "bright-black", bg = "default" }
warning = { fg = "bright-yellow", bg = "default", attrs = ["bold"] }
match = { fg = "black", bg = "yellow", attrs = ["bold", "underline"] }
"""

    static let highContrastTOML = """
# OneVoice colour theme for low vision and glare: bright text on black, strong badges.
name = "high-contrast"
description = "Bright white on black, bold everywhere it matters."

[styles]
text = { fg = "bright-white", bg = "black" }
muted = { fg = "white", bg = "black" }
title = { fg = "bright-white", bg = "black", attrs = ["bold"] }
top_bar = { fg = "black", bg = "bright-white", attrs = ["bold"] }
badge_live = { fg = "bright-white", bg = "red", attrs = ["bold"] }
badge_exercise = { fg = "black", bg = "bright-yellow", attrs = ["bold", "underline"] }
clock = { fg = "black", bg = "bright-white", attrs = ["bold"] }
column_header = { fg = "bright-yellow", bg = "black", attrs = ["bold", "underline"] }
selected = { fg = "black", bg = "bright-yellow", attrs = ["bold"] }
tab_active = { fg = "black", bg = "bright-cyan", attrs = ["bold"] }
tab_inactive = { fg = "bright-white", bg = "black" }
status_bar = { fg = "black", bg = "bright-white" }
status_key = { fg = "black", bg = "bright-white", attrs = ["bold", "underline"] }
flash_info = { fg = "bright-green", bg = "black", attrs = ["bold"] }
flash_error = { fg = "bright-white", bg = "red", attrs = ["bold"] }
command_line = { fg = "bright-white", bg = "black", attrs = ["bold"] }
overlay = { fg = "bright-white", bg = "black", attrs = ["bold"] }
status_active = { fg = "bright-red", bg = "black", attrs = ["bold"] }
status_monitoring = { fg = "bright-yellow", bg = "black", attrs = ["bold"] }
status_closed = { fg = "white", bg = "black" }
fact_verified = { fg = "bright-green", bg = "black", attrs = ["bold"] }
fact_unverified = { fg = "bright-yellow", bg = "black", attrs = ["bold"] }
fact_disputed = { fg = "bright-magenta", bg = "black", attrs = ["bold"] }
fact_retracted = { fg = "white", bg = "black", attrs = ["underline"] }
warning = { fg = "bright-yellow", bg = "black", attrs = ["bold"] }
match = { fg = "black", bg = "bright-green", attrs = ["bold", "underline"] }
"""

    static let lightTOML = """
# OneVoice colour theme for light terminal backgrounds.
name = "light"
description = "Dark text on a light background."

[styles]
text = { fg = "color235", bg = "default" }
muted = { fg = "color244", bg = "default" }
title = { fg = "color16", bg = "default", attrs = ["bold"] }
top_bar = { fg = "color16", bg = "color153", attrs = ["bold"] }
badge_live = { fg = "color231", bg = "color160", attrs = ["bold"] }
badge_exercise = { fg = "color16", bg = "color220", attrs = ["bold"] }
clock = { fg = "color16", bg = "color153", attrs = ["bold"] }
column_header = { fg = "color25", bg = "default", attrs = ["bold", "underline"] }
selected = { fg = "color16", bg = "color117" }
tab_active = { fg = "color231", bg = "color25", attrs = ["bold"] }
tab_inactive = { fg = "color244", bg = "default" }
status_bar = { fg = "color16", bg = "color252" }
status_key = { fg = "color25", bg = "color252", attrs = ["bold"] }
flash_info = { fg = "color28", bg = "default", attrs = ["bold"] }
flash_error = { fg = "color231", bg = "color160", attrs = ["bold"] }
command_line = { fg = "color16", bg = "default" }
overlay = { fg = "color16", bg = "color254" }
status_active = { fg = "color160", bg = "default", attrs = ["bold"] }
status_monitoring = { fg = "color130", bg = "default" }
status_closed = { fg = "color244", bg = "default" }
fact_verified = { fg = "color28", bg = "default" }
fact_unverified = { fg = "color130", bg = "default", attrs = ["bold"] }
fact_disputed = { fg = "color90", bg = "default", attrs = ["bold"] }
fact_retracted = { fg = "color244", bg = "default" }
warning = { fg = "color166", bg = "default", attrs = ["bold"] }
match = { fg = "color16", bg = "color229", attrs = ["bold", "underline"] }
"""

    static let monochromeTOML = """
# OneVoice colour theme without colour: attributes only. NO_COLOR adds these attributes to any theme.
name = "monochrome"
description = "Attributes only (bold, reverse, underline, dim): for monochrome terminals and NO_COLOR."

[styles]
text = { fg = "default", bg = "default" }
muted = { fg = "default", bg = "default", attrs = ["dim"] }
title = { fg = "default", bg = "default", attrs = ["bold"] }
top_bar = { fg = "default", bg = "default", attrs = ["bold", "underline"] }
badge_live = { fg = "default", bg = "default", attrs = ["bold"] }
badge_exercise = { fg = "default", bg = "default", attrs = ["bold", "reverse"] }
clock = { fg = "default", bg = "default", attrs = ["bold", "underline"] }
column_header = { fg = "default", bg = "default", attrs = ["underline"] }
selected = { fg = "default", bg = "default", attrs = ["reverse"] }
tab_active = { fg = "default", bg = "default", attrs = ["bold", "reverse"] }
tab_inactive = { fg = "default", bg = "default" }
status_bar = { fg = "default", bg = "default", attrs = ["reverse"] }
status_key = { fg = "default", bg = "default", attrs = ["bold", "reverse"] }
flash_info = { fg = "default", bg = "default", attrs = ["bold"] }
flash_error = { fg = "default", bg = "default", attrs = ["bold", "reverse"] }
command_line = { fg = "default", bg = "default" }
overlay = { fg = "default", bg = "default" }
status_active = { fg = "default", bg = "default", attrs = ["bold"] }
status_monitoring = { fg = "default", bg = "default" }
status_closed = { fg = "default", bg = "default", attrs = ["dim"] }
fact_verified = { fg = "default", bg = "default" }
fact_unverified = { fg = "default", bg = "default", attrs = ["bold"] }
fact_disputed = { fg = "default", bg = "default", attrs = ["underline"] }
fact_retracted = { fg = "default", bg = "default", attrs = ["dim"] }
warning = { fg = "default", bg = "default", attrs = ["bold"] }
match = { fg = "default", bg = "default", attrs = ["reverse", "underline"] }
"""

}
