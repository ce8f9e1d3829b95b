import Foundation

/// A search hit's snippet, cut in Swift from the hits that are shown: SQLite's `snippet()` is computed
/// for every row a query ranks, and it was half a search's time. The words are found as the full-text
/// index finds them (letters and digits, case and accents folded).
enum SearchSnippet {
    /// The `size` words of `text` where the search's terms are densest, matched words between « and »,
    /// with … where the text goes on. The opening words when none match (the title did).
    static func make(_ text: String, terms: [FullTextQuery.Term], size: Int = 16) -> String {
        let tokens = self.tokens(text)
        guard !tokens.isEmpty else { return "" }
        let wanted = terms.map { $0.words.map(fold) }
        // For each word, the term that matched it.
        var matched = [Int?](repeating: nil, count: tokens.count)
        for start in tokens.indices {
            for (number, words) in wanted.enumerated() where start + words.count <= tokens.count {
                let isPrefix = terms[number].isPrefix
                let matches = words.indices.allSatisfy { offset in
                    token(
                        tokens[start + offset], in: text, is: words[offset],
                        prefix: isPrefix && offset == words.count - 1)
                }
                if matches {
                    for offset in words.indices { matched[start + offset] = number }
                }
            }
        }
        let first = bestWindow(matched, size: size)
        let last = min(tokens.count, first + size) - 1
        let scalars = text.unicodeScalars
        var snippet = first > 0 ? "…" : ""
        var position = tokens[first].range.lowerBound
        for index in first...last {
            let token = tokens[index]
            append(scalars[position..<token.range.lowerBound], to: &snippet)
            let word = String(scalars[token.range])
            snippet += matched[index] == nil ? word : "«" + word + "»"
            position = token.range.upperBound
        }
        if last < tokens.count - 1 {
            snippet += "…"
        } else {
            // The end of the text: its closing stop too.
            append(scalars[position...], to: &snippet)
            while snippet.last?.isWhitespace == true { snippet.removeLast() }
        }
        return snippet
    }

    /// Text between words, its guillemets made curly quotes: « and » mark matches in a snippet.
    private static func append(_ text: Substring.UnicodeScalarView, to snippet: inout String) {
        for scalar in text {
            snippet.unicodeScalars.append(scalar == "«" ? "“" : scalar == "»" ? "”" : scalar)
        }
    }

    /// The first word of the window holding the most different terms, then the most matched words; the
    /// earliest such window.
    private static func bestWindow(_ matched: [Int?], size: Int) -> Int {
        var best = (start: 0, score: -1)
        for start in matched.indices where start == 0 || matched[start] != nil {
            let window = matched[start..<min(matched.count, start + size)]
            let score = Set(window.compactMap { $0 }).count * 1_000 + window.filter { $0 != nil }.count
            if score > best.score { best = (start, score) }
        }
        // A little of what leads up to the first match, when the window has room to spare.
        guard best.start > 0 else { return 0 }
        return max(0, best.start - 2)
    }

    private struct Token {
        var range: Range<String.Index>
        /// The word as the index compares it; only for words not all ASCII, the others are compared
        /// byte by byte.
        var folded: String?
    }

    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var start: String.Index?
        var isASCII = true
        func finish(at end: String.Index) {
            guard let first = start else { return }
            tokens.append(Token(range: first..<end, folded: isASCII ? nil : fold(String(scalars[first..<end]))))
            start = nil
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if isWordScalar(scalar) {
                if start == nil {
                    start = index
                    isASCII = true
                }
                isASCII = isASCII && scalar.isASCII
            } else {
                finish(at: index)
            }
            index = scalars.index(after: index)
        }
        finish(at: scalars.endIndex)
        return tokens
    }

    /// Whether the word at `token` is `wanted` (folded), or begins with it.
    private static func token(_ token: Token, in text: String, is wanted: String, prefix: Bool) -> Bool {
        if let folded = token.folded { return prefix ? folded.hasPrefix(wanted) : folded == wanted }
        let word = text.utf8[token.range]
        guard prefix ? word.count >= wanted.utf8.count : word.count == wanted.utf8.count else { return false }
        return zip(word, wanted.utf8).allSatisfy { a, b in (a >= 65 && a <= 90 ? a + 32 : a) == b }
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 { return asciiWord[Int(value)] }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || scalar.properties.generalCategory == .nonspacingMark
    }

    private static let asciiWord: [Bool] = (0..<128).map { value in
        (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value)
    }

    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 128 }) { return word.lowercased() }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
