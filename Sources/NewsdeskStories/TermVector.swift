/// A sparse vector over term numbers, its entries in increasing term order, so that two vectors meet in one
/// pass over both, without hashing: the grouper compares an article with hundreds of stories' vectors, and
/// reads each of them front to back.
struct TermVector: Sendable {
    private(set) var entries: [(term: Int, weight: Double)] = []

    init() {}

    /// A vector of `entries`, given in any order, each term once.
    init(_ entries: [(term: Int, weight: Double)]) {
        self.entries = entries.sorted { $0.term < $1.term }
    }

    private init(sorted entries: [(term: Int, weight: Double)]) {
        self.entries = entries
    }

    /// The weights of both vectors' shared terms multiplied, in term order.
    func products(with other: TermVector) -> [(term: Int, product: Double)] {
        var products: [(term: Int, product: Double)] = []
        meet(other) { term, weight, otherWeight in products.append((term, weight * otherWeight)) }
        return products
    }

    func dot(_ other: TermVector) -> Double {
        var sum = 0.0
        meet(other) { _, weight, otherWeight in sum += weight * otherWeight }
        return sum
    }

    /// Calls `body` with each term both vectors have, and its weight in each.
    private func meet(_ other: TermVector, _ body: (Int, Double, Double) -> Void) {
        var mine = 0
        var theirs = 0
        let count = entries.count
        let otherCount = other.entries.count
        while mine < count && theirs < otherCount {
            let term = entries[mine].term
            let otherTerm = other.entries[theirs].term
            if term < otherTerm {
                mine += 1
            } else if term > otherTerm {
                theirs += 1
            } else {
                body(term, entries[mine].weight, other.entries[theirs].weight)
                mine += 1
                theirs += 1
            }
        }
    }

    /// Adds `other` term by term, as a story's vector sums its members'.
    mutating func add(_ other: TermVector) {
        guard !entries.isEmpty else {
            entries = other.entries
            return
        }
        var sum: [(term: Int, weight: Double)] = []
        sum.reserveCapacity(entries.count + other.entries.count)
        var mine = 0
        var theirs = 0
        while mine < entries.count || theirs < other.entries.count {
            if theirs == other.entries.count
                || (mine < entries.count && entries[mine].term < other.entries[theirs].term)
            {
                sum.append(entries[mine])
                mine += 1
            } else if mine == entries.count || other.entries[theirs].term < entries[mine].term {
                sum.append(other.entries[theirs])
                theirs += 1
            } else {
                sum.append((entries[mine].term, entries[mine].weight + other.entries[theirs].weight))
                mine += 1
                theirs += 1
            }
        }
        entries = sum
    }

    /// The vector without `terms`.
    func removing(_ terms: Set<Int>) -> TermVector {
        TermVector(sorted: entries.filter { !terms.contains($0.term) })
    }
}
