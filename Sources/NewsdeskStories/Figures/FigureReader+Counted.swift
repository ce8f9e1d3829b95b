/// What a figure is about: the qualifier before it, the noun and event it counts, and the words around it.
extension FigureReader {
    static func qualifier(before first: Int, in tokens: [Token], within range: Range<Int>) -> (
        Figure.Qualifier, Int
    ) {
        if first > range.lowerBound, tokens[first - 1].text == "~" { return (.about, first - 1) }
        for (words, qualifier) in FigureWords.qualifiers {
            let start = first - words.count
            guard start >= range.lowerBound else { continue }
            if words.indices.allSatisfy({ tokens[start + $0].lower == words[$0] }) { return (qualifier, start) }
        }
        return (.exact, first)
    }

    static func isVerbForm(_ word: String) -> Bool {
        word.count > 4 && (word.hasSuffix("ed") || word.hasSuffix("ing"))
    }

    /// What the figure counts: the noun after it ("33 people", "three Turkish soldiers"), the event
    /// word near it ("killed", "toll"), and for a count, the class its values compare in.
    static func counted(_ quantity: Quantity, in tokens: [Token], within range: Range<Int>, dimension: String)
        -> (counts: String, unit: String, words: [String])
    {
        func word(_ at: Int) -> String? {
            at < range.upperBound && at >= range.lowerBound && tokens[at].kind == .word ? tokens[at].lower : nil
        }
        var at = quantity.last + 1
        // "at least 30 “national emergencies”": the noun inside quotation marks.
        if at + 1 < range.upperBound, ["\"", "“", "‘", "'"].contains(tokens[at].text), word(at + 1) != nil { at += 1 }
        if word(at) == "of" {
            at += 1
            if word(at) == "the" || word(at) == "them" || word(at) == "whom" { at += 1 }
        }
        var head: String?
        var headAt = at
        if dimension == "count", let first = word(at), !FigureWords.notCounted.contains(first) {
            if isVerbForm(first) || FigureWords.eventWords.contains(first) {
                head = nil
            } else if let noun = pluralNoun(from: at, in: tokens, within: range), quantity.value != 1 {
                // "Turkish soldiers", "12 Russian intelligence officers": words before the counted noun.
                head = tokens[noun].lower
                headAt = noun
            } else {
                head = first
            }
        } else if dimension == "count", at + 1 < range.upperBound, tokens[at].text == "-",
            tokens[at].spaceBefore.isEmpty, tokens[at + 1].spaceBefore.isEmpty, let noun = word(at + 1),
            !FigureWords.notCounted.contains(noun)
        {
            // "the 48-page indictment", "the 38-word oath": the noun glued to the number.
            head = noun
            headAt = at + 1
        }
        var event = eventWord(after: head == nil ? at : headAt + 1, before: quantity.first, in: tokens, within: range)
        // "raising the number of soldiers killed to 34": the noun is before the figure.
        if head == nil, dimension == "count" {
            let lower = max(range.lowerBound, quantity.first - 10)
            for index in stride(from: quantity.first - 1, through: lower, by: -1) {
                guard let candidate = word(index), ["number", "total", "toll", "tally", "count"].contains(candidate)
                else { continue }
                if word(index + 1) == "of", let noun = word(index + 2), !FigureWords.notCounted.contains(noun) {
                    head = noun
                } else if candidate == "toll" {
                    head = word(index - 1) == "death" ? "deaths" : nil
                    event = event ?? "toll"
                }
                break
            }
        }
        if event == "toll", head == nil { head = "deaths" }
        var shown: [String] = []
        if let head {
            shown.append(head)
        } else if dimension != "count" {
            shown.append(dimensionName(dimension))
            // "$150 billion in clean-energy initiatives", "$3.5 billion from military construction"
            if ["for", "in", "from", "on", "of"].contains(word(at) ?? ""), let noun = word(at + 1),
                !FigureWords.notCounted.contains(noun), !noun.hasSuffix("ly")
            {
                shown.append(word(at)! + " " + noun)
                if let next = word(at + 2), !FigureWords.notCounted.contains(next), !isVerbForm(next) {
                    shown.append(next)
                }
            }
        }
        if let event, event != head { shown.append(event) }
        // Nothing but the measure: the nearest content word before the number says what it is ("the tax
        // rate was 35.7 percent", "demanded $5.7 billion").
        if head == nil, event == nil, shown.count <= 1,
            let before = contentWord(before: quantity.first, in: tokens, within: range)
        {
            if dimension == "count" || dimension == "percent" { shown = [before] } else { shown.append(before) }
        }
        let unit = head.map(FigureWords.nounClass) ?? ""
        return (shown.joined(separator: " "), unit, [head, event].compactMap { $0 })
    }

    /// The nearest word before a number, within four, that is neither common nor a qualifier's.
    static func contentWord(before first: Int, in tokens: [Token], within range: Range<Int>) -> String? {
        for index in stride(from: first - 1, through: max(range.lowerBound, first - 4), by: -1) {
            let token = tokens[index]
            if token.kind == .symbol, [".", ",", ";", ":", "(", "\"", "“", "”"].contains(token.text) { return nil }
            // Another figure or another phrase ("… initiatives and £2bn more") is no longer this one's.
            if token.kind == .digits || ["and", "or", "but"].contains(token.lower) { return nil }
            guard token.kind == .word else { continue }
            let lower = token.lower
            // A name or a possessive is whose figure it is, not what.
            if token.text.first?.isUppercase == true || lower.hasSuffix("'s") || lower.hasSuffix("’s") { continue }
            if lower.count >= 3, !FigureWords.stopWords.contains(lower), !FigureWords.qualifierWords.contains(lower) {
                return lower
            }
        }
        return nil
    }

    /// The event: a word of what happened ("killed", "arrested") in the five words after the counted noun,
    /// else in the six before the number.
    static func eventWord(after start: Int, before first: Int, in tokens: [Token], within range: Range<Int>)
        -> String?
    {
        for index in start..<max(start, min(start + 5, range.upperBound)) {
            guard tokens[index].kind == .word else { break }
            if FigureWords.eventWords.contains(tokens[index].lower) { return tokens[index].lower }
        }
        for index in stride(from: first - 1, through: max(range.lowerBound, first - 6), by: -1)
        where tokens[index].kind == .word && FigureWords.eventWords.contains(tokens[index].lower) {
            return tokens[index].lower
        }
        return nil
    }

    /// The first plural among the few words after a number, before a break: "officers" in "12 Russian
    /// intelligence officers were".
    static func pluralNoun(from start: Int, in tokens: [Token], within range: Range<Int>) -> Int? {
        for index in start..<min(start + 4, range.upperBound) {
            let token = tokens[index]
            guard token.kind == .word, index == start || !token.spaceBefore.isEmpty else { return nil }
            let lower = token.lower
            if FigureWords.notCounted.contains(lower) || FigureWords.eventWords.contains(lower)
                || (index > start && isVerbForm(lower))
            {
                return nil
            }
            if FigureWords.irregularPlurals.contains(lower)
                || (lower.count > 3 && lower.hasSuffix("s") && !lower.hasSuffix("ss") && !lower.hasSuffix("us"))
            {
                return index
            }
        }
        return nil
    }

    static func dimensionName(_ dimension: String) -> String {
        switch dimension {
        case "money": return "sum"
        case "percent": return "share"
        case "points": return "change"
        default: return dimension
        }
    }

    static func context(
        around figure: ClosedRange<Int>, in tokens: [Token], within range: Range<Int>, adding words: [String]
    ) -> Set<String> {
        var context = Set(words.map(FigureWords.lemma))
        let from = max(range.lowerBound, figure.lowerBound - 12)
        let to = min(range.upperBound, figure.upperBound + 13)
        for index in from..<to where !figure.contains(index) && tokens[index].kind == .word {
            let lower = tokens[index].lower
            guard lower.count >= 3, !FigureWords.stopWords.contains(lower) else { continue }
            context.insert(FigureWords.lemma(lower))
        }
        return context
    }
}
