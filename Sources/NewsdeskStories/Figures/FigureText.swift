/// A text cut into tokens and sentences, with offsets in Unicode scalars (as findings give them).
struct FigureText {
    struct Token {
        enum Kind { case word, digits, symbol }
        var kind: Kind
        var text: String
        var start: Int
        var end: Int
        /// The whitespace before the token, "" when it is glued to the one before.
        var spaceBefore: String
        /// `text` in lower case, made once: every rule reads it.
        var lower: String
    }

    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    /// Token ranges, one per sentence.
    let sentences: [Range<Int>]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        tokens = Self.tokenize(scalars)
        sentences = Self.sentences(of: tokens, in: scalars)
    }

    /// The sentence's text as written, from its first token to its last.
    func sentenceText(_ index: Int) -> String {
        let range = sentences[index]
        guard !range.isEmpty else { return "" }
        return slice(tokens[range.lowerBound].start, tokens[range.upperBound - 1].end)
    }

    func slice(_ start: Int, _ end: Int) -> String {
        var string = String.UnicodeScalarView()
        string.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
        return String(string)
    }

    /// The sentence holding scalar offset `offset`, or the nearest before it.
    func sentence(at offset: Int) -> Int? {
        var found: Int?
        for (number, range) in sentences.enumerated() where !range.isEmpty {
            if tokens[range.lowerBound].start <= offset { found = number } else { break }
        }
        return found
    }

    /// Letters (ASCII answered without the Unicode tables, which cost most of a text's reading).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (scalar.value >= 9 && scalar.value <= 13) }
        return scalar.properties.isWhitespace
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar >= "0" && scalar <= "9" }
        return scalar.properties.numericType == .decimal
    }

    private static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var space = ""
        while index < scalars.count {
            let scalar = scalars[index]
            if isSpace(scalar) {
                space.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let start = index
            let kind: Token.Kind
            if isDigit(scalar) {
                // Digits with points and commas between them: 1,000 · 3.7 · 1.000,5
                kind = .digits
                index += 1
                while index < scalars.count {
                    let next = scalars[index]
                    if isDigit(next) {
                        index += 1
                    } else if next == "." || next == ",", index + 1 < scalars.count,
                        isDigit(scalars[index + 1])
                    {
                        index += 2
                    } else {
                        break
                    }
                }
            } else if isWordScalar(scalar) {
                kind = .word
                index += 1
                while index < scalars.count {
                    let next = scalars[index]
                    if isWordScalar(next) {
                        index += 1
                    } else if next == "-" || next == "'" || next == "’" || next == ".",
                        index + 1 < scalars.count, isWordScalar(scalars[index + 1])
                    {
                        // Hyphenated words, "don't", and "U.S" (the last point is a token of its own).
                        index += 2
                    } else {
                        break
                    }
                }
            } else {
                kind = .symbol
                index += 1
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start..<index])
            let written = String(text)
            tokens.append(
                Token(
                    kind: kind, text: written, start: start, end: index, spaceBefore: space,
                    lower: kind == .word ? written.lowercased() : written))
            space = ""
        }
        return tokens
    }

    /// Words after which a point does not end a sentence.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "prof", "jr", "sr",
        "inc", "co", "corp", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt", "ft", "approx", "est", "nr", "bzw", "z.b",
    ]

    private static func sentences(of tokens: [Token], in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = 0
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            var ends = false
            if let next, next.spaceBefore.contains("\n") {
                ends = true
            } else if token.kind == .symbol, ["!", "?", "。", "！", "？"].contains(token.text) {
                ends = next.map { !$0.spaceBefore.isEmpty } ?? true
            } else if token.kind == .symbol, token.text == "." {
                let previous = index > 0 ? tokens[index - 1] : nil
                let abbreviated =
                    previous.map {
                        $0.kind == .word
                            && (abbreviations.contains($0.lower) || ($0.text.count == 1 && $0.text.first!.isUppercase))
                    } ?? false
                if let next {
                    let opensSentence =
                        next.text.first.map { $0.isUppercase || $0.isNumber || "\"“‘'(".contains($0) } ?? false
                    ends = !next.spaceBefore.isEmpty && opensSentence && !abbreviated
                } else {
                    ends = true
                }
            }
            if ends || next == nil {
                if start <= index { sentences.append(start..<(index + 1)) }
                start = index + 1
            }
        }
        return sentences
    }
}
