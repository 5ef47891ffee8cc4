import GRDB

/// The search index's own tokenizer (FTS5's `unicode61 remove_diacritics 2`), run on a small in-memory SQLite
/// database, so that text is cut into words exactly as `searchIndex` cuts it, Unicode tables and all, without
/// a second implementation to drift from it. The shared server's tsvector search is built from these words, on
/// the document side and the query side alike (Store/Server/SharedLog+Search.swift), and its hits' snippets are
/// FTS5's own.
final class SearchTokenizer: Sendable {
    private let queue: DatabaseQueue

    init() throws {
        queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE scratch USING fts5(body, tokenize = '\(SearchIndexSQL.tokenizer)');
                CREATE VIRTUAL TABLE scratchWords USING fts5vocab(scratch, instance);
                """)
        }
    }

    /// What PostgreSQL keeps of a lexeme and of its positions (longer lexemes are refused, later positions cut).
    static let maxLexemeBytes = 2_046
    static let maxPosition = 16_383
    static let maxPositionsPerLexeme = 256
    static let maxBytes = 900_000

    /// Each text's words, in order.
    func words(_ texts: [String?]) throws -> [[String]] {
        guard !texts.isEmpty else { return [] }
        return try scratch(texts) { db in
            var words = Array(repeating: [(offset: Int, word: String)](), count: texts.count)
            let rows = try Row.fetchCursor(db, sql: "SELECT doc, term, \"offset\" FROM scratchWords")
            while let row = try rows.next() {
                let doc: Int = row[0]
                words[doc - 1].append((row[2], row[1]))
            }
            return words.map { $0.sorted { $0.offset < $1.offset }.map(\.word) }
        }
    }

    /// FTS5's snippet of each text for `expression` (as the index makes it: `snippet(…, char(2), char(3), '…', 16)`),
    /// nil for a text the expression does not match.
    func snippets(_ texts: [String?], expression: String) throws -> [String?] {
        guard !texts.isEmpty else { return [] }
        return try scratch(texts) { db in
            var snippets = [String?](repeating: nil, count: texts.count)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT rowid, snippet(scratch, 0, char(2), char(3), '…', 16) FROM scratch WHERE scratch MATCH ?
                """, arguments: [expression])
            while let row = try rows.next() {
                let doc: Int = row[0]
                snippets[doc - 1] = row[1]
            }
            return snippets
        }
    }

    /// Runs `body` with `texts` in the scratch table (rowid 1, 2, …), then forgets them (the transaction rolls back).
    private func scratch<T>(_ texts: [String?], _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try queue.inTransaction { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO scratch (rowid, body) VALUES (?, ?)")
            for (index, text) in texts.enumerated() {
                try insert.execute(arguments: [index + 1, text])
            }
            result = try body(db)
            return .rollback
        }
        guard let result else { throw StoreError.invalid("The search tokenizer returned nothing.") }
        return result
    }

    /// A text's words as a tsvector literal (`'word':1,4 'other':2`): PostgreSQL takes the words as they are,
    /// with no parser or dictionary of its own in between.
    static func tsvector(_ words: [String]) -> String {
        var positions: [String: [Int]] = [:]
        var order: [String] = []
        // A tsvector holds at most 1 MB of words and places: a text with more keeps its first ones.
        var bytes = 0
        for (offset, whole) in words.enumerated() {
            // A word longer than a lexeme holds is kept cut short: a prefix query still finds it (and a query for
            // the whole word is answered by the copy, see `query`).
            let word = whole.utf8.count <= maxLexemeBytes ? whole : cut(whole)
            if positions[word] == nil {
                bytes += word.utf8.count + 8
                guard bytes < maxBytes else { continue }
                order.append(word)
            }
            bytes += 2
            positions[word, default: []].append(min(offset + 1, maxPosition))
        }
        return order.map { word in
            let kept = positions[word, default: []].prefix(maxPositionsPerLexeme)
            return lexeme(word) + ":" + kept.map(String.init).joined(separator: ",")
        }.joined(separator: " ")
    }

    /// What a query asks of the server, as a tsquery literal.
    enum Query: Equatable {
        /// Every term's words: `'cafe' & ('two' <-> 'words') & 'pre':*`.
        case tsquery(String)
        /// No term has a word (FTS5 then matches nothing).
        case nothing
        /// A word longer than PostgreSQL keeps: only the index itself can answer.
        case unanswerable
    }

    /// The server's form of a query: each term is FTS5's phrase of the term's words (a prefix term's last word
    /// a prefix); a term without words is left out, as FTS5 leaves an empty phrase out of an AND.
    func query(_ query: SearchQuery) throws -> Query {
        let termWords = try words(query.terms.map(\.text))
        var parts: [String] = []
        for (term, words) in zip(query.terms, termWords) where !words.isEmpty {
            // The server holds a longer word's first 2,043 to 2,046 bytes: a query word that long could match a
            // word that was cut, or fail to; the copy answers it.
            if words.contains(where: { $0.utf8.count > Self.maxLexemeBytes - 4 }) { return .unanswerable }
            var lexemes = words.map(Self.lexeme)
            if term.isPrefix { lexemes[lexemes.count - 1] += ":*" }
            parts.append(lexemes.count == 1 ? lexemes[0] : "(" + lexemes.joined(separator: " <-> ") + ")")
        }
        return parts.isEmpty ? .nothing : .tsquery(parts.joined(separator: " & "))
    }

    /// The longest start of `word` a lexeme holds, cut between scalars.
    private static func cut(_ word: String) -> String {
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in word.unicodeScalars {
            bytes += String(scalar).utf8.count
            if bytes > maxLexemeBytes { break }
            kept.append(scalar)
        }
        return String(kept)
    }

    /// A quoted lexeme of a tsvector or tsquery literal.
    private static func lexeme(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
