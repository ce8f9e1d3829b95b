/// Reads the figures a text states: numbers in digits in any common notation ("1,000", "1.000", "1 000",
/// "3,7"), in words ("three soldiers", "dozens", "tens of thousands"), with scales ("$5bn", "1.2 million"),
/// units and currencies, and the qualifier before them. Dates, times of day, ages, years, ordinals and
/// numbers that name things ("Route 66", "F-35", "COVID-19") are left out.
public enum FigureReader {
    public static func figures(in text: String) -> [Figure] {
        figures(in: FigureText(text))
    }

    static func figures(in text: FigureText) -> [Figure] {
        var figures: [Figure] = []
        for (number, range) in text.sentences.enumerated() {
            var index = range.lowerBound
            while index < range.upperBound {
                if let figure = read(at: index, sentence: number, in: text) {
                    figures.append(figure.figure)
                    index = figure.next
                } else {
                    index += 1
                }
            }
        }
        return figures
    }

    typealias Token = FigureText.Token

    /// The number part of a figure: its tokens and value before the unit.
    struct Quantity {
        var first: Int
        var last: Int
        var value: Double
        /// Half the place of the last digit written, before scale and unit.
        var precision: Double
        var vague: (low: Double, high: Double)?
        var fromWords = false
        var digitsOnly = false
        /// The digits as written, for a number in digits.
        var digits = ""
        var currency: String?
        var unit: FigureWords.Unit?
        var scaled = false
        /// An age ("a 14-year-old", "Lieberman, 75,"): compared only with ages.
        var age = false
        /// What an ordinal numbers: "day" for "the 35th day".
        var ordinal: String?
    }

    private static func read(at start: Int, sentence: Int, in text: FigureText) -> (figure: Figure, next: Int)? {
        let tokens = text.tokens
        let range = text.sentences[sentence]
        guard var quantity = number(at: start, in: tokens, within: range) else { return nil }
        guard let last = unitAndScale(&quantity, in: tokens, within: range) else { return nil }
        quantity.last = last
        if isAgeAfterName(quantity, in: tokens, within: range) {
            quantity.age = true
        } else if isLabel(quantity, in: tokens, within: range) {
            return nil
        }
        shareRangeUnit(&quantity, in: tokens, within: range)
        let (qualifier, qualifierStart) = self.qualifier(before: quantity.first, in: tokens, within: range)
        var value = quantity.value
        var precision = quantity.precision
        var dimension = "count"
        var unit = ""
        if quantity.age {
            dimension = "age"
            unit = "y"
        } else if let ordinal = quantity.ordinal {
            dimension = "ordinal"
            unit = ordinal
        } else if let currency = quantity.currency {
            dimension = "money"
            unit = currency
        } else if let measured = quantity.unit {
            dimension = measured.dimension.rawValue
            unit = measured.key
            value *= measured.factor
            precision *= measured.factor
        }
        var (low, high): (Double, Double)
        if let vague = quantity.vague {
            (low, high) = vague
        } else {
            (low, high) = bounds(value, precision: precision, qualifier: qualifier)
            // "$43 million" for $43,885,310: a rounded sum may be cut down as well as rounded.
            if quantity.scaled, qualifier == .exact || qualifier == .atLeast { high += precision * 0.999 }
        }
        guard value.isFinite, value < 1e16, high.isFinite else { return nil }
        let what = counted(quantity, in: tokens, within: range, dimension: dimension)
        if dimension == "count" { unit = what.unit }
        let figure = Figure(
            value: quantity.vague?.low ?? value, low: low, high: high, dimension: dimension, unit: unit,
            qualifier: qualifier, counts: quantity.ordinal ?? what.counts,
            written: text.slice(tokens[qualifierStart].start, tokens[quantity.last].end),
            start: tokens[qualifierStart].start, end: tokens[quantity.last].end, sentence: sentence,
            context: context(around: qualifierStart...quantity.last, in: tokens, within: range, adding: what.words),
            step: quantity.vague == nil ? precision : 0)
        return (figure, quantity.last + 1)
    }

    private static func bounds(_ value: Double, precision: Double, qualifier: Figure.Qualifier) -> (Double, Double) {
        switch qualifier {
        case .exact, .atLeast: return (value - precision, value + precision)
        case .about: return (value * 0.8 - precision, value * 1.2 + precision)
        case .nearly: return (value * 0.85 - precision, value + precision)
        case .moreThan: return (value, value * 1.5 + precision)
        case .upTo: return (value * 0.5, value + precision)
        case .fewerThan: return (value * 0.5, value)
        }
    }

    // MARK: The number

    private static func number(at index: Int, in tokens: [Token], within range: Range<Int>) -> Quantity? {
        var at = index
        var currency: String?
        let token = tokens[at]
        if token.kind == .symbol, let code = FigureWords.currencySigns[token.text] {
            currency = code
            at += 1
        } else if token.kind == .word, let code = FigureWords.dollarPrefixes[token.lower], at + 1 < range.upperBound,
            tokens[at + 1].text == "$", tokens[at + 1].spaceBefore.isEmpty
        {
            currency = code
            at += 2
        }
        guard at < range.upperBound else { return nil }
        var quantity: Quantity
        let current = tokens[at]
        if current.kind == .digits {
            guard let parsed = parseDigits(current.text) else { return nil }
            quantity = Quantity(first: index, last: at, value: parsed.value, precision: parsed.precision)
            quantity.digitsOnly = !current.text.contains(",") && !current.text.contains(".")
            quantity.digits = current.text
            // "1 000" and "33 000": groups of three after a space (or a no-break or thin space).
            while quantity.digitsOnly, quantity.last + 1 < range.upperBound, tokens[quantity.last].text.count <= 3 {
                let next = tokens[quantity.last + 1]
                guard next.kind == .digits, next.text.count == 3, next.text.allSatisfy(\.isNumber),
                    [" ", "\u{A0}", "\u{202F}", "\u{2009}"].contains(next.spaceBefore)
                else { break }
                quantity.value = quantity.value * 1000 + (Double(next.text) ?? 0)
                quantity.last += 1
            }
            if quantity.last > at { quantity.digitsOnly = false }
        } else if current.kind == .word {
            // Most words start no number: one look-up says so.
            guard FigureWords.numberStarts.contains(current.lower) || current.lower.utf8.contains(UInt8(ascii: "-"))
            else { return nil }
            guard currency == nil || FigureWords.numbers[current.lower] != nil else { return nil }
            if let hyphenated = hyphenatedNumber(current) {
                // "two-year", "three-mile": a number word and its unit in one; "two-dozen" a count.
                quantity = Quantity(first: index, last: at, value: hyphenated.value, precision: 0.5)
                quantity.unit = hyphenated.unit
                quantity.fromWords = true
                quantity.scaled = hyphenated.unit != nil
                quantity.currency = currency
                return quantity
            }
            guard let words = wordNumber(at: at, in: tokens, within: range) else { return nil }
            quantity = Quantity(first: index, last: words.last, value: words.value, precision: 0.5)
            quantity.vague = words.vague
            quantity.fromWords = true
            quantity.scaled = words.scaled
        } else {
            return nil
        }
        quantity.currency = currency
        return quantity
    }

    /// A number in digits: commas and points read as thousands separators when they group by three
    /// ("1,000", "1.000.000"), else the last as the decimal mark ("3.7", "3,7", "1.234,5").
    static func parseDigits(_ text: String) -> (value: Double, precision: Double)? {
        let separators = text.filter { $0 == "," || $0 == "." }
        let groups = text.split(whereSeparator: { $0 == "," || $0 == "." }).map(String.init)
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else { return nil }
        if separators.isEmpty { return Double(text).map { ($0, roundedPrecision(text)) } }
        let kinds = Set(separators)
        var integer: String
        var fraction = ""
        if kinds.count == 2 {
            // The last separator is the decimal mark, the other kind groups thousands.
            guard let mark = separators.last, separators.filter({ $0 == mark }).count == 1,
                groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 })
            else { return nil }
            integer = groups.dropLast().joined()
            fraction = groups.last!
        } else if groups.dropFirst().allSatisfy({ $0.count == 3 }), groups[0].count <= 3, groups[0] != "0" {
            integer = groups.joined()
        } else if groups.count == 2 {
            integer = groups[0]
            fraction = groups[1]
        } else {
            return nil
        }
        guard let value = Double(integer + (fraction.isEmpty ? "" : "." + fraction)) else { return nil }
        return (value, fraction.isEmpty ? roundedPrecision(integer) : 0.5 * pow10(-fraction.count))
    }

    /// A whole number of four digits or more ending in zeros is taken as rounded to its last other digit:
    /// "43,000" is 42,500 to 43,500 (a reader does not call $43,350 and $43,000 a disagreement); "30" is 30.
    private static func roundedPrecision(_ digits: String, least: Int = 4) -> Double {
        let zeros = digits.reversed().prefix { $0 == "0" }.count
        guard zeros > 0, zeros < digits.count, digits.count >= least else { return 0.5 }
        return 0.5 * pow10(zeros)
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// A number word joined to its unit: "two-year" (a unit), "two-dozen" (a count, no unit); nil for
    /// anything else ("two-year-old", "two-term").
    private static func hyphenatedNumber(_ token: Token) -> (value: Double, unit: FigureWords.Unit?)? {
        let lower = token.lower
        guard FigureWords.numbers[lower] == nil, let hyphen = lower.firstIndex(of: "-"),
            let value = FigureWords.numbers[String(lower[..<hyphen])]
        else { return nil }
        let rest = String(lower[lower.index(after: hyphen)...])
        if rest == "dozen" { return (value * 12, nil) }
        return FigureWords.units[rest].map { (value, $0) }
    }

    /// "three", "twenty-five", "a dozen", "three hundred", "one million", "dozens", "tens of thousands".
    private static func wordNumber(at index: Int, in tokens: [Token], within range: Range<Int>) -> (
        value: Double, last: Int, vague: (low: Double, high: Double)?, scaled: Bool
    )? {
        let lower = tokens[index].lower
        func word(_ offset: Int) -> String? {
            index + offset < range.upperBound && tokens[index + offset].kind == .word
                ? tokens[index + offset].lower : nil
        }
        if var vague = FigureWords.vague[lower] ?? (lower == "tens" ? (20, 99) : nil) {
            var last = index
            // "tens of thousands", "hundreds of millions"
            if word(1) == "of", let next = word(2), let scale = ["thousands": 1e3, "millions": 1e6][next] {
                vague = (vague.low * scale, vague.high * scale)
                last = index + 2
            } else if lower == "tens" {
                return nil
            }
            return (vague.low, last, vague, false)
        }
        var value: Double
        var last = index
        if let known = FigureWords.numbers[lower] {
            value = known
        } else if lower == "one", index > range.lowerBound,
            ["only", "just", "exactly", "least", "than"].contains(tokens[index - 1].lower)
        {
            // "only one word", "at least one": a count, where "one" alone is mostly a pronoun.
            value = 1
        } else if ["a", "one", "an"].contains(lower), let next = word(1),
            next == "dozen" || FigureWords.scales[next] != nil
        {
            value = 1
        } else if lower == "half", word(1) == "a", let next = word(2), let scale = FigureWords.scales[next],
            scale >= 1e3
        {
            return (scale / 2, index + 2, nil, true)
        } else {
            return nil
        }
        var scaled = false
        if let next = word(1), next == "dozen" {
            value *= 12
            last += 1
        }
        if let next = word(last - index + 1), next == "hundred" {
            value *= 100
            last += 1
            scaled = true
            // "five hundred and eighty-four": the rest below a hundred makes it exact.
            var rest = last + 1
            if word(rest - index) == "and" { rest += 1 }
            if let small = word(rest - index).flatMap({ FigureWords.numbers[$0] }), small < 100 {
                value += small
                last = rest
                scaled = false
            }
        }
        if let next = word(last - index + 1), let scale = FigureWords.scales[next], scale >= 1e3 {
            value *= scale
            last += 1
            scaled = true
        }
        return (value, last, nil, scaled)
    }

    // MARK: Scale and unit

    /// Reads the scale and unit after the number, returning the figure's last token, or nil when what
    /// follows shows the number is no quantity (an ordinal, an age, a code like "4G", a time).
    private static func unitAndScale(_ quantity: inout Quantity, in tokens: [Token], within range: Range<Int>) -> Int? {
        var last = quantity.last
        func token(_ at: Int) -> Token? { at < range.upperBound ? tokens[at] : nil }
        // Glued letters: "6km", "$5bn", "21st", "4G", "1990s".
        if !quantity.fromWords, let glued = token(last + 1), glued.spaceBefore.isEmpty, glued.kind == .word {
            let lower = glued.lower
            if quantity.currency != nil || ["bn", "mn", "tn", "k"].contains(lower),
                let scale = FigureWords.gluedScales[lower]
            {
                quantity.value *= scale
                quantity.precision *= scale
                quantity.scaled = true
                last += 1
            } else if FigureWords.gluedUnits.contains(lower),
                let unit = FigureWords.units[lower == "m" ? "metres" : lower]
            {
                quantity.unit = unit
                last += 1
            } else if ["st", "nd", "rd", "th"].contains(lower), quantity.currency == nil, let noun = token(last + 2),
                noun.kind == .word, FigureWords.orderedNouns.contains(noun.lower)
            {
                // "the 35th day of the shutdown": 35 days gone, as "35 days" says; "the 3rd round" numbers.
                if let unit = FigureWords.units[noun.lower], unit.dimension == .duration {
                    quantity.unit = unit
                } else {
                    quantity.ordinal = noun.lower
                }
                return last + 2
            } else {
                return nil
            }
        }
        // "34-year-old" is an age; "10-year" and "6-mile" take their unit; "3-1" is a score.
        if let hyphen = token(last + 1), hyphen.text == "-" || hyphen.text == "–", hyphen.spaceBefore.isEmpty,
            let after = token(last + 2), after.spaceBefore.isEmpty
        {
            // "40-60 hours", "passed 234-193": a range or a tally, each number a figure.
            if after.kind == .digits { return last }
            let lower = after.lower
            if lower.hasPrefix("year-old") || lower.hasPrefix("years-old") {
                quantity.age = true
                return last + 2
            }
            if lower.hasPrefix("month-old") { return nil }
            if quantity.unit == nil, quantity.currency == nil, let unit = FigureWords.units[lower] {
                quantity.unit = unit
                return last + 2
            }
            return last
        }
        return scaleAndUnitWords(&quantity, after: last, in: tokens, within: range)
    }

    /// Reads a scale word ("million") and a unit or currency word ("kilometres", "euros", "per cent")
    /// after the number, returning the figure's last token.
    private static func scaleAndUnitWords(
        _ quantity: inout Quantity, after number: Int, in tokens: [Token], within range: Range<Int>
    ) -> Int {
        var last = number
        func token(_ at: Int) -> Token? { at < range.upperBound ? tokens[at] : nil }
        // A scale word: "1.2 million", "5 Milliarden", "mil millones".
        if !quantity.scaled, let next = token(last + 1), next.kind == .word {
            var lower = next.lower
            var scale = FigureWords.scales[lower]
            if lower == "mil", token(last + 2)?.lower == "millones" {
                scale = 1e9
                lower = "millones"
                last += 1
            }
            if let scale, quantity.vague == nil {
                quantity.value *= scale
                // "$700 billion" is rounded to the hundred billion, as "43,000" is to the thousand.
                if quantity.digitsOnly {
                    quantity.precision = max(quantity.precision, roundedPrecision(quantity.digits, least: 1))
                }
                quantity.precision *= scale
                quantity.scaled = true
                last += 1
                if token(last + 1)?.text == ".", ["mio", "mrd"].contains(lower) { last += 1 }
            }
        }
        // "of" after a vague or scaled number: "millions of dollars".
        var unitAt = last + 1
        if quantity.vague != nil || quantity.scaled, token(unitAt)?.lower == "of" { unitAt += 1 }
        guard let next = token(unitAt) else { return last }
        let lower = next.lower
        let following = token(unitAt + 1)?.lower
        if next.text == "%" {
            quantity.unit = FigureWords.units["%"]
            return unitAt
        }
        if lower == "years" || lower == "year", following == "old", quantity.currency == nil {
            quantity.age = true
            return unitAt + 1
        }
        if ["per", "pour", "por"].contains(lower), let following, ["cent", "ciento", "cento"].contains(following) {
            quantity.unit = FigureWords.units["percent"]
            return unitAt + 1
        }
        if lower == "percentage", following == "points" || following == "point" {
            quantity.unit = .init(dimension: .points, key: "pp", factor: 1)
            return unitAt + 1
        }
        if ["square", "sq"].contains(lower), let following, let length = FigureWords.units[following],
            length.dimension == .length
        {
            quantity.unit = .init(dimension: .area, key: "m2", factor: length.factor * length.factor)
            return unitAt + 1
        }
        if lower == "km", token(unitAt + 1)?.text == "/", token(unitAt + 2)?.lower == "h" {
            quantity.unit = FigureWords.units["km/h"]
            return unitAt + 2
        }
        if let unit = FigureWords.units[lower], quantity.unit == nil {
            if unit.dimension == .money {
                if quantity.currency == nil { quantity.currency = unit.key }
            } else if quantity.currency == nil {
                quantity.unit = unit
            }
            return unitAt
        }
        return last
    }

    // MARK: What makes it no figure

    private static func isLabel(_ quantity: Quantity, in tokens: [Token], within range: Range<Int>) -> Bool {
        let first = tokens[quantity.first]
        let before = quantity.first > range.lowerBound ? tokens[quantity.first - 1] : nil
        let after = quantity.last + 1 < range.upperBound ? tokens[quantity.last + 1] : nil
        let plain = quantity.currency == nil && quantity.unit == nil
        // Glued to what comes before: "F-35", "COVID-19", "#5", "1/2", "10:30".
        if let before, first.spaceBefore.isEmpty,
            ["-", "–", "#", "/", ":", "."].contains(before.text) || before.kind == .word,
            !isRangeEnd(quantity.first, in: tokens, within: range)
        {
            if quantity.currency == nil { return true }
        }
        if let after, after.spaceBefore.isEmpty, ["/", ":"].contains(after.text) { return true }
        if let after, FigureWords.clockWords.contains(after.lower), plain { return true }
        if let before, before.kind == .word, plain {
            let lower = before.lower
            if FigureWords.labelWords.contains(lower) { return true }
            if isMonth(before) { return true }
            if quantity.fromWords, FigureWords.determiners.contains(lower), quantity.vague == nil, !quantity.scaled {
                return true
            }
        }
        if let after, after.kind == .word, plain, isMonth(after) { return true }
        // A year: four digits from 1000 to 2100, with nothing that makes it a quantity.
        if plain, quantity.digitsOnly, !quantity.scaled, tokens[quantity.first].text.count == 4,
            (1000...2100).contains(quantity.value)
        {
            return true
        }
        return false
    }

    /// An age after a name: "John Smith, 34, said" or "John Smith (34)".
    private static func isAgeAfterName(_ quantity: Quantity, in tokens: [Token], within range: Range<Int>) -> Bool {
        guard quantity.currency == nil, quantity.unit == nil, quantity.digitsOnly, quantity.value <= 120,
            quantity.first >= range.lowerBound + 2, quantity.last + 1 < range.upperBound
        else { return false }
        let before = tokens[quantity.first - 1]
        let after = tokens[quantity.last + 1]
        let name = tokens[quantity.first - 2]
        // "His age, 75, could…", "aged 75"
        if (["age", "aged"].contains(name.lower) && before.text == ",") || before.lower == "aged" { return true }
        guard name.kind == .word, name.text.first?.isUppercase == true else { return false }
        return (before.text == "," && after.text == ",") || (before.text == "(" && after.text == ")")
    }

    /// Whether the number at `first` ends a range or tally glued to the one before: "40-60", "134-to-63".
    private static func isRangeEnd(_ first: Int, in tokens: [Token], within range: Range<Int>) -> Bool {
        func token(_ back: Int) -> Token? { first - back >= range.lowerBound ? tokens[first - back] : nil }
        guard let dash = token(1), dash.text == "-" || dash.text == "–", let before = token(2) else { return false }
        if before.kind == .digits, dash.spaceBefore.isEmpty { return true }
        return before.lower == "to" && token(3).map { $0.text == "-" || $0.text == "–" } == true
            && token(4)?.kind == .digits
    }

    /// The first number of a range takes the unit of the second: "40 to 60 hours", "40-60 hour",
    /// "$1-2 billion" is left as it is.
    private static func shareRangeUnit(_ quantity: inout Quantity, in tokens: [Token], within range: Range<Int>) {
        guard quantity.unit == nil, quantity.currency == nil, !quantity.age, quantity.ordinal == nil,
            !quantity.scaled, quantity.vague == nil
        else { return }
        var at = quantity.last + 1
        func text(_ index: Int) -> String? { index < range.upperBound ? tokens[index].lower : nil }
        if text(at) == "-" || text(at) == "–" { at += 1 }
        if text(at) == "to" { at += 1 }
        guard at > quantity.last + 1, at < range.upperBound, tokens[at].kind == .digits,
            var other = number(at: at, in: tokens, within: range),
            unitAndScale(&other, in: tokens, within: range) != nil, !other.age, other.ordinal == nil,
            !other.scaled
        else { return }
        quantity.unit = other.unit
    }

    private static func isMonth(_ token: Token) -> Bool {
        let lower = token.lower
        guard FigureWords.months.contains(lower) else { return false }
        // "may" and "march" are words too: a month only when capitalised.
        return !["may", "march", "mars", "mai"].contains(lower) || token.text.first?.isUppercase == true
    }
}
