import NewsdeskCore

/// A headline or paragraph that appears twice.
enum DuplicateCheck {
    /// A paragraph this long repeated anywhere is a duplicate; shorter ones
    /// (list items, recurring questions, product boxes) only when they repeat
    /// the one right before them or the headline.
    static let longParagraphWords = 30

    /// Running text, not a list line: mostly words, ending a sentence.
    private static func isProse(_ text: CheckedText, _ paragraph: Range<Int>, _ words: [Int]) -> Bool {
        let numbers = words.filter { text.tokens[$0].kind == .number }.count
        return numbers * 10 < words.count
            && [".", "!", "?", "”", "\""].contains(text.tokens[paragraph.upperBound - 1].text)
    }

    static func run(_ text: CheckedText) -> [Finding] {
        var seen: [Int: Int] = [:]
        var findings: [Finding] = []
        var previousKey = 0
        for (position, paragraph) in text.paragraphs.enumerated() {
            let words = paragraph.filter { text.tokens[$0].kind == .word || text.tokens[$0].kind == .number }
            guard words.count >= 5 else {
                previousKey = 0
                continue
            }
            // A hash of the lower-case bytes, spaces left out, stands for the
            // paragraph (a collision only risks a missed duplicate).
            var hasher = Hasher()
            text.lowerBytes.bytes.withUnsafeBytes { lower in
                for word in paragraph where text.tokens[word].kind != .space {
                    let token = text.tokens[word]
                    hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: lower[token.start..<token.end]))
                }
            }
            let key = hasher.finalize()
            defer { previousKey = key }
            guard let first = seen[key] else {
                seen[key] = position
                continue
            }
            let message: String
            if key == previousKey {
                message =
                    first == 0 ? "The headline is repeated." : "This repeats the paragraph before it word for word."
            } else if first == 0 {
                message = "This repeats the headline."
            } else if words.count >= longParagraphWords && isProse(text, paragraph, words) {
                message = "This repeats an earlier paragraph word for word."
            } else {
                continue
            }
            findings.append(text.finding(.duplicate, tokens: paragraph.lowerBound, paragraph.upperBound - 1, message))
        }
        return findings
    }
}
