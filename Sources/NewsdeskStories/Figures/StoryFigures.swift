#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One report of a story as figures are compared: its text, outlet and time.
public struct FigureReport: Sendable {
    public var outlet: String?
    /// Seconds since 1970, when known.
    public var time: Int?
    public var text: String

    public init(outlet: String?, time: Int?, text: String) {
        self.outlet = outlet
        self.time = time
        self.text = text
    }
}

/// The figures of a story's reports aligned by what they count: each slot is one fact ("people
/// killed", "the sum pledged") with the values the reports give it, told apart as the same, a
/// development over time (a toll that rises report after report) or a contradiction.
public struct StoryFigures: Sendable {
    public struct Mention: Sendable {
        /// The report's place in the list the figures were made from.
        public var report: Int
        public var figure: Figure
    }

    /// The reports that give one value of a slot.
    public struct Value: Sendable {
        /// As the first report to give it wrote it.
        public var written: String
        public var mentions: [Mention]
        /// The reports that give it, in time order, each once; the first gave it first.
        public var reports: [Int]
    }

    public enum Relation: String, Sendable {
        /// Every report gives the same value.
        case same
        /// The values rise (or fall) report after report: the figure developed.
        case update
        /// Reports give values that cannot all be true at once.
        case contradiction
    }

    public struct Slot: Sendable {
        /// What it counts, in the first report's words: "soldiers killed".
        public var counts: String
        public var dimension: String
        public var unit: String
        public var values: [Value]
        public var relation: Relation
        /// How many reports give the slot a value.
        public var reportCount: Int
    }

    /// Slots given by two reports or more: disagreements first, then the most reported.
    public private(set) var slots: [Slot] = []
    /// Each report's figures, in text order.
    public let figures: [[Figure]]
    /// The reports in time order (ties keep the given order).
    public let order: [Int]
    let texts: [FigureText]
    /// For each report's figures (by index), the number of the slot each is in; slots given by one
    /// report only are numbered too.
    public private(set) var slotOf: [[Int]] = []
    private var allSlots: [Slot] = []

    /// Reports beyond this many (in time order) are left out: a story page need not compare hundreds.
    public static let reportLimit = 80

    public init(reports: [FigureReport]) {
        texts = reports.map { FigureText($0.text) }
        figures = texts.map { FigureReader.figures(in: $0) }
        order = reports.indices.sorted { a, b in
            (reports[a].time ?? 0, a) < (reports[b].time ?? 0, b)
        }
        align(reports)
    }

    // MARK: Alignment

    private struct Member {
        var report: Int
        var figure: Figure
    }

    private mutating func align(_ reports: [FigureReport]) {
        var members: [[Member]] = []
        var byContext: [String: [Int]] = [:]
        var byValue: [String: [Int]] = [:]
        // The first figure of each value a slot holds: a figure agreeing with none of them is a new value.
        var representatives: [[Figure]] = []
        slotOf = figures.map { Array(repeating: -1, count: $0.count) }
        let compared = order.prefix(Self.reportLimit)
        // Words around many of the story's figures say little about which fact one is.
        var frequency: [String: Int] = [:]
        for report in compared {
            for figure in figures[report] { for word in figure.context { frequency[word, default: 0] += 1 } }
        }
        let total = Double(compared.reduce(0) { $0 + figures[$1].count })
        let weights = frequency.mapValues { log(1 + total / Double($0)) }
        func bestSlot(for figure: Figure, of report: Int, agreeingOnly: Bool) -> Int? {
            var candidates = Set(byValue[Self.valueKey(figure)] ?? [])
            for word in figure.context { candidates.formUnion(byContext[word] ?? []) }
            var best: (slot: Int, score: Double)?
            for slot in candidates.sorted() {
                // One report gives one slot one value.
                if members[slot].contains(where: { $0.report == report && !$0.figure.agrees(with: figure) }) {
                    continue
                }
                // A value the slot does not have yet would show a disagreement: that takes words around
                // the figures alike enough on their own.
                let agrees = representatives[slot].contains { $0.agrees(with: figure) }
                if agreeingOnly, !agrees { continue }
                let score =
                    members[slot].lazy.map { member in
                        let likeness = Self.similarity(figure, member.figure, weights: weights)
                        let alike =
                            likeness.context >= Self.disagreementThreshold
                            || likeness.context >= Self.nearMissThreshold && Self.isNearMiss(member.figure, figure)
                        let disagreement =
                            alike
                            && Self.isPlausibleChange(
                                member.figure, figure,
                                later: (reports[report].time ?? 0) > (reports[member.report].time ?? 0),
                                context: likeness.context)
                        return agrees || disagreement ? likeness.score : 0
                    }.max() ?? 0
                if score >= Self.threshold, score > (best?.score ?? 0) { best = (slot, score) }
            }
            return best?.slot
        }
        func place(_ index: Int, of report: Int, in found: Int?) {
            let figure = figures[report][index]
            let slot: Int
            if let found {
                slot = found
                members[slot].append(Member(report: report, figure: figure))
                if !representatives[slot].contains(where: { $0.agrees(with: figure) }) {
                    representatives[slot].append(figure)
                }
            } else {
                slot = members.count
                members.append([Member(report: report, figure: figure)])
                representatives.append([figure])
            }
            slotOf[report][index] = slot
            for word in figure.context where byContext[word]?.last != slot {
                byContext[word, default: []].append(slot)
            }
            if byValue[Self.valueKey(figure)]?.last != slot {
                byValue[Self.valueKey(figure), default: []].append(slot)
            }
        }
        for report in compared {
            // Figures that agree with a slot's value go first: a report that gives the slot's value
            // somewhere does not disagree with it elsewhere ("35.7 percent" then "31.55 percent").
            var rest: [Int] = []
            for (index, figure) in figures[report].enumerated() {
                if let slot = bestSlot(for: figure, of: report, agreeingOnly: true) {
                    place(index, of: report, in: slot)
                } else {
                    rest.append(index)
                }
            }
            for index in rest {
                place(index, of: report, in: bestSlot(for: figures[report][index], of: report, agreeingOnly: false))
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        allSlots = members.map { Self.slot($0, reports: reports, rank: rank) }
        slots = allSlots.filter { $0.reportCount > 1 }.sorted { a, b in
            let weight: (Relation) -> Int = { $0 == .contradiction ? 0 : $0 == .update ? 1 : 2 }
            return (weight(a.relation), -a.reportCount) < (weight(b.relation), -b.reportCount)
        }
    }

    /// Whether two values can be one fact told differently: reports of one time that disagree give close
    /// values (within a third, or twice where the sentences around them are near the same); a later report
    /// may move further (up to three times). Values further apart are taken as different facts of one
    /// measure ("45.8 percent" and "31.55 percent" of taxes).
    static func isPlausibleChange(_ earlier: Figure, _ later: Figure, later isLater: Bool, context: Double) -> Bool {
        // Ages in one story are most often of different people: they differ as one fact only in one
        // sentence told twice.
        guard earlier.dimension != "age" || context >= Self.sameSentenceThreshold else { return false }
        let low = min(abs(earlier.value), abs(later.value))
        let high = max(abs(earlier.value), abs(later.value))
        guard low > 0 else { return false }
        return high / low <= (isLater ? 3 : context >= Self.sameSentenceThreshold ? 2 : 1.35)
    }

    /// Two precise values of one named unit within a tenth of each other ("48-page" and "47-page",
    /// "$5,587.75" and "$5,687.75"): one fact told two ways more often than two facts.
    static func isNearMiss(_ a: Figure, _ b: Figure) -> Bool {
        guard !a.unit.isEmpty, a.unit == b.unit, a.isPrecise, b.isPrecise else { return false }
        let low = min(abs(a.value), abs(b.value))
        return low > 0 && max(abs(a.value), abs(b.value)) / low <= 1.1
    }

    /// Figures of one measure and value share a key: "money USD 5.7e+09".
    static func valueKey(_ figure: Figure) -> String {
        // A count's noun is left out: "1.6 million" and "1.6 million arrests" meet.
        "\(figure.dimension) \(figure.dimension == "count" ? "" : figure.unit) \(figure.value)"
    }

    /// The least similarity that puts two figures in one slot.
    /// (Chosen on the hand-labelled basil figures with `scripts/score-figures.sh`.)
    static let threshold = 0.3
    /// The least likeness of the words around two figures for a new value to join a slot as a disagreement.
    static let disagreementThreshold = 0.5
    /// Words around two figures this alike are one sentence told twice: values twice apart still meet.
    static let sameSentenceThreshold = 0.8
    /// The same for two close values of one named unit (`isNearMiss`).
    static let nearMissThreshold = 0.2

    /// How alike two figures' facts are: what they measure must match; then the words around them (each
    /// weighted by how few of the story's figures it is near), what they count, and whether the values
    /// agree — a precise value two reports share is most likely one fact.
    static func similarity(_ a: Figure, _ b: Figure, weights: [String: Double]) -> (score: Double, context: Double) {
        guard a.dimension == b.dimension else { return (0, 0) }
        let sameNumber = abs(a.value - b.value) <= 0.005 * max(abs(a.value), abs(b.value))
        var score = 0.0
        if a.dimension == "count" {
            if !a.unit.isEmpty, !b.unit.isEmpty {
                // "42 Senate Republicans" and "42 members": other nouns, one fact, only when the number is one.
                if a.unit == b.unit {
                    score += 0.2
                } else if !(sameNumber && a.isPrecise && b.isPrecise) {
                    return (0, 0)
                }
            }
        } else if a.unit != b.unit {
            return (0, 0)
        }
        func weight(_ words: Set<String>) -> Double { words.reduce(0) { $0 + (weights[$1] ?? 1) } }
        let scale = (weight(a.context) * weight(b.context)).squareRoot()
        let context = scale > 0 ? weight(a.context.intersection(b.context)) / scale : 0
        score += 0.6 * context
        if sameNumber {
            score += a.isPrecise && b.isPrecise ? 0.5 : 0.35
        } else if a.agrees(with: b) {
            score += 0.25
        } else if isNearMiss(a, b) {
            score += 0.2
        }
        return (score, context)
    }

    private static func slot(_ members: [Member], reports: [FigureReport], rank: [Int: Int]) -> Slot {
        let sorted = members.sorted { (rank[$0.report] ?? 0) < (rank[$1.report] ?? 0) }
        var values: [Value] = []
        for member in sorted {
            let mention = Mention(report: member.report, figure: member.figure)
            // The value written with the same number first ("about $3.6 billion" is "$3.6 billion"), else the
            // first it agrees with.
            let same = values.firstIndex { $0.mentions[0].figure.value == member.figure.value }
            if let at = same ?? values.firstIndex(where: { $0.mentions[0].figure.agrees(with: member.figure) }) {
                values[at].mentions.append(mention)
                if !values[at].reports.contains(member.report) { values[at].reports.append(member.report) }
            } else {
                values.append(Value(written: member.figure.written, mentions: [mention], reports: [member.report]))
            }
        }
        let reportCount = Set(members.map(\.report)).count
        return Slot(
            counts: sorted[0].figure.counts, dimension: sorted[0].figure.dimension, unit: sorted[0].figure.unit,
            values: values, relation: relation(values, reports: reports), reportCount: reportCount)
    }

    /// A development when each value comes later than the one before and moves the same way (a toll that
    /// rises), a contradiction when reports at one time differ or a later report goes back.
    static func relation(_ values: [Value], reports: [FigureReport]) -> Relation {
        guard values.count > 1 else { return .same }
        func time(_ report: Int) -> Int? { reports[report].time }
        var direction = 0.0
        for (earlier, later) in zip(values, values.dropFirst()) {
            // A development: the later value first given after the earlier one was, never at the same time.
            guard let firstEarlier = earlier.reports.compactMap(time).min(),
                let firstLater = later.reports.compactMap(time).min(), firstEarlier < firstLater
            else { return .contradiction }
            let change = later.mentions[0].figure.value - earlier.mentions[0].figure.value
            if direction != 0, (change > 0) != (direction > 0) { return .contradiction }
            direction = change
        }
        return .update
    }
}
