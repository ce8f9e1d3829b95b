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
                // ("Sende- und -Verteiler" is German for two compounds, not a split.)
                if token.kind == .word, tokens[index + 1].kind == .space, tokens[index + 2].kind == .punctuation,
                    tokens[index + 1].newlines == 0, tokens[index + 2].text == "-", index + 3 < paragraph.upperBound,
                    tokens[index + 3].kind == .word, tokens[index + 3].start == tokens[index + 2].end,
                    tokens[index + 3].text.first?.isUppercase == true, !conjunctions.contains(token.lower)
                {
                    findings.append(
                        text.finding(
                            .brokenWord, tokens: index, index + 3,
                            "“\(token.text)-\(tokens[index + 3].text)” is split by a stray space."))
                    continue
                }
                // "Al- Assad": a hyphen glued to a word, a space, then a capitalised word.
                if token.kind == .word, tokens[index + 1].kind == .punctuation, tokens[index + 1].text == "-",
                    tokens[index + 1].start == token.end,
                    tokens[index + 2].kind == .space, tokens[index + 2].newlines == 0, index + 3 < paragraph.upperBound,
                    tokens[index + 3].kind == .word, tokens[index + 3].text.first?.isUppercase == true,
                    token.text.first?.isUppercase == true || token.text.count <= 3
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
}
