import Foundation
import NewsdeskStore

/// The full-text index's documents and queries as `tsvector` and `tsquery` literals, built here rather
/// than by PostgreSQL's parser: words are split and folded (case, accents) exactly as SQLite's index and
/// the snippets split them, so both stores find the same articles, with no extension to install.
/// The literals travel as bound parameters, cast by the server.
enum SearchDocument {
    /// PostgreSQL keeps positions up to this one: words after it all share it, so they are still found, but a
    /// "phrase" there is not (SQLite finds it). Articles that long are rare; the conformance suite checks the rest.
    static let lastPosition = 16_383
    /// And at most this many positions of one word.
    static let positionsPerWord = 256
    /// And no word longer than this, in bytes.
    static let longestWord = 2_046

    /// The title's words at weight A, then the text's at the default D, one position apart so that no
    /// "phrase" runs from the title into the text.
    static func vector(title: String, text: String) -> String {
        var positions: [String: [String]] = [:]
        var order: [String] = []
        var position = 0
        for (words, weight) in [(SearchSnippet.foldedWords(title), "A"), (SearchSnippet.foldedWords(text), "")] {
            for word in words where word.utf8.count <= longestWord {
                position = min(position + 1, lastPosition)
                if positions[word] == nil { order.append(word) }
                let entry = "\(position)\(weight)"
                if positions[word, default: []].count < positionsPerWord, positions[word]?.last != entry {
                    positions[word, default: []].append(entry)
                }
            }
            position = min(position + 1, lastPosition)
        }
        return order.map { word in quoted(word) + ":" + positions[word, default: []].joined(separator: ",") }
            .joined(separator: " ")
    }

    /// The search box's terms, all of which must match: a phrase's words one after another, a prefix with `:*`.
    /// Empty when the query holds no word.
    static func query(_ terms: [FullTextQuery.Term]) -> String {
        terms.compactMap { term -> String? in
            let words = term.words.flatMap(SearchSnippet.foldedWords)
            guard !words.isEmpty else { return nil }
            let operands = words.enumerated().map { index, word in
                quoted(word) + (term.isPrefix && index == words.count - 1 ? ":*" : "")
            }
            return "(" + operands.joined(separator: " <-> ") + ")"
        }.joined(separator: " & ")
    }

    /// A lexeme between single quotes, quotes and backslashes escaped (words have none, but a literal
    /// must not depend on that).
    private static func quoted(_ word: String) -> String {
        // Foundation's replacing is slow on Linux, and a word seldom needs it.
        guard word.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "'") }) else {
            return "'" + word + "'"
        }
        return "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
