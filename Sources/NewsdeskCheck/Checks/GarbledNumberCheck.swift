import NewsdeskCore

/// Times, dates and figures in shapes no writer uses: "06. 06", "25:70", "March 32".
enum GarbledNumberCheck {
    static let timeWords: Set<String> = [
        "at", "from", "until", "till", "by", "before", "after", "since", "tonight", "today", "am", "pm", "gmt", "utc",
        "local", "hours", "o", "clock", "morning", "evening", "night",
    ]
    /// Words that make "31:55" a clock time rather than minutes and seconds
    /// (a video timestamp, a lap time).
    static let clockWords: Set<String> = ["am", "pm", "gmt", "utc", "local", "o", "clock", "uhr", "heures"]
    static let monthDays: [String: Int] = [
        "january": 31, "february": 29, "march": 31, "april": 30, "may": 31, "june": 30, "july": 31, "august": 31,
        "september": 30, "october": 31, "november": 30, "december": 31,
    ]

    static func run(_ text: CheckedText) -> [Finding] {
        var findings: [Finding] = []
        let tokens = text.tokens
        for paragraph in text.paragraphs {
            for index in paragraph where tokens[index].kind == .number {
                let digits = tokens[index].text
                // "06. 06": a clock time whose separator became ". ".
                if digits.count == 2, index + 3 < paragraph.upperBound, tokens[index + 1].text == ".",
                    tokens[index + 2].kind == .space, tokens[index + 2].end - tokens[index + 2].start == 1,
                    tokens[index + 3].kind == .number, tokens[index + 3].text.count == 2,
                    let hour = Int(digits), let minute = Int(tokens[index + 3].text), hour <= 24, minute <= 59,
                    digits.hasPrefix("0") || tokens[index + 3].text.hasPrefix("0")
                        || isTimeContext(text, around: index, paragraph)
                {
                    findings.append(
                        text.finding(
                            .garbledNumber, tokens: index, index + 3,
                            "“\(text.text(tokens[index].start, tokens[index + 3].end))” looks like a time or number with a broken separator."
                        ))
                }
                // "25:70": a clock time out of range. "31:55" is minutes and
                // seconds unless a clock word says otherwise; "1:02:33" is a duration.
                if digits.count <= 2, index + 2 < paragraph.upperBound, tokens[index + 1].text == ":",
                    tokens[index + 2].kind == .number, tokens[index + 2].text.count == 2,
                    !isInsideDuration(text, index),
                    let hour = Int(digits), let minute = Int(tokens[index + 2].text),
                    (minute > 59 && (hour <= 24 || isTimeContext(text, around: index, paragraph)))
                        || (hour > 24 && minute < 60 && hasClockWord(text, after: index + 2, paragraph))
                {
                    findings.append(
                        text.finding(
                            .garbledNumber, tokens: index, index + 2,
                            "“\(text.text(tokens[index].start, tokens[index + 2].end))” is not a possible time."))
                }
                // "March 32" / "32 March": a day the month does not have.
                if let day = Int(digits), digits.count <= 2, day > 0 {
                    let before = text.previous(before: index, within: paragraph)
                    let after = text.next(after: index, within: paragraph)
                    for neighbour in [before, after].compactMap({ $0 }) where tokens[neighbour].kind == .word {
                        guard let days = monthDays[tokens[neighbour].lower], day > days else { continue }
                        let (first, last) = neighbour < index ? (neighbour, index) : (index, neighbour)
                        findings.append(
                            text.finding(
                                .garbledNumber, tokens: first, last,
                                "\(tokens[neighbour].text) has no day \(day).")
                        )
                    }
                }
            }
        }
        return findings
    }

    /// Whether the number follows "12:" or is followed by ":55" (the middle or end of h:mm:ss).
    private static func isInsideDuration(_ text: CheckedText, _ index: Int) -> Bool {
        let tokens = text.tokens
        let after = index + 4 < tokens.count && tokens[index + 3].text == ":" && tokens[index + 4].kind == .number
        let before = index >= 2 && tokens[index - 1].text == ":" && tokens[index - 2].kind == .number
        return after || before
    }

    /// "26:30 GMT", "26:30 p.m.": a clock word right after the minutes.
    private static func hasClockWord(_ text: CheckedText, after minutes: Int, _ paragraph: Range<Int>) -> Bool {
        guard let next = text.next(after: minutes, within: paragraph) else { return false }
        let word = text.tokens[next].lower
        if clockWords.contains(word) { return true }
        guard word == "a" || word == "p", let dot = text.next(after: next, within: paragraph),
            text.tokens[dot].text == ".", let m = text.next(after: dot, within: paragraph)
        else { return false }
        return text.tokens[m].lower == "m"
    }

    private static func isTimeContext(_ text: CheckedText, around index: Int, _ paragraph: Range<Int>) -> Bool {
        if let before = text.previous(before: index, within: paragraph), timeWords.contains(text.tokens[before].lower) {
            return true
        }
        var position = index
        for _ in 0..<4 {
            guard let next = text.next(after: position, within: paragraph) else { break }
            position = next
        }
        if let after = text.next(after: position, within: paragraph), timeWords.contains(text.tokens[after].lower) {
            return true
        }
        return false
    }
}
