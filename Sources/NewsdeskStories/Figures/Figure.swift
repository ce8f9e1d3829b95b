/// A quantity a report states: "at least 33 people killed", "$150 billion", "6km". Values are in base
/// units (metres, kilograms, seconds, per cent, a currency's unit), so "6km" and "6 kilometres" compare.
public struct Figure: Sendable, Equatable {
    public enum Qualifier: String, Sendable, CaseIterable {
        case exact = ""
        case atLeast = "at least"
        case moreThan = "more than"
        case nearly
        case about
        case upTo = "up to"
        case fewerThan = "fewer than"
    }

    /// The value in base units; for a vague word ("dozens") the least it may mean.
    public var value: Double
    /// The lowest and highest value the words allow: the written precision ("3.7 miles" is 3.65 to 3.75),
    /// widened by a loose qualifier ("about", "more than 30") or a vague word.
    public var low: Double
    public var high: Double
    /// "count", "money", "length", "area", "mass", "percent", "duration", "speed".
    public var dimension: String
    /// What a value is measured in: the base unit ("m", "%", "s"), a currency code, or for a count the
    /// class of what is counted ("person", "soldier", "home").
    public var unit: String
    public var qualifier: Qualifier
    /// What the figure counts, in the report's words: "soldiers killed", "death toll", "kilometres".
    public var counts: String
    /// The figure as written, qualifier included: "at least 33", "$150 billion", "6km".
    public var written: String
    /// Where `written` is, in Unicode scalars from the start of the text.
    public var start: Int
    public var end: Int
    /// The sentence it is in (numbered from 0).
    public var sentence: Int
    /// The content words around it, folded: what it is about.
    public var context: Set<String>
    /// Half the place of the last digit written, in base units: 0.05e9 for "$3.5 billion", 0.5 for "33".
    public var step = 0.0

    /// Whether the number is written with two significant digits or more ("$5.7 billion", "about 234"):
    /// such a number in two reports is rarely a coincidence.
    public var isPrecise: Bool {
        var digits = Array(written.filter(\.isNumber).drop(while: { $0 == "0" }))
        while digits.last == "0" { digits.removeLast() }
        return digits.count >= 2
    }

    /// Whether two figures of the same thing state values a reader would call the same.
    public func agrees(with other: Figure) -> Bool {
        // Two exact figures written to one place ("$3.5 billion", "$3.6 billion") are the same only when
        // their digits are: the room left for a cut-down sum is for comparing with a more precise one.
        if qualifier == .exact, other.qualifier == .exact, step > 0, step == other.step {
            return abs(value - other.value) < step
        }
        return low < other.high && other.low < high
    }
}
