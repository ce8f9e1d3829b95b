import NewsdeskCore

/// A point in time as a page states it: a date, perhaps a time, perhaps an offset.
struct PageDate: Equatable, Sendable {
    var year: Int, month: Int, day: Int
    var hour: Int?, minute: Int?, second: Int?
    /// Minutes east of UTC, when the page gave a zone.
    var offsetMinutes: Int?

    /// ISO 8601: `2019-11-19`, `2019-11-19T10:00:00`, or with `+01:00`.
    var iso8601: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var result = "\(year)-\(two(month))-\(two(day))"
        guard let hour else { return result }
        result += "T\(two(hour)):\(two(minute ?? 0)):\(two(second ?? 0))"
        if let offset = offsetMinutes {
            let sign = offset < 0 ? "-" : "+"
            result += "\(sign)\(two(abs(offset) / 60)):\(two(abs(offset) % 60))"
        }
        return result
    }

    var isPlausible: Bool {
        (1990...2100).contains(year) && (1...12).contains(month) && (1...31).contains(day)
            && (hour.map { (0...23).contains($0) } ?? true) && (minute.map { (0...59).contains($0) } ?? true)
    }
}

/// Reads the date formats pages use: ISO 8601 and its loose variants, RFC 822,
/// "November 19, 2019 10:30 AM ET", "19 Nov 2019", "2019/11/19", Unix times.
enum DateParser {
    /// - Parameter dayFirst: read an ambiguous "06/09/2025" as 6 September (as pages
    ///   outside the United States write it) rather than June 9.
    static func parse(_ input: String, dayFirst: Bool = false) -> PageDate? {
        let text = input.trimming(" \t\n\r")
        guard !text.isEmpty, text.count < 120 else { return nil }
        if let date = parseISO(text), date.isPlausible { return date }
        if let date = parseWords(text, dayFirst: dayFirst), date.isPlausible { return date }
        return nil
    }

    /// Words that may stand in a dateline beside the date itself: labels, weekdays,
    /// zones and the small words around them, in the languages news is written in.
    static let datelineWords: Set<String> = [
        "on", "at", "am", "pm", "a", "p", "m", "et", "est", "edt", "pt", "pst", "pdt", "ct", "cst", "cdt", "gmt", "utc",
        "bst", "cet", "cest", "h", "z", "t", "date", "of", "the", "time", "read", "min", "mins", "minute", "minutes",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun", "st", "nd", "rd", "th",
        // German, French, Spanish, Italian, Portuguese, Polish, Dutch.
        "am", "um", "uhr", "den", "vom", "stand", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag", "sonntag", "le", "à", "er", "du", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche", "de", "del", "el", "a", "las", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
        "domingo", "il", "alle", "ore", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "em", "às",
        "segunda", "terça", "quarta", "quinta", "sexta", "feira", "dnia", "r", "godz", "data", "poniedziałek",
        "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela", "op", "om", "maandag", "dinsdag",
        "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        // Chinese, Japanese and Korean write the date with year, month and day signs.
        "年", "月", "日", "년", "월", "일",
    ]

    /// Whether a line is a date and nothing more ("June 1, 2021", "Updated: Nov. 19, 2019 10:42 AM").
    static func isDateline(_ text: String) -> Bool {
        // Cheap test first: a dateline has a year or a clock time in it.
        guard text.utf8.count <= 90, hasYearOrTime(text.utf8), parse(text) != nil else { return false }
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            let key = String(word)
            if datelineWords.contains(key) || DateLabel.words[key] != nil || month(named: key) != nil { continue }
            return false
        }
        return true
    }

    /// Whether the bytes hold four digits in a row or a clock time: the cheap test a dateline passes.
    static func hasYearOrTime<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var digits = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                if digits == 4 { return true }
            } else {
                if byte == UInt8(ascii: ":") && digits > 0 { return true }
                digits = 0
            }
        }
        return false
    }

    // MARK: ISO 8601 and close relatives

    private static func parseISO(_ text: String) -> PageDate? {
        var scanner = Scanner(text)
        if let seconds = scanner.unixTime() { return fromUnix(seconds) }
        guard let year = scanner.number(digits: 4), scanner.skip("-") || scanner.skip("/") || scanner.skip("."),
            let month = scanner.number(maxDigits: 2), scanner.skip("-") || scanner.skip("/") || scanner.skip("."),
            let day = scanner.number(maxDigits: 2)
        else { return nil }
        var date = PageDate(year: year, month: month, day: day)
        guard scanner.skip("T") || scanner.skip(" ") || scanner.skip("t"), let hour = scanner.number(maxDigits: 2),
            scanner.skip(":"), let minute = scanner.number(maxDigits: 2)
        else { return date }
        date.hour = hour
        date.minute = minute
        if scanner.skip(":") { date.second = scanner.number(maxDigits: 2) }
        if scanner.skip(".") || scanner.skip(",") { _ = scanner.number(maxDigits: 9) }
        scanner.skipSpaces()
        date.offsetMinutes = scanner.zoneOffset()
        return date
    }

    private static func fromUnix(_ seconds: Int) -> PageDate? {
        guard seconds > 631_152_000 else { return nil }  // after 1990
        let days = seconds / 86_400
        let rest = seconds % 86_400
        let (year, month, day) = CivilCalendar.date(days: days)
        return PageDate(
            year: year, month: month, day: day, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60,
            offsetMinutes: 0)
    }

    // MARK: Dates with month names

    static let monthNames: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
        // German, French, Spanish, Italian, Portuguese, Polish, Dutch and the Nordic languages, with
        // the spellings pages use without accents and the abbreviations that are not English words.
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "mai": 5, "juni": 6,
        "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12, "janvier": 1, "janv": 1, "février": 2,
        "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4, "juin": 6, "juillet": 7, "juil": 7,
        "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
        "déc": 12, "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6,
        "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12, "dic": 12, "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6,
        "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3,
        "marco": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
        "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8, "mrt": 3,
        "stycznia": 1, "styczeń": 1, "lutego": 2, "luty": 2, "marca": 3, "marzec": 3, "kwietnia": 4,
        "kwiecień": 4, "maja": 5, "maj": 5, "czerwca": 6, "czerwiec": 6, "lipca": 7, "lipiec": 7, "sierpnia": 8,
        "sierpień": 8, "września": 9, "wrzesień": 9, "października": 10, "październik": 10, "listopada": 11,
        "listopad": 11, "grudnia": 12, "grudzień": 12, "sty": 1, "lut": 2, "kwi": 4, "cze": 6, "lip": 7,
        "wrz": 9, "paź": 10, "lis": 11, "gru": 12, "augusti": 8,
    ]

    private static let englishMonths = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// A month from its name or an English abbreviation ("Sept", "Nov").
    static func month(named lower: String) -> Int? {
        if let month = monthNames[lower] { return month }
        guard lower.count >= 3, let month = monthNames[String(lower.prefix(3))] else { return nil }
        return englishMonths[month - 1].hasPrefix(lower) ? month : nil
    }

    private static func parseWords(_ text: String, dayFirst: Bool) -> PageDate? {
        var year: Int?, month: Int?, day: Int?
        var yearFirst = false
        var hour: Int?, minute: Int?, second: Int?
        var offset: Int?
        var numbers: [Int] = []
        var scanner = Scanner(text)
        while !scanner.isAtEnd {
            if let word = scanner.word() {
                let lower = word.lowercased()
                if month == nil, let m = Self.month(named: lower) {
                    month = m
                } else if lower == "pm" || lower == "p" {
                    if let h = hour, h < 12 { hour = h + 12 }
                } else if lower == "am" || lower == "a" {
                    if hour == 12 { hour = 0 }
                } else if offset == nil, let zone = Scanner.namedZones[lower] {
                    offset = zone
                } else if (lower == "gmt" || lower == "utc"), offset == nil {
                    offset = scanner.zoneOffset() ?? 0
                }
                continue
            }
            if let n = scanner.number(maxDigits: 4) {
                // "20385" is a count or an identifier, and a line holding one is no date.
                if scanner.number(maxDigits: 1) != nil { return nil }
                if scanner.skip(":"), hour == nil, n < 24, let m = scanner.number(maxDigits: 2) {
                    hour = n
                    minute = m
                    if scanner.skip(":") { second = scanner.number(maxDigits: 2) }
                } else if n >= 1990 && n <= 2100 && year == nil {
                    year = n
                    yearFirst = numbers.isEmpty
                } else {
                    numbers.append(n)
                }
                continue
            }
            if offset == nil, hour != nil, let zone = scanner.zoneOffset() {
                offset = zone
                continue
            }
            scanner.advance()
        }
        guard let year else { return nil }
        if let month {
            guard let d = numbers.first(where: { (1...31).contains($0) }) else { return nil }
            day = d
            return PageDate(
                year: year, month: month, day: d, hour: hour, minute: minute, second: second, offsetMinutes: offset)
        }
        // Numeric: 11/19/2019 (US), 19.11.2019 (day first when the first cannot be a month, or with
        // dots, or on a page that writes the day first), 2019年11月19日 and 2019. 11. 19. (year first).
        guard numbers.count >= 2 else { return nil }
        let (a, b) = (numbers[0], numbers[1])
        if yearFirst {
            (month, day) = (a, b)
        } else if a > 12 {
            (day, month) = (a, b)
        } else if b > 12 {
            (month, day) = (a, b)
        } else if dayFirst || text.contains(".") {
            (day, month) = (a, b)
        } else {
            (month, day) = (a, b)
        }
        return PageDate(
            year: year, month: month!, day: day!, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }
}

/// A small cursor over a date string's characters.
private struct Scanner {
    let characters: [Character]
    var position = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool { position >= characters.count }

    mutating func advance() { position += 1 }

    mutating func skip(_ literal: Character) -> Bool {
        guard !isAtEnd, characters[position] == literal else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while !isAtEnd, characters[position] == " " { position += 1 }
    }

    mutating func number(digits: Int) -> Int? {
        let start = position
        guard let value = number(maxDigits: digits), position - start == digits else {
            position = start
            return nil
        }
        return value
    }

    mutating func number(maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while !isAtEnd, count < maxDigits, let digit = characters[position].wholeNumberValue,
            characters[position].isASCII
        {
            value = value * 10 + digit
            position += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// A whole string of 10 or 13 digits: seconds or milliseconds since 1970.
    mutating func unixTime() -> Int? {
        guard characters.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if characters.count == 10 { return Int(String(characters)) }
        if characters.count == 13 { return Int(String(characters)).map { $0 / 1000 } }
        return nil
    }

    mutating func word() -> String? {
        let start = position
        while !isAtEnd, characters[position].isLetter { position += 1 }
        guard position > start else { return nil }
        let word = String(characters[start..<position])
        if !isAtEnd, characters[position] == "." { position += 1 }
        return word
    }

    static let namedZones: [String: Int] = [
        "z": 0, "ut": 0, "est": -300, "edt": -240, "et": -300, "cst": -360, "cdt": -300, "ct": -360,
        "mst": -420, "mdt": -360, "mt": -420, "pst": -480, "pdt": -420, "pt": -480, "bst": 60, "cet": 60,
        "cest": 120, "eet": 120, "eest": 180, "ist": 330, "jst": 540, "kst": 540, "aest": 600, "aedt": 660,
        "msk": 180, "wib": 420,
    ]

    /// `Z`, `+01:00`, `+0100`, `-05`, `UTC`, `GMT+2`.
    mutating func zoneOffset() -> Int? {
        let start = position
        if skip("Z") || skip("z") { return 0 }
        if let letters = word() {
            let lower = letters.lowercased()
            if lower == "utc" || lower == "gmt" {
                return zoneOffset() ?? 0
            }
            if let zone = Self.namedZones[lower] { return zone }
            position = start
            return nil
        }
        let sign: Int
        if skip("+") { sign = 1 } else if skip("-") || skip("−") { sign = -1 } else { return nil }
        guard let hours = number(maxDigits: 2) else {
            position = start
            return nil
        }
        var minutes = 0
        if skip(":") {
            minutes = number(maxDigits: 2) ?? 0
        } else if let m = number(digits: 2) {
            minutes = m
        }
        guard hours <= 14, minutes < 60 else {
            position = start
            return nil
        }
        return sign * (hours * 60 + minutes)
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
