/// Numbers a report lost that another report of the story still has: the words on each side of another
/// report's number stand side by side in a sentence like the other's ("killed people" where the other
/// has "killed 33 people", "$ billion" where it has "$5.7 billion") — found without any pattern in the
/// damaged text itself.
extension StoryFigures {
    /// Where a report lost a number, and what the other reports say there.
    public struct Gap: Sendable {
        /// The place of the missing number in the report, in Unicode scalars.
        public var start: Int
        public var end: Int
        /// The other reports' sentences with the number, the earliest report first, at most three.
        public var echoes: [Echo]

        /// Whether the gap is at a loss found otherwise (a check's finding from `start` to `end`), or within
        /// 40 scalars of it: the same loss, to be shown once.
        public func isNear(_ start: Int, _ end: Int) -> Bool {
            start - 40 <= self.start && self.end <= end + 40
        }
    }

    /// A figure in digits as a gap is looked for: the words on each side of its number, and the content
    /// words of its sentence.
    private struct Anchor {
        var before: String
        var after: String
        var words: Set<String>
    }

    /// The least share of the other sentence's content words a sentence must have for a gap in it to count.
    static let gapLikeness = 0.6

    /// The gaps of every report, by its place in the given list, each in text order.
    public func gaps() -> [[Gap]] {
        // The words around each figure's number and of its sentence, once for all reports.
        let anchors = texts.indices.map { report in
            figures[report].map { figure in
                Self.wordsAround(figure, in: texts[report]).map {
                    Anchor(
                        before: $0.before, after: $0.after,
                        words: Self.contentWords(texts[report], sentence: figure.sentence))
                }
            }
        }
        return texts.indices.map { gaps(ofReport: $0, anchors: anchors) }
    }

    private func gaps(ofReport report: Int, anchors: [[Anchor?]]) -> [Gap] {
        let text = texts[report]
        // The report's neighbouring tokens, by their two lower-cased texts: where a number may have been.
        var pairs: [String: [(token: Int, sentence: Int)]] = [:]
        for (sentence, range) in text.sentences.enumerated() where range.count >= 2 {
            for index in range.lowerBound..<(range.upperBound - 1) {
                pairs[text.tokens[index].lower + " " + text.tokens[index + 1].lower, default: []].append(
                    (index, sentence))
            }
        }
        var sentenceWords: [Int: Set<String>] = [:]
        func words(_ sentence: Int) -> Set<String> {
            if let known = sentenceWords[sentence] { return known }
            let found = Self.contentWords(text, sentence: sentence)
            sentenceWords[sentence] = found
            return found
        }
        var found: [Int: Gap] = [:]
        for other in order.prefix(Self.reportLimit) where other != report {
            let otherText = texts[other]
            for (number, figure) in figures[other].enumerated() {
                guard let anchor = anchors[other][number], anchor.words.count >= 3,
                    let places = pairs[anchor.before + " " + anchor.after]
                else { continue }
                for place in places {
                    let shared = anchor.words.intersection(words(place.sentence)).count
                    guard Double(shared) / Double(anchor.words.count) >= Self.gapLikeness,
                        // A sentence that gives the figure elsewhere lost nothing.
                        !figures[report].contains(where: { $0.sentence == place.sentence && $0.agrees(with: figure) })
                    else { continue }
                    let start = text.tokens[place.token].end
                    var gap = found[start] ?? Gap(start: start, end: text.tokens[place.token + 1].start, echoes: [])
                    if gap.echoes.count < 3, !gap.echoes.contains(where: { $0.report == other }) {
                        gap.echoes.append(
                            Echo(
                                report: other, sentence: Self.shortened(otherText.sentenceText(figure.sentence)),
                                figures: [figure]))
                    }
                    found[start] = gap
                }
            }
        }
        return found.values.sorted { $0.start < $1.start }
    }

    /// The tokens right before and after a figure's number written in digits, lower-cased: "least" and
    /// "people" for "at least 33 people", "$" and "billion" for "$5.7 billion".
    static func wordsAround(_ figure: Figure, in text: FigureText) -> (before: String, after: String)? {
        let tokens = text.tokens
        // The first token at or after the figure's start (tokens are in text order).
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].start < figure.start { low = middle + 1 } else { high = middle }
        }
        var first = low
        while first < tokens.count, tokens[first].end <= figure.end, tokens[first].kind != .digits { first += 1 }
        guard first < tokens.count, tokens[first].kind == .digits, tokens[first].end <= figure.end else { return nil }
        var last = first
        while last + 1 < tokens.count, tokens[last + 1].kind == .digits, tokens[last + 1].end <= figure.end {
            last += 1
        }
        guard first > 0, last + 1 < tokens.count else { return nil }
        return (tokens[first - 1].lower, tokens[last + 1].lower)
    }
}
