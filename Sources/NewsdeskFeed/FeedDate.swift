import NewsdeskCore

/// Dates as feeds write them, read into UTC: RFC 822 and its broken variants
/// (no weekday, two-digit years, named zones, missing seconds, stray commas),
/// RFC 3339 / W3C date-time and the looser ISO 8601 forms, and C's `asctime`.
public enum FeedDate {
    public static func parse(_ raw: String) -> FeedTime? {
        let text = raw.trimmingSpaces()
        guard !text.isEmpty, text.utf8.count < 128 else { return nil }
        return iso8601(text) ?? rfc822(text)
    }

    // MARK: ISO 8601 / W3C

    static func iso8601(_ text: String) -> FeedTime? {
        var scanner = DateScanner(text)
        guard let year = scanner.number(exactly: 4) else { return nil }
        var month = 1
        var day = 1
        let dashed = scanner.skip("-")
        if let m = scanner.number(exactly: 2) {
            month = m
            if dashed ? scanner.skip("-") : true, let d = scanner.number(exactly: 2) {
                day = d
            } else if dashed, scanner.atEnd {
                day = 1
            } else if !scanner.atEnd {
                return nil
            }
        } else if dashed, let ordinal = scanner.number(exactly: 3) {
            let date = FeedTime(unixTime: (CivilCalendar.days(year: year, month: 1, day: 1) + ordinal - 1) * 86_400)
            (month, day) = (date.month, date.day)
        } else if !scanner.atEnd {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let h = scanner.number(exactly: 2) else { return nil }
            hour = h
            let colon = scanner.skip(":")
            guard let mi = scanner.number(exactly: 2) else { return nil }
            minute = mi
            if colon ? scanner.skip(":") : scanner.peekDigit, let s = scanner.number(exactly: 2) {
                second = s
                if scanner.skip(".") || scanner.skip(",") { _ = scanner.digits() }
            }
            scanner.skipSpaces()
            guard let zone = scanner.zone() else { return nil }
            offset = zone
        }
        scanner.skipSpaces()
        guard scanner.atEnd, valid(year, month, day, hour, minute, second) else { return nil }
        return FeedTime(
            unixTime: FeedTime(
                year: year, month: month, day: day, hour: hour, minute: minute,
                second: second
            ).unixTime - offset)
    }

    // MARK: RFC 822 and asctime

    /// "jan" → 1, from the first three letters of a word, in any case.
    static func monthNumber(_ word: ArraySlice<UInt8>) -> Int? {
        guard word.count >= 3 else { return nil }
        let start = word.startIndex
        let key = Int(word[start] | 0x20) << 16 | Int(word[start + 1] | 0x20) << 8 | Int(word[start + 2] | 0x20)
        switch key {
        case 0x6A_616E: return 1  // jan
        case 0x66_6562: return 2  // feb
        case 0x6D_6172: return 3  // mar
        case 0x61_7072: return 4  // apr
        case 0x6D_6179: return 5  // may
        case 0x6A_756E: return 6  // jun
        case 0x6A_756C: return 7  // jul
        case 0x61_7567: return 8  // aug
        case 0x73_6570: return 9  // sep
        case 0x6F_6374: return 10  // oct
        case 0x6E_6F76: return 11  // nov
        case 0x64_6563: return 12  // dec
        default: return nil
        }
    }

    static func isWeekday(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count >= 3, word.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return false }
        let start = word.startIndex
        let key = Int(word[start] | 0x20) << 16 | Int(word[start + 1] | 0x20) << 8 | Int(word[start + 2] | 0x20)
        // mon tue wed thu fri sat sun
        return [0x6D_6F6E, 0x74_7565, 0x77_6564, 0x74_6875, 0x66_7269, 0x73_6174, 0x73_756E].contains(key)
    }

    static func number(_ word: ArraySlice<UInt8>) -> Int? {
        guard !word.isEmpty, word.count <= 9 else { return nil }
        var value = 0
        for byte in word {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// RFC 822 and its variants, and asctime: "Thu, 01 Jan 2004 19:48:21 GMT", "1 Jan 04 19:48 EST",
    /// "Sun Jan  4 16:29:06 2004".
    static func rfc822(_ text: String) -> FeedTime? {
        let bytes = Array(text.utf8)
        var words = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x2C || $0 == 0x09 })
        guard !words.isEmpty else { return nil }
        if isWeekday(words[0]) { words.removeFirst() }
        guard words.count >= 3 else { return nil }
        // "04 Jan 2004" or "Jan 04 2004" (asctime puts the time before the year).
        var day: Int
        var month: Int
        var rest: ArraySlice<ArraySlice<UInt8>>
        if let d = number(words[0]), let m = monthNumber(words[1]) {
            (day, month) = (d, m)
            rest = words[2...]
        } else if let m = monthNumber(words[0]), let d = number(words[1]) {
            (day, month) = (d, m)
            rest = words[2...]
            // asctime: "Jan 4 16:29:06 2004"
            if rest.count >= 2, rest[rest.startIndex].contains(0x3A), number(rest[rest.startIndex + 1]) != nil {
                rest = [rest[rest.startIndex + 1], rest[rest.startIndex]] + rest.dropFirst(2)
            }
        } else {
            return nil
        }
        guard let first = rest.first, var year = number(first) else { return nil }
        rest = rest.dropFirst()
        if year < 100 { year += year < 70 ? 2000 : 1900 } else if year < 1000 { year += 1900 }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if let time = rest.first {
            rest = rest.dropFirst()
            var clock = time
            var zoneText: ArraySlice<UInt8> = []
            if let sign = clock.firstIndex(where: { $0 == 0x2B || $0 == 0x2D }) {
                zoneText = clock[sign...]
                clock = clock[..<sign]
            }
            let parts = clock.split(separator: 0x3A, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts.count <= 3, let h = number(parts[0]), let m = number(parts[1]) else {
                return nil
            }
            hour = h
            minute = m
            if parts.count == 3 {
                guard let s = number(parts[2].prefix(while: { $0 >= 0x30 && $0 <= 0x39 })) else { return nil }
                second = s
            }
            if zoneText.isEmpty, let next = rest.first {
                zoneText = next
                rest = rest.dropFirst()
                // "GMT +0100", "EST (-0500)"
                if let more = rest.first, more.first == 0x2B || more.first == 0x2D { zoneText = more }
            }
            if !zoneText.isEmpty {
                offset = zoneOffset(String(decoding: zoneText, as: UTF8.self)) ?? 0
            }
        }
        if hour == 24 && minute == 0 && second == 0 {
            return valid(year, month, day, 0, 0, 0)
                ? FeedTime(unixTime: FeedTime(year: year, month: month, day: day).unixTime + 86_400 - offset) : nil
        }
        guard valid(year, month, day, hour, minute, second) else { return nil }
        return FeedTime(
            unixTime: FeedTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).unixTime
                - offset)
    }

    static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "a": -1, "n": 1, "m": -12, "y": 12, "bst": 1, "cet": 1, "cest": 2, "eet": 2,
        "eest": 3, "jst": 9, "ist": 5, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13, "hst": -10, "akst": -9,
        "akdt": -8, "ast": -4, "adt": -3, "wet": 0, "west": 1, "msk": 3,
    ]

    /// Seconds east of UTC for "+0100", "-05:00", "GMT+1", "EST", "(+0100)".
    static func zoneOffset(_ raw: String) -> Int? {
        // The usual forms, without building strings: "GMT", "UTC", "Z", "+0100", "-05:00".
        switch raw {
        case "GMT", "UTC", "UT", "Z", "gmt", "utc", "z": return 0
        default: break
        }
        let bytes = Array(raw.utf8)
        if let sign = bytes.first, sign == 0x2B || sign == 0x2D, bytes.count == 5 || bytes.count == 6 {
            let digits = bytes.dropFirst().filter { $0 != 0x3A }
            if digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                let d = digits.map { Int($0 - 0x30) }
                let (hours, minutes) = (d[0] * 10 + d[1], d[2] * 10 + d[3])
                guard hours <= 23, minutes <= 59 else { return nil }
                let seconds = hours * 3600 + minutes * 60
                return sign == 0x2D ? -seconds : seconds
            }
        }
        var text = Substring(raw.lowercased()).trimmingCharacters(in: "()")
        if text.hasPrefix("gmt") || text.hasPrefix("utc") {
            let rest = text.dropFirst(3)
            if rest.isEmpty { return 0 }
            text = String(rest)
        }
        if let hours = namedZones[text] {
            if text == "ist" { return 19_800 }
            return hours * 3600
        }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        // "+1", "+01", "+100", "+0100": hours and minutes a zone can have, nothing longer.
        guard (1...4).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let value = Int(digits)
        else { return nil }
        let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard hours <= 23, minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }

    static func valid(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, hour < 24, minute < 60, second <= 60
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// A cursor over an ISO 8601 date's characters.
private struct DateScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { position >= bytes.count }

    var peekDigit: Bool { !atEnd && bytes[position] >= 0x30 && bytes[position] <= 0x39 }

    mutating func skip(_ character: Character) -> Bool {
        guard !atEnd, let ascii = character.asciiValue, bytes[position] == ascii else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while !atEnd, bytes[position] == 0x20 { position += 1 }
    }

    mutating func number(exactly count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[position + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        position += count
        return value
    }

    mutating func digits() -> Int {
        var count = 0
        while peekDigit {
            position += 1
            count += 1
        }
        return count
    }

    /// "Z", "+01:00", "-0500", "+01" or nothing (UTC); seconds east of UTC.
    mutating func zone() -> Int? {
        if atEnd { return 0 }
        if skip("Z") || skip("z") { return 0 }
        guard bytes[position] == 0x2B || bytes[position] == 0x2D else {
            let rest = String(decoding: bytes[position...], as: UTF8.self)
            if let offset = FeedDate.zoneOffset(rest) {
                position = bytes.count
                return offset
            }
            return nil
        }
        let negative = bytes[position] == 0x2D
        position += 1
        guard let hours = number(exactly: 2) else { return nil }
        _ = skip(":")
        let minutes = number(exactly: 2) ?? 0
        let seconds = hours * 3600 + minutes * 60
        return negative ? -seconds : seconds
    }
}
