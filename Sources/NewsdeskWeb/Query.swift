import Foundation
import Hummingbird
import NewsdeskCore
import NewsdeskStore

/// A request's query, read as forms write it (`+` is a space, then %-escapes), and every value in it
/// that becomes a number checked against its range here, so that no value from outside can overflow
/// later: out of range is a `ReaderError.badRequest` saying what is allowed.
struct Query {
    /// Every name and value, in the order given.
    private(set) var items: [(name: String, value: String)] = []
    private var values: [String: String] = [:]

    init(_ request: Request) {
        self.init(raw: request.uri.query ?? "")
    }

    init(raw: String) {
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let item = (name: Self.decode(parts[0]), value: parts.count > 1 ? Self.decode(parts[1]) : "")
            items.append(item)
            // The first value given counts, as Hummingbird's own parameters have it.
            if values[item.name] == nil { values[item.name] = item.value }
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The most of a list asked for at once.
    static let maxLimit = 100
    /// The furthest a list can be paged into: its offset and the page's end stay far from overflow.
    static let maxOffset = 999_999
    /// `limit`: 1 to 100, 20 when not given.
    func limit() throws -> Int {
        guard let text = self["limit"] else { return 20 }
        guard let limit = Self.whole(text), (1...Self.maxLimit).contains(limit) else {
            throw ReaderError.badRequest("limit must be a whole number from 1 to \(Self.maxLimit)")
        }
        return limit
    }

    /// How far into a list (`name` is `cursor` in the API, `start` on the search page): 0 when not given,
    /// or when empty and `emptyIsAbsent` (as a page's form sends an empty field).
    func offset(_ name: String, emptyIsAbsent: Bool = true) throws -> Int {
        guard let text = self[name], !(text.isEmpty && emptyIsAbsent) else { return 0 }
        guard let offset = Self.whole(text), offset <= Self.maxOffset else {
            throw ReaderError.badRequest("\(name) must be a whole number from 0 to \(Self.maxOffset)")
        }
        return offset
    }

    /// `since`: "24h", "7d", "90m", in seconds; 24 hours when not given.
    func since() throws -> Int {
        guard let text = self["since"] else { return 86_400 }
        guard let seconds = Lookback.seconds(text) else {
            throw ReaderError.badRequest("since must be a number of at most six digits and a unit: 90m, 24h, 7d")
        }
        return seconds
    }

    /// `cursor` of the story list: "LASTAT-ID", as the previous page gave it.
    func storyCursor() throws -> StoryCursor? {
        guard let text = self["cursor"] else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let lastAt = Self.whole(parts[0]), let id = Self.whole(parts[1]) else {
            throw ReaderError.badRequest("not a cursor this API gave out")
        }
        return StoryCursor(lastAt: lastAt, id: Int64(id))
    }

    /// A day given as yyyy-mm-dd (`from`, `to`): the start of that day in seconds since 1970; nil when
    /// not given, or when empty and `emptyIsAbsent` (as a page's form sends an empty field).
    func day(_ name: String, emptyIsAbsent: Bool = true) throws -> Int? {
        guard let text = self[name], !(text.isEmpty && emptyIsAbsent) else { return nil }
        guard let day = Self.day(text) else {
            throw ReaderError.badRequest("\(name) must be a day written yyyy-mm-dd, from year 1 to 9999")
        }
        return day
    }

    /// Whether a text has nothing but white space, as a search without words. White space as the
    /// OpenAPI document's `\S` means it (JavaScript's `\s`): so U+0085 and U+001C–U+001F are words.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
                return true
            default:
                return false
            }
        }
    }

    /// Digits only (no sign, no spaces), of a size an `Int` holds.
    static func whole(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(text)
    }

    static func day(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = whole(parts[0]), let month = whole(parts[1]), let day = whole(parts[2]),
            year >= 1, (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day) * 86_400
    }
}
