import NewsdeskCore

/// A headline or paragraph that appears twice.
enum DuplicateCheck {
    /// A run of paragraphs this long repeated anywhere is a duplicate; shorter
    /// ones (list items, recurring questions, product boxes) only when they
    /// repeat the one right before them or the headline.
    static let longParagraphWords = 30

    /// Running text, not a list line or a table cell: mostly words, ending a sentence.
    private static func isProse(_ text: CheckedText, _ paragraph: Range<Int>, _ words: [Int]) -> Bool {
        let numbers = words.filter { text.tokens[$0].kind == .number }.count
        return numbers * 10 < words.count
            && [".", "!", "?", "”", "\""].contains(text.tokens[paragraph.upperBound - 1].text)
    }

    /// A row of figures ("1, plus $11 monthly per added user"): neighbouring table cells may hold the same.
    private static func isFigures(_ text: CheckedText, _ words: [Int]) -> Bool {
        words.filter { text.tokens[$0].kind == .number }.count * 5 >= words.count
    }

    /// A hash of the paragraph's bytes, spaces left out (a collision only
    /// risks a missed duplicate); 0 for paragraphs under five words. A scraper
    /// copies text exactly, so letter case counts: a heading that echoes the
    /// title in its own capitals is the writer's.
    private static func key(_ text: CheckedText, _ paragraph: Range<Int>, words: Int) -> Int {
        guard words >= 5 else { return 0 }
        var hasher = Hasher()
        text.bytes.withUnsafeBytes { bytes in
            for token in paragraph where text.tokens[token].kind != .space {
                let token = text.tokens[token]
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]))
            }
        }
        return hasher.finalize()
    }

    static func run(_ text: CheckedText) -> [Finding] {
        let words = text.paragraphs.map { paragraph in
            paragraph.filter { text.tokens[$0].kind == .word || text.tokens[$0].kind == .number }
        }
        let keys = zip(text.paragraphs, words).map { key(text, $0, words: $1.count) }
        let long = zip(text.paragraphs, words).map { $1.count >= longParagraphWords && isProse(text, $0, $1) }
        var seen: [Int: Int] = [:]
        var findings: [Finding] = []
        for (position, paragraph) in text.paragraphs.enumerated() where keys[position] != 0 {
            let key = keys[position]
            guard let first = seen[key] else {
                seen[key] = position
                continue
            }
            // A long paragraph alone in a new place is a pull quote or the page's
            // template text (each event's blurb); a scraper repeats a run of them.
            func repeatsNeighbour(_ offset: Int) -> Bool {
                let here = position + offset
                let there = first + offset
                return there != position && keys.indices.contains(here) && keys.indices.contains(there)
                    && keys[here] != 0 && keys[here] == keys[there] && long[here]
            }
            let message: String
            if keys[position - 1] == key {
                guard first == 0 || !isFigures(text, words[position]) else { continue }
                message =
                    first == 0 ? "The headline is repeated." : "This repeats the paragraph before it word for word."
            } else if first == 0 {
                message = "This repeats the headline."
            } else if long[position] && (repeatsNeighbour(-1) || repeatsNeighbour(1)) {
                message = "This repeats an earlier paragraph word for word."
            } else {
                continue
            }
            findings.append(text.finding(.duplicate, tokens: paragraph.lowerBound, paragraph.upperBound - 1, message))
        }
        return findings
    }
}
