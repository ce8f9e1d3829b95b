import NewsdeskCore

/// A quantity whose number is gone: "rose to .", "at least people",
/// "killed , including", "$ billion".
enum MissingNumberCheck {
    /// Nouns counted in news copy; "at least" before one of these wants a number.
    static let countedNouns: Set<String> = [
        "people", "persons", "children", "civilians", "soldiers", "troops", "fighters", "militants", "residents",
        "patients", "cases", "deaths", "victims", "workers", "employees", "students", "migrants", "refugees",
        "protesters", "police", "officers", "homes", "houses", "buildings", "vehicles", "cars", "dollars", "euros",
        "pounds", "percent", "years", "months", "weeks", "days", "hours", "minutes", "times", "members", "votes",
        "jobs", "families", "women", "men", "infants", "babies", "others", "more", "injuries", "casualties",
        "passengers", "miles", "kilometres", "kilometers", "tonnes", "tons", "million", "billion", "villages",
        "schools", "hospitals", "countries", "states", "seats", "games", "points", "goals",
    ]

    /// Words before which a number is expected.
    static let quantityLeads: [[String]] = [
        ["at", "least"], ["at", "most"], ["as", "many", "as"], ["a", "total", "of"], ["an", "estimated"],
        ["fewer", "than"], ["nearly"], ["almost"],
    ]

    /// The leads by their first word, so each word costs one lookup.
    static let leadsByFirstWord: [String: [[String]]] = Dictionary(grouping: quantityLeads, by: { $0[0] })

    /// Verbs after which a bare comma means a dropped number ("killed , including").
    static let countVerbs: Set<String> = [
        "killed", "injured", "wounded", "arrested", "displaced", "infected", "evacuated", "rescued", "detained",
    ]

    /// Words that, earlier in a sentence, make a final "to ." a dropped figure.
    static let quantityContext: Set<String> = [
        "number", "total", "toll", "tally", "count", "figure", "rising", "raising", "rose", "risen", "increased",
        "increasing", "fell", "fallen", "dropped", "decreased", "reached", "bringing", "brought", "climbed",
        "jumped", "soared",
    ]

    /// Currency signs, and the scales that need a number between them and the sign ("$ billion").
    static let currencySigns: Set<String> = ["$", "£", "€", "¥", "₹"]
    static let scales: Set<String> = ["million", "billion", "trillion", "bn", "mn", "tn", "m", "k"]

    /// What a text must hold for any of the patterns to be in it.
    static let cues: [StaticString] = [
        "at least ", "at most ", "as many as", "a total of", "an estimated", "fewer than", "nearly ", "almost ", " ,",
        " to.", " to .", " of.", " of .", " at.", " at .", "$ ", "£ ", "€ ", "¥ ", "₹ ",
    ]

    static func run(_ text: CheckedText) -> [Finding] {
        guard text.mentions(cues) else { return [] }
        var findings: [Finding] = []
        let tokens = text.tokens
        for paragraph in text.paragraphs {
            var index = paragraph.lowerBound
            while index < paragraph.upperBound {
                defer { index += 1 }
                // "$ billion": a currency sign and a scale with a space and no number between them ("£m"
                // glued is the sign's own shorthand for millions).
                if tokens[index].kind == .punctuation, currencySigns.contains(tokens[index].text),
                    let scale = text.next(after: index, within: paragraph), tokens[scale].kind == .word,
                    tokens[scale].start > tokens[index].end, scales.contains(tokens[scale].lower),
                    // "($ bn)" heads a table's column: a unit, not a sum.
                    text.next(after: scale, within: paragraph).map({ tokens[$0].text != ")" }) ?? true
                {
                    findings.append(
                        text.finding(
                            .missingNumber, tokens: index, scale,
                            "The sum before “\(tokens[scale].text)” is missing."))
                    continue
                }
                guard tokens[index].kind == .word, tokens[index].end - tokens[index].start <= 9 else { continue }
                let token = tokens[index]
                let lower = token.lower
                // "at least people": a quantity lead straight before a counted noun.
                for lead in leadsByFirstWord[lower] ?? [] {
                    guard let end = match(lead, in: text, from: index, within: paragraph),
                        let noun = text.next(after: end, within: paragraph),
                        tokens[noun].kind == .word, countedNouns.contains(tokens[noun].lower),
                        lead.count > 1 || ["people", "children", "civilians", "soldiers"].contains(tokens[noun].lower)
                    else { continue }
                    findings.append(
                        text.finding(
                            .missingNumber, tokens: index, noun,
                            "The number before “\(tokens[noun].text)” is missing."))
                }
                // "killed , including": a count verb followed by a spaced comma.
                if countVerbs.contains(lower), let next = text.next(after: index, within: paragraph),
                    tokens[next].text == ",", next == index + 2
                {
                    findings.append(
                        text.finding(.missingNumber, tokens: index, next, "A number after “\(token.text)” is missing."))
                }
                // "… to ." at the end of a sentence about a figure.
                if lower == "to" || lower == "of" || lower == "at",
                    let next = text.next(after: index, within: paragraph),
                    tokens[next].text == ".",
                    sentenceMentionsQuantity(text, before: index, within: paragraph)
                {
                    findings.append(
                        text.finding(
                            .missingNumber, tokens: index, next, "The figure after “\(token.text)” is missing."))
                }
            }
        }
        return findings
    }

    private static func match(_ words: [String], in text: CheckedText, from index: Int, within range: Range<Int>)
        -> Int?
    {
        var position = index
        for (offset, word) in words.enumerated() {
            if offset > 0 {
                guard let next = text.next(after: position, within: range) else { return nil }
                position = next
            }
            guard text.tokens[position].kind == .word, text.tokens[position].lower == word else { return nil }
        }
        return position
    }

    private static func sentenceMentionsQuantity(_ text: CheckedText, before index: Int, within range: Range<Int>)
        -> Bool
    {
        var position = index - 1
        var words = 0
        while position >= range.lowerBound, words < 25 {
            let token = text.tokens[position]
            if token.kind == .punctuation, [".", "!", "?"].contains(token.text) { break }
            if token.kind == .word {
                words += 1
                if quantityContext.contains(token.lower) { return true }
            }
            position -= 1
        }
        return false
    }
}
