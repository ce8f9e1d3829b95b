/// What each report adds to the ones before it, and what the other reports say where one lost a number.
extension StoryFigures {
    /// What a report says that no earlier report (in time order) did.
    public struct Addition: Sendable {
        /// Sentences with something new — names, words or figures no earlier report had — at most three, in text order.
        public var sentences: [String]
        /// Figures no earlier report gave (a fact not stated before, or a new value of one).
        public var figures: [Figure]
    }

    /// Another report's sentence at the point where one report lost a figure.
    public struct Echo: Sendable {
        public var report: Int
        public var sentence: String
        /// The figures of that sentence, the one that best fills the gap first.
        public var figures: [Figure]
    }

    /// The additions of every report, by its place in the given list; the first report's is empty.
    public func additions() -> [Addition] {
        var additions = Array(repeating: Addition(sentences: [], figures: []), count: texts.count)
        var seenWords: Set<String> = []
        var seenSentences: [Set<String>] = []
        var sentencesWith: [String: [Int]] = [:]
        var seenSlots: [Int: [Figure]] = [:]
        for (rank, report) in order.prefix(Self.reportLimit).enumerated() {
            let text = texts[report]
            let words = text.sentences.indices.map { Self.contentWords(text, sentence: $0) }
            if rank > 0 {
                var newFigures: [Figure] = []
                var newFigureSentences: Set<Int> = []
                for (index, figure) in figures[report].enumerated() {
                    let slot = slotOf[report][index]
                    let earlier = slot >= 0 ? seenSlots[slot] ?? [] : []
                    if !earlier.contains(where: { $0.agrees(with: figure) }),
                        !newFigures.contains(where: { $0.written == figure.written })
                    {
                        newFigures.append(figure)
                        newFigureSentences.insert(figure.sentence)
                    }
                }
                var scored: [(sentence: Int, score: Int)] = []
                for (sentence, sentenceWords) in words.enumerated() where sentenceWords.count >= 4 {
                    // Said before when most of its words are in one earlier sentence.
                    var overlap: [Int: Int] = [:]
                    for word in sentenceWords {
                        for earlier in sentencesWith[word] ?? [] { overlap[earlier, default: 0] += 1 }
                    }
                    let covered = Double(overlap.values.max() ?? 0) / Double(sentenceWords.count)
                    guard covered < 0.5 else { continue }
                    let new = sentenceWords.subtracting(seenWords).count
                    let figuresNew = newFigureSentences.contains(sentence) ? 3 : 0
                    guard new + figuresNew >= 3 else { continue }
                    scored.append((sentence, new + figuresNew))
                }
                let chosen = scored.sorted { ($0.score, -$0.sentence) > ($1.score, -$1.sentence) }.prefix(3)
                    .map(\.sentence).sorted()
                additions[report] = Addition(
                    sentences: chosen.map { Self.shortened(text.sentenceText($0)) }, figures: newFigures)
            }
            for sentenceWords in words {
                let number = seenSentences.count
                seenSentences.append(sentenceWords)
                for word in sentenceWords where (sentencesWith[word]?.count ?? 0) < 400 {
                    sentencesWith[word, default: []].append(number)
                }
                seenWords.formUnion(sentenceWords)
            }
            for (index, figure) in figures[report].enumerated() where slotOf[report][index] >= 0 {
                seenSlots[slotOf[report][index], default: []].append(figure)
            }
        }
        return additions
    }

    /// What the other reports say where report `report` lost a figure (a finding from `start` to `end`,
    /// in Unicode scalars): the sentence of each other report most like the damaged one, when it states a
    /// figure, at most three.
    public func echoes(ofReport report: Int, start: Int, end: Int) -> [Echo] {
        guard texts.indices.contains(report), let sentence = texts[report].sentence(at: start) else { return [] }
        let damaged = Self.contentWords(texts[report], sentence: sentence)
        guard damaged.count >= 2 else { return [] }
        // The words right at the gap say which of a sentence's figures fills it.
        let near = Self.words(in: texts[report].slice(max(0, start - 60), end + 60))
        var echoes: [(echo: Echo, likeness: Double)] = []
        for other in order where other != report {
            let text = texts[other]
            var best: (sentence: Int, likeness: Double)?
            for candidate in Set(figures[other].map(\.sentence)) {
                let words = Self.contentWords(text, sentence: candidate)
                let shared = damaged.intersection(words).count
                let likeness = Double(shared) / Double(max(damaged.count, 1))
                if shared >= 3, likeness >= 0.3, likeness > (best?.likeness ?? 0) { best = (candidate, likeness) }
            }
            guard let best else { continue }
            // The figure whose own neighbourhood (40 characters each side) shares most with the gap's.
            let stated = figures[other].filter { $0.sentence == best.sentence }
                .map { ($0, near.intersection(Self.words(in: text.slice(max(0, $0.start - 40), $0.end + 40))).count) }
                .sorted { $0.1 > $1.1 }.map(\.0)
            echoes.append(
                (
                    Echo(report: other, sentence: Self.shortened(text.sentenceText(best.sentence)), figures: stated),
                    best.likeness
                ))
        }
        return echoes.sorted { $0.likeness > $1.likeness }.prefix(3).map(\.echo)
    }

    static func contentWords(_ text: FigureText, sentence: Int) -> Set<String> {
        var words: Set<String> = []
        for token in text.tokens[text.sentences[sentence]] where token.kind == .word || token.kind == .digits {
            let lower = token.lower
            guard token.kind == .digits || (lower.count >= 3 && !FigureWords.stopWords.contains(lower)) else {
                continue
            }
            words.insert(FigureWords.lemma(lower))
        }
        return words
    }

    private static func words(in text: String) -> Set<String> {
        let figureText = FigureText(text)
        var words: Set<String> = []
        for sentence in figureText.sentences.indices { words.formUnion(contentWords(figureText, sentence: sentence)) }
        return words
    }

    /// A sentence cut at a word near 280 characters.
    static func shortened(_ sentence: String) -> String {
        guard sentence.count > 280 else { return sentence }
        let cut = sentence.prefix(280)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }
}
