import NewsdeskCore

/// The shapes of lines that are not running sentences: list items,
/// separators, code, commands, formulas and table rows. The checks leave
/// them alone, because a reader does not expect them to end like a sentence
/// or to read like prose.
extension CheckedText {
    static let listBullets: Set<String> = [
        "•", "·", "-", "*", "–", "—", "▪", "►", "›", "»", "+", "‣", "◦", "○", "●", "■", "□", "✓", "✔", "→", "✅",
    ]
    /// Characters a separator line is drawn with ("---", "***", "===", "* * *").
    /// (A lone "•" is an empty list item, not a separator.)
    static let ruleCharacters: Set<String> = ["-", "–", "—", "*", "=", "_", "~", "#", "⁂", "+"]
    /// Operators and markers that prose does not use.
    private static let codeMarkers: [StaticString] = [
        "{", "}", "==", "!=", ":=", "=>", "->", "<-", "&&", "||", "+=", "::", " = ", "</", "/>", "<!--",
    ]
    private static let codeLeads: [StaticString] = ["# ", "//", "$ ", ">>> ", "<"]

    /// The last line of a paragraph (lines and paragraphs are trimmed alike).
    func lastLine(of paragraph: Range<Int>) -> Range<Int> {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let middle = (low + high) / 2
            if lines[middle].upperBound < paragraph.upperBound { low = middle + 1 } else { high = middle }
        }
        guard lines.indices.contains(low), lines[low].upperBound == paragraph.upperBound else { return paragraph }
        return max(lines[low].lowerBound, paragraph.lowerBound)..<paragraph.upperBound
    }

    /// The first line of a paragraph.
    func firstLine(of paragraph: Range<Int>) -> Range<Int> {
        var end = paragraph.lowerBound
        while end < paragraph.upperBound, !(tokens[end].kind == .space && tokens[end].newlines > 0) { end += 1 }
        return paragraph.lowerBound..<end
    }

    /// "- item", "• item", "1. item", "2) item", "a. item", "(iii) item".
    func isListItem(_ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        let first = tokens[line.lowerBound]
        func spaceAfter(_ index: Int) -> Bool {
            index + 1 < line.upperBound && tokens[index + 1].kind == .space
        }
        if first.kind == .punctuation, Self.listBullets.contains(first.text) {
            // A run of bullets (">>", "--") still opens an item; a lone one is a separator.
            var index = line.lowerBound
            while index + 1 < line.upperBound, tokens[index + 1].kind == .punctuation,
                Self.listBullets.contains(tokens[index + 1].text)
            {
                index += 1
            }
            return spaceAfter(index)
        }
        var index = line.lowerBound
        if first.text == "(" { index += 1 }
        guard index + 1 < line.upperBound else { return false }
        let marker = tokens[index]
        let isMarker =
            (marker.kind == .number && marker.text.count <= 3
                && !marker.text.contains(where: { $0 == "." || $0 == "," }))
            || (marker.kind == .word && marker.text.count <= 4 && marker.text == marker.lower
                && (marker.text.count == 1 || marker.text.allSatisfy { "ivx".contains($0) }))
        guard isMarker else { return false }
        let closer = tokens[index + 1].text
        return (closer == "." || closer == ")") && spaceAfter(index + 1)
    }

    /// A line drawn with rule characters only: "---", "***", "* * *", "======", "—".
    func isSeparator(_ line: Range<Int>) -> Bool {
        !line.isEmpty
            && line.allSatisfy { tokens[$0].kind == .space || Self.ruleCharacters.contains(tokens[$0].text) }
    }

    /// Code, a command, a formula or markup: braces, operators, a comment or
    /// prompt at the start, snake_case identifiers.
    func isCodeLike(_ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        let start = tokens[line.lowerBound].start
        let end = tokens[line.upperBound - 1].end
        let lower = LowercasedBytes(bytes[start..<end])
        if Self.codeMarkers.contains(where: { lower.contains($0) }) { return true }
        if Self.codeLeads.contains(where: { lead in lead.withUTF8Buffer { lower.bytes.starts(with: $0) } }) {
            return true
        }
        if tokens[line.upperBound - 1].text == ";" { return true }
        // snake_case: an underscore glued between two words.
        for index in line.dropFirst().dropLast() where tokens[index].text == "_" {
            if tokens[index - 1].kind != .space && tokens[index + 1].kind != .space { return true }
        }
        return false
    }

    /// A table row: cells split by "|".
    func isTableRow(_ line: Range<Int>) -> Bool {
        line.contains { tokens[$0].text == "|" }
    }

    /// Any line that is not a running sentence.
    func isStructured(_ line: Range<Int>) -> Bool {
        isListItem(line) || isSeparator(line) || isCodeLike(line) || isTableRow(line)
    }

    /// The words (and numbers) of a line.
    func wordCount(_ range: Range<Int>) -> Int {
        range.reduce(0) { $0 + (tokens[$1].kind == .word || tokens[$1].kind == .number ? 1 : 0) }
    }
}
