/// The terms an article is compared by: words (lower case, common words
/// left out, plurals folded), numbers of two digits or more, and names —
/// capitalised words not opening a sentence — as terms of their own.
enum StoryTerms {
    static func counts(title: String, text: String, titleWeight: Double) -> [String: Double] {
        var counts: [String: Double] = [:]
        add(title, weight: titleWeight, to: &counts)
        add(text, weight: 1, to: &counts)
        return counts
    }

    /// How a term is shown in an explanation: names and numbers without their marks.
    static func display(_ term: String) -> String {
        term.hasPrefix("N:") || term.hasPrefix("#")
            ? String(term.drop(while: { $0 != ":" && $0 != "#" }).dropFirst()) : term
    }

    private static func add(_ text: String, weight: Double, to counts: inout [String: Double]) {
        var previousEndsSentence = true
        for word in words(in: text) {
            defer { previousEndsSentence = word.endsSentence }
            let lower = word.text.lowercased()
            guard let first = lower.unicodeScalars.first else { continue }
            if first.properties.numericType != nil {
                let digits = lower.filter { $0 != "," }.trimmingTrailingPeriod()
                if digits.count >= 2 { counts["#" + digits, default: 0] += weight }
                continue
            }
            guard lower.count >= 3, !stopWords.contains(lower) else { continue }
            let term = stem(lower)
            counts[term, default: 0] += weight
            if !previousEndsSentence, word.text.first?.isUppercase == true {
                counts["N:" + term, default: 0] += weight * 0.5
            }
        }
    }

    private struct Word {
        var text: String
        var endsSentence: Bool
    }

    /// Words start with a letter and go on through letters, apostrophes and hyphens; numbers start with a
    /// digit and go on through digits, commas and points.
    private static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var isNumber = false
        func finish(endsSentence: Bool) {
            let trimmed = String(current.reversed().drop(while: { "'’-".contains($0) }).reversed())
            if !trimmed.isEmpty { words.append(Word(text: trimmed, endsSentence: endsSentence)) }
            current = ""
        }
        for character in text {
            if current.isEmpty {
                if character.isLetter {
                    isNumber = false
                    current.append(character)
                } else if character.isNumber {
                    isNumber = true
                    current.append(character)
                } else if !words.isEmpty && (character == "." || character == "!" || character == "?") {
                    words[words.count - 1].endsSentence = true
                }
                continue
            }
            if isNumber
                ? (character.isNumber || character == "," || character == ".")
                : (character.isLetter || character == "'" || character == "’" || character == "-")
            {
                current.append(character)
            } else {
                finish(endsSentence: character == "." || character == "!" || character == "?")
            }
        }
        finish(endsSentence: true)
        return words
    }

    /// Plurals and possessives folded: "courts" and "court's" are "court".
    static func stem(_ word: String) -> String {
        var word = word
        if word.hasSuffix("'s") || word.hasSuffix("’s") { word.removeLast(2) }
        if word.count > 4 && word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") {
            return String(word.dropLast())
        }
        return word
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she",
        "they", "we", "you", "i", "his", "her", "their", "our", "your", "them", "him", "us", "me", "my", "not", "no",
        "yes", "do", "does", "did", "done", "have", "has", "had", "having", "will", "would", "can", "could", "should",
        "may", "might", "must", "shall", "than", "then", "there", "here", "who", "whom", "whose", "which", "what",
        "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such",
        "only", "own", "same", "so", "too", "very", "just", "now", "also", "into", "over", "after", "before", "under",
        "again", "further", "once", "about", "against", "between", "through", "during", "above", "below", "up",
        "down", "out", "off", "said", "says", "say", "mr", "mrs", "ms", "new", "one", "two", "per", "cent", "percent",
        "year", "years", "day", "days", "week", "weeks", "time",
    ]
}

extension String {
    fileprivate func trimmingTrailingPeriod() -> String {
        var text = self
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
