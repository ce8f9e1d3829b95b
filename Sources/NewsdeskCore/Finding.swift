/// Something scraping damaged in a text: what kind, exactly where, and a
/// sentence a reader understands.
public struct Finding: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case missingNumber = "missing-number"
        case partExceedsWhole = "part-exceeds-whole"
        case garbledNumber = "garbled-number"
        case truncated
        case duplicate
        case boilerplate
        case brokenWord = "broken-word"
        case mojibake

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var kind: Kind
    /// Offsets in Unicode scalars (code points) from the start of the text.
    public var start: Int
    public var end: Int
    /// The text between `start` and `end`.
    public var excerpt: String
    /// One sentence for a reader.
    public var message: String

    public init(kind: Kind, start: Int, end: Int, excerpt: String, message: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.excerpt = excerpt
        self.message = message
    }
}
