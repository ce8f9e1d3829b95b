/// An article as the grouper sees it.
public struct StoryArticle: Sendable {
    public var id: String
    public var title: String
    public var text: String
    /// The outlet, when known: one outlet rarely reports one event twice.
    public var source: String?
    /// Seconds since 1970 (UTC), when known; articles without a time are taken as simultaneous.
    public var published: Int?

    public init(id: String, title: String, text: String, source: String? = nil, published: Int? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.source = source
        self.published = published
    }
}

/// Why an article went where it did.
public struct StoryAssignment: Sendable, Equatable {
    /// The story's number, in order of creation.
    public var story: Int
    /// True when the article opened the story.
    public var opened: Bool
    /// The similarity to the story it joined (with the time bonus and outlet penalty), 0 for a new story.
    public var score: Double
    /// The terms the article shares most with the story, strongest first.
    public var sharedTerms: [String]
}

/// Groups articles into stories online: each article joins the most similar
/// story of the recent window, or opens a new one. Similarity is the mean
/// cosine between the article's TF-IDF vector (document frequencies counted
/// as articles arrive; title words count double; names and numbers are terms
/// too) and the story's reports, plus a bonus for reports close in time and
/// a penalty for a second report from an outlet already in the story.
/// Stories are found through an index of their strongest terms, so an
/// article is compared with the few stories that share them, never with all.
public final class StoryGrouper {
    public struct Settings: Sendable {
        /// The least score that joins a story.
        public var threshold = 0.28
        /// Stories whose last report is older than this, before the newest article, are closed.
        public var window = 3 * 86_400
        /// Stories whose first report is older than this, before the newest article, close too: an event
        /// followed for weeks becomes a story a week, not one that grows for ever by chaining reports.
        public var maximumAge = 7 * 86_400
        /// Added to the score for a report at the same time as the story's last; halves about every 17 hours.
        public var timeBonus = 0.15
        public var timeScale = 86_400.0
        /// Taken off the score when the story already has a report from the article's outlet.
        public var sameSourcePenalty = 0.1
        /// How much a title word counts against one of the text.
        public var titleWeight = 2.0
        /// How many of an article's strongest terms index its story.
        public var indexedTerms = 30
        /// Terms not seen in this many articles are forgotten (their document frequency with them), so the
        /// vocabulary holds what recent news uses, however long the grouper runs.
        public var vocabularyMemory = 100_000

        public init() {}
    }

    private struct Story {
        /// The sum of the members' unit vectors.
        var centroid: [Int: Double] = [:]
        var members = 0
        var first: Int?
        var last: Int?
        var sources: Set<String> = []
        /// The terms whose index lists name this story, each once.
        var indexed: Set<Int> = []
    }

    public let settings: Settings
    /// Terms are numbered as they first appear; the rest of the work is on numbers.
    private var termIDs: [String: Int] = [:]
    private var terms: [String] = []
    private var documentFrequency: [Int] = []
    /// How each term is shown in an explanation: as last written (a stem is not a word), names and
    /// numbers without their marks.
    private var shownAs: [String] = []
    /// The number of the last article each term was seen in.
    private var lastSeen: [Int] = []
    /// Numbers of forgotten terms, given out again.
    private var freeTerms: [Int] = []
    private var documents = 0
    /// The open stories by number; a closed story is forgotten.
    private var stories: [Int: Story] = [:]
    private var nextStory = 0
    /// For each term, the open stories it indexes.
    private var index: [[Int]] = []
    private var newest: Int?
    private var lastSweep: Int?
    private var lastVocabularySweep = 0

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// How many stories were opened.
    public var storyCount: Int { nextStory }
    /// How many stories are open: what the grouper holds.
    public var openStoryCount: Int { stories.count }
    /// How many terms the grouper knows.
    public var vocabularySize: Int { termIDs.count }

    /// Whether story `number` is still open to new reports.
    public func isOpen(_ number: Int) -> Bool { stories[number] != nil }

    /// Puts back an article already placed in a story (by `story`, a number this grouper gave out or
    /// a new one), as when a desk starts again: the story's vector and times are rebuilt, nothing is scored.
    public func restore(_ article: StoryArticle, story number: Int) {
        let vector = learn(article)
        if let time = article.published { newest = max(newest ?? time, time) }
        nextStory = max(nextStory, number + 1)
        join(number, vector, article)
        indexStory(number, under: strongest(vector))
    }

    /// The terms of the article that index its story: its strongest.
    private func strongest(_ vector: [(term: Int, weight: Double)]) -> [Int] {
        vector.sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.term < $1.term) }
            .prefix(settings.indexedTerms).map(\.term)
    }

    private func indexStory(_ number: Int, under terms: [Int]) {
        // Each term lists a story once, however many of its reports the term is strong in.
        for term in terms where stories[number]?.indexed.insert(term).inserted == true {
            index[term].append(number)
        }
    }

    /// The article's vector, its terms counted in the document frequencies.
    private func learn(_ article: StoryArticle) -> [(term: Int, weight: Double)] {
        let counts = StoryTerms.counts(title: article.title, text: article.text, titleWeight: settings.titleWeight)
        documents += 1
        var numbered: [(term: Int, count: Double)] = []
        numbered.reserveCapacity(counts.weights.count)
        // In the terms' own order, so that numbering, sums and ties are the same in every run.
        for (term, count) in counts.weights.sorted(by: { $0.key < $1.key }) {
            let id = number(term)
            if let word = counts.words[term] { shownAs[id] = word }
            documentFrequency[id] += 1
            lastSeen[id] = documents
            numbered.append((id, count))
        }
        return weights(numbered)
    }

    public func add(_ article: StoryArticle) -> StoryAssignment {
        let vector = learn(article)
        if let time = article.published {
            newest = max(newest ?? time, time)
            closeStale()
        }
        let strongest = strongest(vector)
        var candidates: Set<Int> = []
        for term in strongest { candidates.formUnion(index[term]) }
        var best: (story: Int, score: Double)?
        for candidate in candidates.sorted() {
            guard let story = stories[candidate] else { continue }
            let score = self.score(vector, article, against: story)
            if score > (best?.score ?? -.infinity) { best = (candidate, score) }
        }
        let assignment: StoryAssignment
        if let best, best.score >= settings.threshold, let story = stories[best.story] {
            assignment = StoryAssignment(
                story: best.story, opened: false, score: best.score, sharedTerms: shared(vector, story))
        } else {
            assignment = StoryAssignment(story: nextStory, opened: true, score: 0, sharedTerms: [])
            nextStory += 1
        }
        join(assignment.story, vector, article)
        indexStory(assignment.story, under: strongest)
        // Swept four times per memory span, so at most 1¼ spans' terms are held.
        if documents - lastVocabularySweep >= max(1, settings.vocabularyMemory / 4) { forgetUnusedTerms() }
        return assignment
    }

    private func number(_ term: String) -> Int {
        if let id = termIDs[term] { return id }
        if let id = freeTerms.popLast() {
            termIDs[term] = id
            terms[id] = term
            shownAs[id] =
                term.hasPrefix("N:") || term.hasPrefix("#")
                ? String(term.drop(while: { $0 != ":" && $0 != "#" }).dropFirst()) : term
            documentFrequency[id] = 0
            return id
        }
        let id = terms.count
        termIDs[term] = id
        terms.append(term)
        shownAs.append(
            term.hasPrefix("N:") || term.hasPrefix("#")
                ? String(term.drop(while: { $0 != ":" && $0 != "#" }).dropFirst()) : term)
        documentFrequency.append(0)
        lastSeen.append(0)
        index.append([])
        return id
    }

    /// Forgets the terms no article used in the last `vocabularyMemory` articles: out of the vocabulary,
    /// the index and the open stories, their numbers free for new terms.
    private func forgetUnusedTerms() {
        lastVocabularySweep = documents
        let cutoff = documents - settings.vocabularyMemory
        var forgotten: Set<Int> = []
        for id in termIDs.values where lastSeen[id] <= cutoff { forgotten.insert(id) }
        guard !forgotten.isEmpty else { return }
        for id in forgotten.sorted() {
            termIDs[terms[id]] = nil
            terms[id] = ""
            documentFrequency[id] = 0
            index[id] = []
            freeTerms.append(id)
        }
        for number in stories.keys {
            stories[number]!.centroid = stories[number]!.centroid.filter { !forgotten.contains($0.key) }
            stories[number]!.indexed.subtract(forgotten)
        }
    }

    /// Unit-length TF-IDF weights: (1 + ln tf) · ln((N + 10) / (df + ½)). The ten documents that
    /// never come keep the first articles' shared words from counting for nothing.
    private func weights(_ counts: [(term: Int, count: Double)]) -> [(term: Int, weight: Double)] {
        var vector: [(term: Int, weight: Double)] = []
        var squared = 0.0
        let total = Double(documents + 10)
        for (term, count) in counts {
            let idf = log(total / (Double(documentFrequency[term]) + 0.5))
            let weight = (1 + log(count)) * idf
            guard weight > 0 else { continue }
            vector.append((term, weight))
            squared += weight * weight
        }
        let norm = squared.squareRoot()
        guard norm > 0 else { return [] }
        return vector.map { ($0.term, $0.weight / norm) }
    }

    /// The mean cosine between the article and the story's members (average linkage), adjusted for time and outlet.
    private func score(_ vector: [(term: Int, weight: Double)], _ article: StoryArticle, against story: Story) -> Double
    {
        guard story.members > 0 else { return 0 }
        var dot = 0.0
        for (term, weight) in vector {
            if let other = story.centroid[term] { dot += weight * other }
        }
        var score = dot / Double(story.members)
        if let source = article.source, story.sources.contains(source) { score -= settings.sameSourcePenalty }
        if let time = article.published, let last = story.last {
            score += settings.timeBonus * exp(-Double(abs(time - last)) / settings.timeScale)
        }
        return score
    }

    private func shared(_ vector: [(term: Int, weight: Double)], _ story: Story) -> [String] {
        var products: [(term: Int, product: Double)] = []
        for (term, weight) in vector {
            if let other = story.centroid[term] { products.append((term, weight * other)) }
        }
        products.sort { $0.product > $1.product || ($0.product == $1.product && terms[$0.term] < terms[$1.term]) }
        var names: [String] = []
        for item in products.prefix(8) {
            let shown = shownAs[item.term]
            if !names.contains(shown) { names.append(shown) }
        }
        return Array(names.prefix(5))
    }

    private func join(_ number: Int, _ vector: [(term: Int, weight: Double)], _ article: StoryArticle) {
        var story = stories.removeValue(forKey: number) ?? Story()
        for (term, weight) in vector { story.centroid[term, default: 0] += weight }
        story.members += 1
        if let time = article.published {
            story.last = max(story.last ?? time, time)
            story.first = min(story.first ?? time, time)
        }
        if let source = article.source { story.sources.insert(source) }
        stories[number] = story
    }

    /// Closes the stories last reported more than a window before the newest article, or first reported
    /// more than the maximum age before it: they leave the
    /// index and are forgotten. At most once an hour of news, so the cost does not grow with every article.
    private func closeStale() {
        guard let newest else { return }
        if let lastSweep, newest - lastSweep < 3600 { return }
        lastSweep = newest
        let stale = stories.filter { _, story in
            guard let last = story.last, let first = story.first else { return false }
            return newest - last > settings.window || newest - first > settings.maximumAge
        }
        for (number, story) in stale {
            for term in story.indexed { index[term].removeAll { $0 == number } }
            stories[number] = nil
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
