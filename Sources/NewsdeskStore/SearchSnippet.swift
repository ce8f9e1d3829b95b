import Foundation

/// A search hit's snippet, cut in Swift from the hits that are shown: SQLite's `snippet()` is computed
/// for every row a query ranks, and it was half a search's time. The words are found as the full-text
/// index finds them (letters and digits, case and accents folded).
package enum SearchSnippet {
    /// The `size` words of `text` where the search's terms are densest, matched words between « and »,
    /// with … where the text goes on. The opening words when none match (the title did).
    package static func make(_ text: String, terms: [FullTextQuery.Term], size: Int = 16) -> String {
        let bytes = Array(text.utf8)
        let tokens = self.tokens(bytes)
        guard !tokens.isEmpty else { return "" }
        let wanted = terms.map { $0.words.map { Array(fold($0).utf8) } }
        // For each word, the term that matched it.
        var matched = [Int?](repeating: nil, count: tokens.count)
        for start in tokens.indices {
            for (number, words) in wanted.enumerated() where start + words.count <= tokens.count {
                let isPrefix = terms[number].isPrefix
                let matches = words.indices.allSatisfy { offset in
                    token(
                        tokens[start + offset], in: bytes, is: words[offset],
                        prefix: isPrefix && offset == words.count - 1)
                }
                if matches {
                    for offset in words.indices { matched[start + offset] = number }
                }
            }
        }
        let first = bestWindow(matched, size: size)
        let last = min(tokens.count, first + size) - 1
        var snippet = first > 0 ? "…" : ""
        var position = tokens[first].range.lowerBound
        for index in first...last {
            let token = tokens[index]
            append(bytes[position..<token.range.lowerBound], to: &snippet)
            let word = String(decoding: bytes[token.range], as: UTF8.self)
            snippet += matched[index] == nil ? word : "«" + word + "»"
            position = token.range.upperBound
        }
        if last < tokens.count - 1 {
            snippet += "…"
        } else {
            // The end of the text: its closing stop too.
            append(bytes[position...], to: &snippet)
            while snippet.last?.isWhitespace == true { snippet.removeLast() }
        }
        return snippet
    }

    /// The words of `text` as the full-text index keeps them (letters and digits, case and accents folded),
    /// in order: what another store's index is built from, to find what SQLite's finds.
    package static func foldedWords(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return tokens(bytes).map { token in
            if let folded = token.folded { return String(decoding: folded, as: UTF8.self) }
            return String(decoding: bytes[token.range].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }
    }

    /// Text between words, its guillemets made curly quotes: « and » mark matches in a snippet.
    private static func append(_ text: ArraySlice<UInt8>, to snippet: inout String) {
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
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
        /// Where the word is, in bytes of UTF-8.
        var range: Range<Int>
        /// The word as the index compares it; only for words not all ASCII, the others are compared
        /// byte by byte.
        var folded: [UInt8]?
    }

    private static func tokens(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var start: Int?
        var isASCII = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            let isWord: Bool
            if byte < 0x80 {
                length = 1
                isWord = asciiWord[Int(byte)]
            } else {
                (length, isWord) = decodedIsWord(bytes, at: index)
            }
            if isWord {
                if start == nil {
                    start = index
                    isASCII = true
                }
                isASCII = isASCII && byte < 0x80
            } else if let first = start {
                tokens.append(token(bytes, first..<index, isASCII: isASCII))
                start = nil
            }
            index += length
        }
        if let first = start { tokens.append(token(bytes, first..<bytes.count, isASCII: isASCII)) }
        return tokens
    }

    private static func token(_ bytes: [UInt8], _ range: Range<Int>, isASCII: Bool) -> Token {
        Token(range: range, folded: isASCII ? nil : Array(fold(String(decoding: bytes[range], as: UTF8.self)).utf8))
    }

    /// The length of the scalar starting at `index` (a byte of 0x80 or more) and whether it is part of words.
    private static func decodedIsWord(_ bytes: [UInt8], at index: Int) -> (length: Int, isWord: Bool) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return (1, false) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return (length, false) }
        let properties = scalar.properties
        return (
            length,
            properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
        )
    }

    /// Whether the word at `token` is `wanted` (folded), or begins with it.
    private static func token(_ token: Token, in bytes: [UInt8], is wanted: [UInt8], prefix: Bool) -> Bool {
        if let folded = token.folded {
            return prefix ? folded.starts(with: wanted) : folded == wanted
        }
        let word = bytes[token.range]
        guard prefix ? word.count >= wanted.count : word.count == wanted.count else { return false }
        return zip(word, wanted).allSatisfy { a, b in (a >= 65 && a <= 90 ? a + 32 : a) == b }
    }

    private static let asciiWord: [Bool] = (0..<128).map { value in
        (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value)
    }

    package static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 128 }) { return word.lowercased() }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
