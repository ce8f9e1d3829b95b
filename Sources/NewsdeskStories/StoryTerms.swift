/// The terms an article is compared by: words (lower case, common words
/// left out, plurals folded), numbers of two digits or more, and names —
/// capitalised words not opening a sentence — as terms of their own.
/// (Folding suffixes raised B-cubed F1 from 0.975 to 0.982 on basil and
/// kept neus at 0.738, with the threshold moved from 0.27 to 0.28.)
enum StoryTerms {
    /// Each term's weight in the article, and the word it was first written as there.
    struct Counts {
        var weights: [String: Double] = [:]
        var words: [String: String] = [:]

        subscript(term: String) -> Double? { weights[term] }
    }

    static func counts(title: String, text: String, titleWeight: Double) -> Counts {
        var counts = Counts()
        add(title, weight: titleWeight, to: &counts)
        add(text, weight: 1, to: &counts)
        return counts
    }

    private static func add(_ text: String, weight: Double, to counts: inout Counts) {
        var previousEndsSentence = true
        for word in words(in: text) {
            defer { previousEndsSentence = word.endsSentence }
            let lower = word.text.lowercased()
            guard let first = lower.unicodeScalars.first else { continue }
            if first.properties.numericType != nil {
                let digits = lower.filter { $0 != "," }.trimmingTrailingPeriod()
                if digits.count >= 2 { counts.weights["#" + digits, default: 0] += weight }
                continue
            }
            guard lower.count >= 3, !stopWords.contains(lower) else { continue }
            let term = stem(lower)
            counts.weights[term, default: 0] += weight
            if counts.words[term] == nil { counts.words[term] = lower }
            if !previousEndsSentence, word.text.first?.isUppercase == true {
                // A name is not a word with a suffix: Reading is not "read".
                counts.weights["N:" + foldPlural(lower), default: 0] += weight * 0.5
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
            // A word's trailing apostrophes and hyphens are not part of it.
            while let last = current.last, last == "'" || last == "’" || last == "-" { current.removeLast() }
            if !current.isEmpty { words.append(Word(text: current, endsSentence: endsSentence)) }
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
    static func foldPlural(_ word: String) -> String {
        var word = word
        if word.hasSuffix("'s") || word.hasSuffix("’s") { word.removeLast(2) }
        if word.count > 4 && word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") {
            word.removeLast()
        }
        return word
    }

    /// Plurals, possessives and the common suffixes folded, lightly: "courts" and "court's" are "court",
    /// "deported", "deporting" and "deportation" are "deport".
    static func stem(_ word: String) -> String {
        if word.count > 4 && word.hasSuffix("ies") { return foldPlural(word) }
        var word = foldPlural(word)
        let length = word.count
        for suffix in ["ations", "ation", "ings", "ing", "edly", "ed", "ers", "er", "ment", "ments", "ly"] {
            if length >= suffix.count + 4 && word.hasSuffix(suffix) {
                word.removeLast(suffix.count)
                if word.hasSuffix("e") { word.removeLast() }
                return word
            }
        }
        if length > 5 && word.hasSuffix("e") { word.removeLast() }
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
