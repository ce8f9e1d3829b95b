import NewsdeskCore

/// The shapes of furniture lines: phrases matched on whole words, empty list
/// items, headline-like list items and an outlet glued to a headline.
extension BoilerplateCheck {
    /// Where a lower-case phrase occurs in the line on whole tokens: the index
    /// of the token after it. "subscribe" is in "Subscribers" and "newsletter"
    /// in "Newsletters" (an inflection), "share on" in "Share onFacebook" (words
    /// glued by the scraper), but "subscribe" is not in "unsubscribed".
    static func matches(_ phrase: [UInt8], in lineBytes: LowercasedBytes, _ text: CheckedText, _ line: Range<Int>)
        -> Int?
    {
        guard lineBytes.contains(phrase) else { return nil }
        let tokens = text.tokens
        let base = tokens[line.lowerBound].start
        let bytes = lineBytes.bytes
        for first in line where tokens[first].kind != .space {
            let start = tokens[first].start - base
            guard start + phrase.count <= bytes.count, bytes[start..<(start + phrase.count)].elementsEqual(phrase)
            else { continue }
            let end = start + base + phrase.count
            guard let last = line[first...].first(where: { tokens[$0].end >= end }) else { continue }
            let rest = text.text(end, tokens[last].end)
            if rest.isEmpty || inflections.contains(rest) || rest.first.map({ $0.isASCII && $0.isUppercase }) == true {
                return last + 1
            }
        }
        return nil
    }

    static let inflections: Set<String> = ["s", "es", "r", "rs", "d", "ed"]

    /// A short phrase that makes a short line furniture, unless it is a
    /// cross-reference followed by its title ("Read more: Philips Sonicare
    /// 4100") or a word the article's own sentences use (a text about
    /// newsletters has headings about newsletters).
    static func shortPhrase(
        _ text: CheckedText, _ line: Range<Int>, _ lineBytes: LowercasedBytes, proseUses: (Int) -> Bool
    ) -> String? {
        for (index, (phrase, bytes)) in shortPhraseBytes.enumerated() {
            guard let after = matches(bytes, in: lineBytes, text, line) else { continue }
            if crossReferences.contains(phrase), let colon = text.next(after: after - 1, within: line),
                text.tokens[colon].text == ":", text.next(after: colon, within: line) != nil
            {
                return nil
            }
            if !proseUses(index) { return phrase }
        }
        return nil
    }

    /// The one-word short phrases (by index) that at least two of the text's
    /// running sentences, lines longer than furniture, use: the text's topic
    /// ("subscribers" in a post about a newsletter). A cookie banner's sentence
    /// names its policy once.
    static func phrasesInProse(_ text: CheckedText) -> Set<Int> {
        var uses: [Int: Int] = [:]
        for line in text.lines where text.wordCount(line) > phraseLineWords {
            let lineBytes = LowercasedBytes(
                text.lowerBytes.bytes[text.tokens[line.lowerBound].start..<text.tokens[line.upperBound - 1].end])
            for (index, (phrase, bytes)) in shortPhraseBytes.enumerated() where !phrase.contains(" ") {
                if matches(bytes, in: lineBytes, text, line) != nil { uses[index, default: 0] += 1 }
            }
        }
        return Set(uses.filter { $0.value >= 2 }.keys)
    }

    /// "• ()", "•", "‹ › ×": a line of punctuation holding a bullet, left by a
    /// share button, an ad or a carousel (separators and code are dealt with before).
    static func isEmptyItem(_ text: CheckedText, _ line: Range<Int>) -> Bool {
        let tokens = text.tokens
        return line.allSatisfy { tokens[$0].kind == .space || tokens[$0].kind == .punctuation }
            && line.contains { bullets.contains(tokens[$0].text) }
    }

    /// "> what do you think?": a line quoted in a mail or a forum post.
    static func isQuotedMail(_ text: CheckedText, _ line: Range<Int>) -> Bool {
        line.count > 1 && text.tokens[line.lowerBound].text == ">" && text.tokens[line.lowerBound + 1].kind == .space
    }

    /// The first token after a leading bullet, if the line has one.
    static func contentStart(_ text: CheckedText, _ line: Range<Int>) -> Int? {
        guard bullets.contains(text.tokens[line.lowerBound].text) else { return nil }
        return text.next(after: line.lowerBound, within: line)
    }

    /// A list item that reads as a headline: a bullet, a few words, no closing full stop.
    static func isHeadlineItem(_ text: CheckedText, _ line: Range<Int>) -> Bool {
        let tokens = text.tokens
        guard bullets.contains(tokens[line.lowerBound].text) else { return false }
        let words = line.filter { tokens[$0].kind == .word }
        guard (2...16).contains(words.count) else { return false }
        return ![".", "!", "?"].contains(tokens[line.upperBound - 1].text)
    }

    /// "Headline – Example.com, Example News": the index where the glued outlet
    /// begins. A list item, a citation with its address and a list of sources
    /// name their outlets on purpose.
    static func gluedOutlet(_ text: CheckedText, _ line: Range<Int>) -> Int? {
        let tokens = text.tokens
        let words = line.filter { tokens[$0].kind == .word }
        guard words.count >= 4, words.count <= 30, ![".", "!", "?"].contains(tokens[line.upperBound - 1].text),
            !text.isListItem(line)
        else {
            return nil
        }
        // The last spaced separator after a headline of four words or more (before
        // any separator: "Sources: A | B | Realtor.com" is a list), then an outlet.
        let separators = line.filter { ["–", "—", "|", "-"].contains(tokens[$0].text) }
        guard let separator = separators.last, let firstSeparator = separators.first,
            separator > line.lowerBound, tokens[separator - 1].kind == .space, separator + 1 < line.upperBound,
            tokens[separator + 1].kind == .space,
            (line.lowerBound..<firstSeparator).filter({ tokens[$0].kind == .word }).count >= 4
        else { return nil }
        let tail = (separator + 1)..<line.upperBound
        guard !text.text(tokens[tail.lowerBound].start, tokens[tail.upperBound - 1].end).contains("://") else {
            return nil
        }
        let tailWords = tail.filter { tokens[$0].kind == .word }
        // "BBC South East Wales, BBC News": a few capitalised words naming a newsroom.
        let namesOutlet =
            tailWords.count <= 8 && tailWords.allSatisfy { tokens[$0].text.first?.isUppercase == true }
            && tail.contains { tokens[$0].text == "," }
            && tailWords.contains { outletWords.contains(tokens[$0].lower) }
        let hasDomain = tail.contains { index in
            index + 2 < line.upperBound && tokens[index].kind == .word && tokens[index + 1].text == "."
                && tokens[index + 2].kind == .word
                && ["com", "org", "net", "co", "uk", "de", "fr", "es", "it", "in", "au", "ca", "info", "news"]
                    .contains(tokens[index + 2].lower)
        }
        return hasDomain || namesOutlet ? separator : nil
    }
}
