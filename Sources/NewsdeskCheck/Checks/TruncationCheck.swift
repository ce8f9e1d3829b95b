import NewsdeskCore

/// A sentence or caption cut off: it ends on a comma, on a word that cannot
/// end a sentence, or mid-sentence with the rest in the next paragraph.
/// Headings, list items, code and table rows end without a full stop by
/// nature, so only a paragraph whose last line reads as running text is judged.
enum TruncationCheck {
    /// Words no sentence ends on. Prepositions and verbs are left out: English
    /// strands them ("what it is for", "plug in", "told you to").
    static let danglingWords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "but", "nor", "which", "whose", "whom", "as", "than", "its", "their",
        "his", "our", "your", "my", "if", "because",
    ]
    /// Endings that need what follows even where a preposition may be stranded ("died due to").
    static let danglingPairs: Set<[String]> = [
        ["due", "to"], ["according", "to"], ["prior", "to"], ["thanks", "to"], ["such", "as"], ["starts", "at"],
        ["start", "at"], ["starting", "at"], ["because", "of"], ["instead", "of"], ["ahead", "of"], ["in", "front"],
        ["as", "well"], ["more", "than"], ["less", "than"], ["rather", "than"],
    ]
    static let closers: Set<String> = [
        ".", "!", "?", "…", "\"", "”", "’", "'", ")", "]", ":", ";", "»", "。", "！", "？", "»",
    ]
    static let quoteMarks: Set<String> = ["\"", "“", "„", "«", "‘", "'", "»", "「", "『"]
    /// A last line shorter than this is a heading, a label or a list item, not a sentence broken off.
    static let sentenceWords = 8

    static func run(_ text: CheckedText) -> [Finding] {
        var findings: [Finding] = []
        let tokens = text.tokens
        for (position, paragraph) in text.paragraphs.enumerated() {
            let words = paragraph.filter { tokens[$0].kind == .word }
            guard words.count >= 6, let last = paragraph.last else { continue }
            let line = text.lastLine(of: paragraph)
            guard !text.isStructured(line), !endsBlockOfItems(text, line, in: paragraph) else { continue }
            let lineWords = text.wordCount(line)
            let next = position + 1 < text.paragraphs.count ? text.paragraphs[position + 1] : nil
            let lastToken = tokens[last]
            if lastToken.text == "," {
                // A comma may open what follows: a quotation, a list, a formula, a block of code.
                guard lineWords >= 6, !(next.map { opensBlock(text, $0, orQuote: true) } ?? false) else { continue }
                findings.append(
                    text.finding(
                        .truncated, tokens: words[max(0, words.count - 3)], last,
                        "The text stops on a comma, mid-sentence."))
                continue
            }
            guard !closers.contains(lastToken.text), lineWords >= sentenceWords,
                !(next.map { opensBlock(text, $0, orQuote: false) } ?? false)
            else { continue }
            let pair = words.suffix(2).map { tokens[$0].text }
            if lastToken.kind == .word && (danglingWords.contains(lastToken.text) || danglingPairs.contains(pair)) {
                findings.append(
                    text.finding(
                        .truncated, tokens: words[max(0, words.count - 3)], last,
                        "The sentence stops on “\(lastToken.text)”, with its end missing."))
            } else if let next, continuesSentence(text, next) {
                findings.append(
                    text.finding(
                        .truncated, tokens: words[max(0, words.count - 3)], last,
                        "The sentence breaks off here and goes on in the next paragraph."))
            }
        }
        return findings
    }

    /// Whether the line closes a block of lines that each end without
    /// punctuation (an address, header fields, an unmarked list, verse).
    private static func endsBlockOfItems(_ text: CheckedText, _ line: Range<Int>, in paragraph: Range<Int>) -> Bool {
        guard line.lowerBound > paragraph.lowerBound,
            let previous = text.previous(before: line.lowerBound, within: paragraph)
        else { return false }
        return !closers.contains(text.tokens[previous].text) && text.tokens[previous].text != ","
    }

    /// Whether a paragraph reads as the rest of a sentence: it starts with a
    /// lower-case word (not a brand such as "iOS" or "eBay", not an address)
    /// and ends like a sentence. A fragment that ends without punctuation is
    /// one more list item or a heading.
    private static func continuesSentence(_ text: CheckedText, _ paragraph: Range<Int>) -> Bool {
        let first = text.tokens[paragraph.lowerBound]
        guard first.kind == .word, first.text.first?.isLowercase == true,
            !first.text.contains(where: { $0.isUppercase }),
            !["www", "http", "https"].contains(first.lower),
            let last = paragraph.last
        else { return false }
        return closers.contains(text.tokens[last].text)
    }

    /// Whether a paragraph is a block that a line may introduce without a
    /// full stop: a list, a separator, code or a formula (or, after a comma, a quotation).
    private static func opensBlock(_ text: CheckedText, _ paragraph: Range<Int>, orQuote: Bool) -> Bool {
        let line = text.firstLine(of: paragraph)
        if text.isListItem(line) || text.isSeparator(line) || text.isCodeLike(line) || isFormula(text, line) {
            return true
        }
        return orQuote && quoteMarks.contains(text.tokens[paragraph.lowerBound].text)
    }

    /// A line of mathematics: more symbols than words ("A ⊆ B ∧ x ∈ A → x ∈ B").
    private static func isFormula(_ text: CheckedText, _ line: Range<Int>) -> Bool {
        let symbols = line.filter { text.tokens[$0].kind == .punctuation }.count
        return symbols > 0 && symbols >= text.wordCount(line)
    }
}
