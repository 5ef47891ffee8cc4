import Foundation

/// Finds where a key or table header sits in TOML source text, for messages about values that
/// parsed fine but mean something wrong (TOMLKit does not keep positions of values).
///
/// A light line scanner: it knows `[table]`, `[[array.of.tables]]`, `key = ...`, dotted root
/// keys (`short.x = ...` counts as key `x` of table `short`) and skips the insides of
/// multi-line strings. A dotted key (`a.b = 1`) also counts as setting its first part (`a`), which
/// is the key a parsed table shows. Good enough for pointing a person at a line.
public struct TOMLKeyLocator: Sendable {
    private struct Entry: Sendable {
        var table: String?
        var index: Int
        var key: String?
        var position: TextPosition
    }

    private var entries: [Entry] = []

    public init(source: String) {
        var table: String?
        var index = 0
        var arrayCounts: [String: Int] = [:]
        var multiline: String?  // the open delimiter
        let lines = SourceLines.split(source)
        for (offset, line) in lines.enumerated() {
            let lineNumber = offset + 1
            let leading = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if let delimiter = multiline {
                if Self.count(delimiter, in: line) % 2 == 1 { multiline = nil }
                continue
            }
            if trimmed.hasPrefix("#") || trimmed.isEmpty { continue }
            if trimmed.hasPrefix("[[") {
                let name = Self.headerName(trimmed.dropFirst(2), closing: "]]")
                index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                table = name
                entries.append(Entry(table: name, index: index, key: nil,
                                     position: TextPosition(line: lineNumber, column: leading + 1)))
                continue
            }
            if trimmed.hasPrefix("[") {
                let name = Self.headerName(trimmed.dropFirst(), closing: "]")
                table = name
                index = 0
                entries.append(Entry(table: name, index: 0, key: nil,
                                     position: TextPosition(line: lineNumber, column: leading + 1)))
                continue
            }
            if let equals = trimmed.firstIndex(of: "=") {
                var key = trimmed[..<equals].trimmed(of: " \t")
                key = key.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "'", with: "")
                var entryTable = table
                var entryKey = key
                if table == nil, let dot = key.firstIndex(of: ".") {
                    entryTable = String(key[..<dot]).trimmed(of: " \t")
                    entryKey = String(key[key.index(after: dot)...]).trimmed(of: " \t")
                }
                entries.append(Entry(table: entryTable, index: index, key: entryKey,
                                     position: TextPosition(line: lineNumber, column: leading + 1)))
                if let dot = entryKey.firstIndex(of: ".") {
                    entries.append(Entry(table: entryTable, index: index, key: String(entryKey[..<dot]).trimmed(of: " \t"),
                                         position: TextPosition(line: lineNumber, column: leading + 1)))
                }
                if table == nil, key.contains(".") {
                    entries.append(Entry(table: nil, index: index, key: entryTable,
                                         position: TextPosition(line: lineNumber, column: leading + 1)))
                }
                let value = trimmed[trimmed.index(after: equals)...]
                for delimiter in ["\"\"\"", "'''"] where Self.count(delimiter, in: value) % 2 == 1 {
                    multiline = delimiter
                    break
                }
            }
        }
    }

    /// Where `key` is set, in `table` (nil: the root) and, for arrays of tables, its `index`-th
    /// element.
    public func position(ofKey key: String, table: String? = nil, index: Int = 0) -> TextPosition? {
        entries.first { $0.key == key && $0.table == table && ($0.table == nil || $0.index == index) }?
            .position
    }

    /// Where the header of `table` (its `index`-th element for arrays of tables) is.
    public func position(ofTable table: String, index: Int = 0) -> TextPosition? {
        entries.first { $0.key == nil && $0.table == table && $0.index == index }?.position
    }

    /// The key's position, else its table's, else 1:1.
    public func bestPosition(ofKey key: String, table: String? = nil, index: Int = 0) -> TextPosition {
        if let found = position(ofKey: key, table: table, index: index) { return found }
        if let table, let found = position(ofTable: table, index: index) { return found }
        return TextPosition(line: 1, column: 1)
    }

    private static func headerName(_ text: Substring, closing: String) -> String {
        let end = text.range(of: closing)?.lowerBound ?? text.endIndex
        return text[..<end].trimmed(of: " \t").replacingOccurrences(of: "\"", with: "")
    }

    private static func count(_ needle: String, in text: Substring) -> Int {
        var count = 0
        var rest = text[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}

extension StringProtocol {
    fileprivate func trimmed(of characters: String) -> String {
        let set = Set(characters)
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
