import NewsdeskCore

/// Compounds and names torn apart by stray spaces: "65 – year-old", "al -Assad", "Al- Assad".
enum BrokenWordCheck {
    static let dashes: Set<String> = ["-", "–", "—", "‐"]
    static let compoundHeads: Set<String> = [
        "year", "month", "week", "day", "hour", "minute", "mile", "kilometre", "kilometer", "km", "foot", "metre",
        "meter", "point", "man", "member", "storey", "story", "seat", "page", "time", "game", "percent",
    ]

    static let conjunctions: Set<String> = [
        "und", "oder", "bis", "sowie", "bzw", "and", "or", "to", "et", "ou", "y", "o", "i", "e",
    ]

    static func run(_ text: CheckedText) -> [Finding] {
        guard text.mentions([" -", "- ", " –", " —", " ‐"]) else { return [] }
        var findings: [Finding] = []
        let tokens = text.tokens
        for paragraph in text.paragraphs {
            var index = paragraph.lowerBound
            while index + 2 < paragraph.upperBound {
                defer { index += 1 }
                // Every pattern has a space or a dash right after its first token.
                let follower = tokens[index + 1].kind
                guard follower == .space || follower == .punctuation else { continue }
                guard tokens[index + 2].kind == .punctuation || tokens[index + 2].kind == .space else { continue }
                let token = tokens[index]
                // "65 – year-old": a number, a spaced dash, a compound's head.
                if token.kind == .number, index + 4 < paragraph.upperBound, tokens[index + 1].kind == .space,
                    tokens[index + 2].kind == .punctuation, dashes.contains(tokens[index + 2].text),
                    tokens[index + 3].kind == .space,
                    tokens[index + 4].kind == .word
                {
                    let word = tokens[index + 4].lower
                    let head = word.split(separator: "-").first.map(String.init) ?? word
                    if word.contains("-"),
                        compoundHeads.contains(head) || compoundHeads.contains(String(head.dropLast()))
                    {
                        findings.append(
                            text.finding(
                                .brokenWord, tokens: index, index + 4,
                                "The compound “\(token.text)-\(tokens[index + 4].text)” is split by spaces."))
                        continue
                    }
                }
                // "al -Assad": a word, a space, a hyphen glued to a capitalised word.
                // ("Sende- und -Verteiler" is German for two compounds, not a split;
                // "git add -A", "cmake -D", "gcc -O3" are flags; "THYME -It" is a label.)
                if token.kind == .word, tokens[index + 1].kind == .space, tokens[index + 2].kind == .punctuation,
                    tokens[index + 1].newlines == 0, tokens[index + 2].text == "-", index + 3 < paragraph.upperBound,
                    tokens[index + 3].kind == .word, tokens[index + 3].start == tokens[index + 2].end,
                    isNameLike(tokens[index + 3].text), !conjunctions.contains(token.lower), !isLabel(token.text),
                    !isInCode(text, index + 3)
                {
                    findings.append(
                        text.finding(
                            .brokenWord, tokens: index, index + 3,
                            "“\(token.text)-\(tokens[index + 3].text)” is split by a stray space."))
                    continue
                }
                // "Al- Assad": a hyphen glued to a word, a space, then a capitalised word.
                // ("Jewelry- A lot", "THYME- The herb", "Model O- Wireless" use the hyphen as a dash.)
                if token.kind == .word, tokens[index + 1].kind == .punctuation, tokens[index + 1].text == "-",
                    tokens[index + 1].start == token.end,
                    tokens[index + 2].kind == .space, tokens[index + 2].newlines == 0, index + 3 < paragraph.upperBound,
                    tokens[index + 3].kind == .word, isNameLike(tokens[index + 3].text),
                    token.text.count >= 2, token.text.first?.isUppercase == true || token.text.count <= 3,
                    !isLabel(token.text)
                {
                    findings.append(
                        text.finding(
                            .brokenWord, tokens: index, index + 3,
                            "“\(token.text)-\(tokens[index + 3].text)” is split by a stray space."))
                }
            }
        }
        return findings
    }

    /// Words that open a sentence or a description, never the second half of a name.
    static let sentenceStarts: Set<String> = [
        "the", "a", "an", "and", "or", "but", "if", "for", "it", "its", "this", "that", "these", "those", "i", "we",
        "you", "they", "he", "she", "in", "on", "at", "to", "with", "as", "so", "when", "what", "how", "why", "is",
        "are", "was", "there", "then", "also", "my", "our", "your", "their", "not", "no", "all", "some", "der", "die",
        "das", "le", "la", "les", "el", "los", "il",
    ]

    /// A name's second half: a capital, then lower-case letters ("Assad", "Salman"), not a
    /// flag ("-A", "-O3", "-Cllvm-args") nor a word that opens a sentence.
    static func isNameLike(_ word: String) -> Bool {
        guard word.count >= 2, word.first?.isUppercase == true,
            word.dropFirst().allSatisfy({ $0.isLetter && $0.isLowercase || $0 == "'" || $0 == "’" })
        else { return false }
        return !sentenceStarts.contains(word.lowercased())
    }

    /// A term written in capitals ("COSMOS -Cosmos flowers", "THYME- The"): a label before a description.
    static func isLabel(_ word: String) -> Bool {
        word.count >= 2 && word.allSatisfy { !$0.isLowercase }
    }

    /// Whether the token sits in a line of code or a command.
    private static func isInCode(_ text: CheckedText, _ index: Int) -> Bool {
        guard let line = text.lines.first(where: { $0.contains(index) }) else { return false }
        return text.isCodeLike(line)
    }
}
