import NewsdeskCore

/// A value in a parsed feed: the dictionary shape Python's feedparser gives,
/// which the `feedparser` output format prints as it is and Newsdesk's own
/// model reads from.
public enum FeedValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case list([FeedValue])
    case dict(FeedDict)
    /// A time as feedparser's 9-item `struct_time`, always UTC.
    indirect case time(FeedTime)

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var dict: FeedDict? {
        if case .dict(let value) = self { return value }
        return nil
    }

    public var list: [FeedValue]? {
        if case .list(let value) = self { return value }
        return nil
    }
}

/// An insertion-ordered dictionary with reference semantics: the parser keeps
/// a handle on the entry, author or link it is filling while it reads on.
public final class FeedDict: @unchecked Sendable, Equatable {
    // A feed dictionary holds a handful of keys: a linear scan beats hashing them.
    // Each dictionary is filled by one parser on one thread: no dynamic exclusivity checks needed.
    @exclusivity(unchecked) private var pairs: [(key: String, value: FeedValue)] = []

    public init() {}

    public init(_ pairs: [(String, FeedValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public convenience init(strings: [(String, String)]) {
        self.init(strings.map { ($0.0, FeedValue.string($0.1)) })
    }

    private func index(of key: String) -> Int? {
        pairs.firstIndex { $0.key == key }
    }

    public subscript(key: String) -> FeedValue? {
        get { index(of: key).map { pairs[$0].value } }
        set {
            if let position = index(of: key) {
                if let newValue { pairs[position].value = newValue } else { pairs.remove(at: position) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    public func contains(_ key: String) -> Bool { index(of: key) != nil }

    public var isEmpty: Bool { pairs.isEmpty }

    /// Keys and values in insertion order.
    public var entries: [(key: String, value: FeedValue)] { pairs }

    public func string(_ key: String) -> String? { self[key]?.string }

    public func dict(_ key: String) -> FeedDict? { self[key]?.dict }

    public func list(_ key: String) -> [FeedValue] { self[key]?.list ?? [] }

    /// The value under `key`, stored first if there is none (Python's `setdefault`).
    @discardableResult
    public func setDefault(_ key: String, _ value: @autoclosure () -> FeedValue) -> FeedValue {
        if let existing = self[key] { return existing }
        let created = value()
        pairs.append((key, created))
        return created
    }

    /// The dictionary under `key`, created empty if missing.
    public func child(_ key: String) -> FeedDict {
        if let existing = self[key]?.dict { return existing }
        let created = FeedDict()
        self[key] = .dict(created)
        return created
    }

    public func append(_ value: FeedValue, to key: String) {
        if let position = index(of: key), case .list(var items) = pairs[position].value {
            pairs[position].value = .null
            items.append(value)
            pairs[position].value = .list(items)
        } else {
            self[key] = .list([value])
        }
    }

    /// The last dictionary of the list under `key`.
    public func lastDict(in key: String) -> FeedDict? {
        self[key]?.list?.last?.dict
    }

    /// A deep copy: nested dictionaries are copied too.
    public func copy() -> FeedDict {
        let copied = FeedDict()
        copied.pairs = pairs.map { ($0.key, Self.deepCopy($0.value)) }
        return copied
    }

    private static func deepCopy(_ value: FeedValue) -> FeedValue {
        switch value {
        case .dict(let dict): return .dict(dict.copy())
        case .list(let items): return .list(items.map(deepCopy))
        default: return value
        }
    }

    public static func == (lhs: FeedDict, rhs: FeedDict) -> Bool {
        lhs === rhs
            || (lhs.pairs.count == rhs.pairs.count && lhs.pairs.allSatisfy { pair in rhs[pair.key] == pair.value })
    }
}

/// A UTC time in feedparser's 9-item form: year, month, day, hour, minute,
/// second, weekday (Monday is 0), day of the year, and 0 for no daylight saving.
public struct FeedTime: Sendable, Equatable, Comparable {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (
            year, month, day, hour, minute, second
        )
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixTime: Int {
        CivilCalendar.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The times a feed, a page or an import may give: years 1 to 9999, as Python's `datetime` has
    /// them. Anything outside is no time at all, so later arithmetic on times cannot overflow.
    public static let validUnixTimes = -62_135_596_800...253_402_300_799

    /// Any `unixTime`, however far from now, gives a time (its year may then be beyond 9999).
    public init(unixTime: Int) {
        var (days, rest) = unixTime.quotientAndRemainder(dividingBy: 86_400)
        if rest < 0 { (days, rest) = (days - 1, rest + 86_400) }
        let (y, m, d) = CivilCalendar.date(days: days)
        self.init(year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    /// Monday is 0, as in Python's `time.struct_time`.
    public var weekday: Int {
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return ((days % 7) + 7 + 3) % 7
    }

    public var dayOfYear: Int {
        CivilCalendar.days(year: year, month: month, day: day) - CivilCalendar.days(year: year, month: 1, day: 1) + 1
    }

    public var tuple: [Int] { [year, month, day, hour, minute, second, weekday, dayOfYear, 0] }

    /// "2003-12-31T10:14:55Z".
    public var iso8601: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    public static func < (lhs: FeedTime, rhs: FeedTime) -> Bool { lhs.unixTime < rhs.unixTime }
}
