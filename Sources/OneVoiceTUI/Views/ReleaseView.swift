import Foundation
import OneVoiceCore

/// One release: a title line, the sign-off line, then the text with its findings highlighted in place,
/// the findings, every channel's text with its live counter, and the posts. Two columns on wide screens.
enum ReleaseView {
    static let contentTop = 3

    static func draw(_ context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        guard let release = context.state.release else { return }
        screen.fill(row: 1, style: theme[.text])
        screen.fill(row: 2, style: theme[.text])
        guard let detail = release.detail else {
            screen.write(release.loaded ? " No release \(release.id)." : " Loading release \(release.id)…", row: 1, column: 0, style: theme[.muted])
            return
        }
        // Title line.
        var x = 1
        x += screen.write("#\(detail.id)", row: 1, column: x, style: theme[.muted]) + 1
        x += screen.write(detail.stage.rawValue.uppercased(), row: 1, column: x, style: stageStyle(detail.stage, context)) + 1
        x += screen.write("rev \(detail.revision)", row: 1, column: x, style: theme[.muted]) + 1
        screen.write(DisplayWidth.truncate("\(detail.title)  (incident #\(detail.incidentID))", to: max(0, context.width - x - 1)),
                     row: 1, column: x, style: theme[.title])
        signOffLine(detail, context: context).draw(row: 2, column: 1, width: context.width - 2, into: &screen)

        let height = context.height - 2 - contentTop
        if context.wide {
            let leftWidth = (context.width - 3) * 3 / 5
            let rightWidth = context.width - leftWidth - 4
            let left = textLines(detail, width: leftWidth, context: context) + findingLines(detail, width: leftWidth, context: context)
            let right = channelLines(detail, width: rightWidth, context: context) + postLines(detail, width: rightWidth, context: context)
            let scroll = clampedScroll(release.scroll, lines: max(left.count, right.count), height: height)
            for i in 0..<height {
                let row = contentTop + i
                if left.indices.contains(scroll + i) { left[scroll + i].draw(row: row, column: 1, width: leftWidth, into: &screen) }
                screen.write("│", row: row, column: leftWidth + 2, style: theme[.muted])
                if right.indices.contains(scroll + i) {
                    right[scroll + i].draw(row: row, column: leftWidth + 4, width: rightWidth, into: &screen)
                }
            }
        } else {
            let width = context.width - 2
            let lines = textLines(detail, width: width, context: context) + findingLines(detail, width: width, context: context) + [StyledLine()]
                + channelLines(detail, width: width, context: context) + postLines(detail, width: width, context: context)
            let scroll = clampedScroll(release.scroll, lines: lines.count, height: height)
            for (i, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
                line.draw(row: contentTop + i, column: 1, width: width, into: &screen)
            }
        }
    }

    static func clampedScroll(_ scroll: Int, lines: Int, height: Int) -> Int {
        max(0, min(scroll, lines - height))
    }

    static func stageStyle(_ stage: ReleaseStage, _ context: ViewContext) -> Style {
        switch stage {
        case .inReview: context.theme[.warning]
        case .released: context.theme[.muted]
        default: context.theme[.title]
        }
    }

    /// "Checks: 1 blocking, 2 warnings · Legal: cleared by lee · Sign-off: awaiting sam · SHA-256 3f2a…".
    static func signOffLine(_ d: ReleaseDetail, context: ViewContext) -> StyledLine {
        let theme = context.theme
        var line = StyledLine()
        let blocking = d.blocking.count, warnings = d.warnings.count
        if blocking > 0 {
            line.pieces.append(("\(blocking) blocking", theme[.flashError]))
            line.pieces.append((warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "", theme[.warning]))
        } else if warnings > 0 {
            line.pieces.append(("Checks pass, \(warnings) warning\(warnings == 1 ? "" : "s") to acknowledge", theme[.warning]))
        } else {
            line.pieces.append(("Checks pass", theme[.factVerified]))
        }
        line.pieces.append(("  Legal: ", theme[.muted]))
        if let by = d.legalClearedBy {
            line.pieces.append(("cleared by \(by)", theme[.text]))
        } else if d.legalReviewRequired {
            line.pieces.append(("NEEDED", theme[.warning]))
        } else {
            line.pieces.append(("not needed", theme[.text]))
        }
        line.pieces.append(("  Sign-off: ", theme[.muted]))
        if let by = d.approvedBy {
            line.pieces.append(("approved by \(by)", theme[.factVerified]))
        } else if d.stage == .inReview {
            line.pieces.append(("AWAITING \(d.spokesperson ?? "a spokesperson")", theme[.warning]))
        } else {
            line.pieces.append(("not yet (\(d.spokesperson ?? "no spokesperson"))", theme[.text]))
        }
        line.pieces.append(("  SHA-256 \(d.contentHash.prefix(12))…", theme[.muted]))
        return line
    }

    /// The release text, wrapped, each finding's excerpt in the error (block) or warning colour.
    static func textLines(_ d: ReleaseDetail, width: Int, context: ViewContext) -> [StyledLine] {
        let theme = context.theme
        var out = [StyledLine("Text", theme[.columnHeader])]
        if d.text.isEmpty { out.append(StyledLine("(empty: press e to write it)", theme[.muted])) }
        for (number, line) in d.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !d.text.isEmpty {
            let chars = Array(line)
            var styles = Array(repeating: theme[.text], count: chars.count)
            // Warnings first, so a blocking finding over the same characters wins.
            for finding in d.findings.sorted(by: { !$0.blocking && $1.blocking }) where finding.line == number + 1 && finding.length > 0 {
                let start = max(0, finding.column - 1)
                let end = min(chars.count, start + finding.length)
                guard start < end else { continue }
                let style = finding.blocking ? theme[.flashError] : theme[.warning].adding(.underline)
                for i in start..<end { styles[i] = style }
            }
            for range in TextWrap.ranges(chars, width: width) {
                var styled = StyledLine()
                for i in range {
                    if let last = styled.pieces.last, last.style == styles[i] {
                        styled.pieces[styled.pieces.count - 1].text.append(chars[i])
                    } else {
                        styled.pieces.append((String(chars[i]), styles[i]))
                    }
                }
                out.append(styled)
            }
        }
        return out
    }

    static func findingLines(_ d: ReleaseDetail, width: Int, context: ViewContext) -> [StyledLine] {
        let theme = context.theme
        var out = [StyledLine(), StyledLine("Findings (\(d.findings.count))", theme[.columnHeader])]
        if d.findings.isEmpty { out.append(StyledLine("None: the checks pass.", theme[.muted])) }
        for finding in d.findings.sorted(by: { ($0.blocking ? 0 : 1, $0.line, $0.column) < ($1.blocking ? 0 : 1, $1.line, $1.column) }) {
            let label = finding.blocking ? "BLOCK" : "warn "
            var text = "\(finding.line):\(finding.column) \(label) \(finding.rule): \(finding.message)"
            if let suggestion = finding.suggestion { text += " Try: \(suggestion)" }
            out += TextWrap.lines(text, width: width, style: finding.blocking ? theme[.flashError] : theme[.warning], indent: "")
        }
        return out
    }

    static func channelLines(_ d: ReleaseDetail, width: Int, context: ViewContext) -> [StyledLine] {
        let theme = context.theme
        var out = [StyledLine("Channels (\(d.renditions.count))", theme[.columnHeader])]
        for rendition in d.renditions {
            let over = !rendition.problems.isEmpty
            let counter = rendition.counter
            let name = DisplayWidth.pad(rendition.channel, to: max(1, width - DisplayWidth.of(counter) - 1))
            out.append(StyledLine([(name + " ", theme[.title]), (counter, over ? theme[.flashError] : theme[.muted])]))
            for problem in rendition.problems {
                out += TextWrap.lines(problem, width: width, style: theme[.flashError], indent: "  ")
            }
            out += TextWrap.lines(rendition.text, width: width, style: theme[.text], indent: "  ")
        }
        return out
    }

    static func postLines(_ d: ReleaseDetail, width: Int, context: ViewContext) -> [StyledLine] {
        guard !d.posts.isEmpty else { return [] }
        let theme = context.theme
        var out = [StyledLine(), StyledLine("Posts (\(d.posts.count))", theme[.columnHeader])]
        for post in d.posts {
            let trouble = post.status.needsPerson
            let when = post.at.map { context.time.dayAndClock($0) } ?? "—"
            out += TextWrap.lines("\(DisplayWidth.pad(post.channel, to: 11)) \(when)  \(post.state)", width: width,
                                  style: trouble ? theme[.flashError] : theme[.text])
        }
        return out
    }
}
