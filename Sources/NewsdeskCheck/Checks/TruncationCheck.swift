import NewsdeskCore

/// A sentence or caption cut off: it ends on a comma, on a word that cannot
/// end a sentence, or mid-sentence with the rest in the next paragraph.
enum TruncationCheck {
    /// Words no sentence ends on.
    static let danglingWords: Set<String> = [
        "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "from", "by", "and", "or", "but", "which",
        "that", "whose", "who", "whom", "as", "than", "into", "onto", "about", "between", "its", "their", "his",
        "her", "our", "your", "my", "is", "are", "was", "were", "be", "has", "have", "had", "if", "because",
    ]
    static let closers: Set<String> = [
        ".", "!", "?", "…", "\"", "”", "’", "'", ")", "]", ":", ";", "»", "。", "！", "？", "»",
    ]

    static func run(_ text: CheckedText) -> [Finding] {
        var findings: [Finding] = []
        let tokens = text.tokens
        for (position, paragraph) in text.paragraphs.enumerated() {
            let words = paragraph.filter { tokens[$0].kind == .word }
            guard words.count >= 6, let last = paragraph.last else { continue }
            let lastToken = tokens[last]
            if lastToken.text == "," {
                findings.append(
                    text.finding(
                        .truncated, tokens: words[max(0, words.count - 3)], last,
                        "The text stops on a comma, mid-sentence."))
                continue
            }
            guard !closers.contains(lastToken.text) else { continue }
            let firstOfNext = position + 1 < text.paragraphs.count ? text.paragraphs[position + 1].first : nil
            let nextStartsLowercase =
                firstOfNext.map {
                    tokens[$0].kind == .word && tokens[$0].text.first?.isLowercase == true
                        && !["www", "http", "https"].contains(tokens[$0].lower)
                } ?? false
            if lastToken.kind == .word && danglingWords.contains(lastToken.lower) && words.count >= 8 {
                findings.append(
                    text.finding(
                        .truncated, tokens: words[max(0, words.count - 3)], last,
                        "The sentence stops on “\(lastToken.text)”, with its end missing."))
            } else if nextStartsLowercase && words.count >= 8 {
                findings.append(
                    text.finding(
                        .truncated, tokens: words[max(0, words.count - 3)], last,
                        "The sentence breaks off here and goes on in the next paragraph."))
            }
        }
        return findings
    }
}
