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
    /// The probability (by the grouping model) that put it in the story it joined, 0 for a new story.
    public var score: Double
    /// The terms the article shares most with the story, strongest first.
    public var sharedTerms: [String]
}

/// Groups articles into stories online: each article joins the most likely
/// story of the recent window, or opens a new one. Stories are found through
/// an index of their strongest terms (a few of the latest stories per term,
/// a bounded number in all, those sharing the most of the article's strongest
/// terms first), so an article is compared with few stories, never with all;
/// the closest of those in full text (mean cosine between
/// TF-IDF vectors, title words double, names and numbers terms too) are
/// weighed by a learned decision (`GroupingModel`) over several signals:
/// title-and-lead, full-text and name similarity, the closest recent report,
/// the margin over the next candidate, time gaps, the outlet, the size.
public final class StoryGrouper {
    public struct Settings: Sendable {
        /// The least probability (by `model`) that joins a story.
        public var threshold = GroupingModel.trainedThreshold
        /// Weighs the signals into that probability.
        public var model = GroupingModel.trained
        /// Stories whose last report is older than this, before the newest article, are closed.
        public var window = 3 * 86_400
        /// Stories whose first report is older than this, before the newest article, close too: an event
        /// followed for weeks becomes a story a week, not one that grows for ever by chaining reports.
        public var maximumAge = 7 * 86_400
        /// How many stories (the latest indexed) each of an article's strongest terms brings as candidates.
        public var storiesPerTerm = 64
        /// Terms stop bringing candidates (strongest first) once this many stories are gathered.
        public var mostCandidates = 512
        /// How many of the gathered stories, those that share the most weight of the article's strongest
        /// terms, are compared with it in full text: the bound on its cost, however many stories are open.
        public var compared = 64
        /// How many stories, the closest in full text, are weighed on every signal.
        public var candidates = 20
        /// How many of a story's latest reports are kept for the closest single report.
        public var recentReports = 8
        /// How many words of the text, after the title, make its lead.
        public var leadWords = 60
        /// How much a word's rarity counts in the title-and-lead vector: the power of its inverse document
        /// frequency there (1 in the others). In a headline and a few lines, the event's ordinary words
        /// ("police", "fire", "protest") say as much as its rare ones, which may be one outlet's wording: with
        /// the square root, held-out neus rose from 0.747 to 0.751, basil stayed at 0.980.
        public var leadRarity = 0.5
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
        /// The sums of the members' unit vectors: full text, title and lead, names.
        var centroid = TermVector()
        var lead = TermVector()
        var names = TermVector()
        var members = 0
        var first: Int?
        var last: Int?
        var timeSum = 0.0
        var timed = 0
        /// The latest reports' full-text and title vectors, for the closest single report.
        var recent: [(full: TermVector, title: TermVector)] = []
        var sources: Set<String> = []
        /// The terms whose index lists name this story, each once.
        var indexed: Set<Int> = []
    }

    /// An article's unit vectors: its full text, its title and lead, its names.
    struct Vectors {
        var full: TermVector
        var lead: TermVector
        var names: TermVector
        var title: TermVector
    }

    /// An article weighed against the open stories it shares strong terms with, before it is placed.
    public struct Examination {
        let article: StoryArticle
        let vectors: Vectors
        let strongest: [Int]
        /// Each candidate story's number and signals, by story number.
        public let candidates: [(story: Int, features: StoryFeatures)]
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
        let vectors = learn(article)
        if let time = article.published { newest = max(newest ?? time, time) }
        nextStory = max(nextStory, number + 1)
        join(number, vectors, article)
        indexStory(number, under: strongest(vectors.full).map(\.term))
    }

    /// The terms of the article that index its story, its strongest, with their weights.
    private func strongest(_ vector: TermVector) -> ArraySlice<(term: Int, weight: Double)> {
        vector.entries.sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.term < $1.term) }
            .prefix(settings.indexedTerms)
    }

    private func indexStory(_ number: Int, under terms: [Int]) {
        // Each term lists a story once, however many of its reports the term is strong in.
        for term in terms where stories[number]?.indexed.insert(term).inserted == true {
            index[term].append(number)
        }
    }

    /// The article's vectors, its terms counted in the document frequencies.
    private func learn(_ article: StoryArticle) -> Vectors {
        let counts = StoryTerms.counts(title: article.title, text: article.text, titleWeight: settings.titleWeight)
        documents += 1
        var numbered: [(term: Int, count: Double)] = []
        var names: [(term: Int, count: Double)] = []
        numbered.reserveCapacity(counts.weights.count)
        // In the terms' own order, so that numbering, sums and ties are the same in every run.
        for (term, count) in counts.weights.sorted(by: { $0.key < $1.key }) {
            let id = number(term)
            if let word = counts.words[term] { shownAs[id] = word }
            documentFrequency[id] += 1
            lastSeen[id] = documents
            numbered.append((id, count))
            if term.hasPrefix("N:") { names.append((id, count)) }
        }
        var lead: [(term: Int, count: Double)] = []
        let leadText = article.text.split(whereSeparator: \.isWhitespace).prefix(settings.leadWords).joined(
            separator: " ")
        let leadCounts = StoryTerms.counts(title: article.title, text: leadText, titleWeight: settings.titleWeight)
        for (term, count) in leadCounts.weights.sorted(by: { $0.key < $1.key }) {
            if let id = termIDs[term] { lead.append((id, count)) }
        }
        var title: [(term: Int, count: Double)] = []
        for (term, count) in StoryTerms.counts(title: article.title, text: "", titleWeight: 1).weights.sorted(by: {
            $0.key < $1.key
        }) {
            if let id = termIDs[term] { title.append((id, count)) }
        }
        return Vectors(
            full: weights(numbered), lead: weights(lead, idfPower: settings.leadRarity), names: weights(names),
            title: weights(title))
    }

    public func add(_ article: StoryArticle) -> StoryAssignment {
        let examination = examine(article)
        var best: (story: Int, probability: Double)?
        for (story, features) in examination.candidates {
            let probability = settings.model.probability(features)
            if probability > (best?.probability ?? -1) { best = (story, probability) }
        }
        if let best, best.probability >= settings.threshold {
            return commit(examination, to: best.story, score: best.probability)
        }
        return commit(examination, to: nil, score: 0)
    }

    /// Learns the article and weighs it against the open stories that share its strongest terms; `commit`
    /// then places it. (`add` does both; training looks at the signals in between.)
    public func examine(_ article: StoryArticle) -> Examination {
        let vectors = learn(article)
        if let time = article.published {
            newest = max(newest ?? time, time)
            closeStale()
        }
        let strongest = strongest(vectors.full)
        // Each term brings its latest stories only: a word in thousands of open stories says little. Each
        // story gathered counts the weight of the article's terms that brought it, and only those sharing
        // the most are compared in full text, so the cost of an article does not grow with the stories open.
        var overlap: [Int: Double] = [:]
        for (term, weight) in strongest where overlap.count < settings.mostCandidates {
            for number in index[term].suffix(settings.storiesPerTerm) { overlap[number, default: 0] += weight }
        }
        let numbers =
            overlap.count <= settings.compared
            ? Array(overlap.keys)
            : overlap.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(settings.compared).map(\.key)
        // The stories closest in full text are weighed on every signal; the rest are never close.
        let closest = numbers.compactMap { number in
            stories[number].map { (number: number, text: Self.mean(vectors.full, $0.centroid, $0.members)) }
        }
        .sorted { ($0.text, -$0.number) > ($1.text, -$1.number) }.prefix(settings.candidates)
        let candidates = closest.sorted { $0.number < $1.number }.map { candidate in
            var features = features(vectors, article, against: stories[candidate.number]!)
            let others = closest.lazy.filter { $0.number != candidate.number }.map(\.text).max() ?? 0
            features.margin = candidate.text - others
            return (candidate.number, features)
        }
        return Examination(
            article: article, vectors: vectors, strongest: strongest.map(\.term), candidates: candidates)
    }

    /// Places an examined article in open story `story`, or in a new story when it is nil or closed.
    @discardableResult
    public func commit(_ examination: Examination, to story: Int?, score: Double = 1) -> StoryAssignment {
        let assignment: StoryAssignment
        if let story, let open = stories[story] {
            assignment = StoryAssignment(
                story: story, opened: false, score: score, sharedTerms: shared(examination.vectors.full, open))
        } else {
            assignment = StoryAssignment(story: nextStory, opened: true, score: 0, sharedTerms: [])
            nextStory += 1
        }
        join(assignment.story, examination.vectors, examination.article)
        indexStory(assignment.story, under: examination.strongest)
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
            stories[number]!.centroid = stories[number]!.centroid.removing(forgotten)
            stories[number]!.lead = stories[number]!.lead.removing(forgotten)
            stories[number]!.names = stories[number]!.names.removing(forgotten)
            stories[number]!.recent = stories[number]!.recent.map { member in
                (member.full.removing(forgotten), member.title.removing(forgotten))
            }
            stories[number]!.indexed.subtract(forgotten)
        }
    }

    /// Unit-length TF-IDF weights: (1 + ln tf) · ln((N + 10) / (df + ½))^idfPower. The ten documents that
    /// never come keep the first articles' shared words from counting for nothing.
    private func weights(_ counts: [(term: Int, count: Double)], idfPower: Double = 1) -> TermVector {
        var vector: [(term: Int, weight: Double)] = []
        var squared = 0.0
        let total = Double(documents + 10)
        for (term, count) in counts {
            let idf = log(total / (Double(documentFrequency[term]) + 0.5))
            let weight = (1 + log(count)) * (idfPower == 1 ? idf : pow(idf, idfPower))
            guard weight > 0 else { continue }
            vector.append((term, weight))
            squared += weight * weight
        }
        let norm = squared.squareRoot()
        guard norm > 0 else { return TermVector() }
        return TermVector(vector.map { ($0.term, $0.weight / norm) })
    }

    /// The mean cosine between a unit vector and the members whose vectors sum to `centroid`.
    private static func mean(_ vector: TermVector, _ centroid: TermVector, _ members: Int) -> Double {
        vector.dot(centroid) / Double(max(members, 1))
    }

    /// The signals of the article against the story: mean cosines to its members (average linkage) of the
    /// full texts, titles and leads, and names; the time gaps; the outlet; the story's size.
    private func features(_ vectors: Vectors, _ article: StoryArticle, against story: Story) -> StoryFeatures {
        var features = StoryFeatures()
        guard story.members > 0 else { return features }
        features.text = Self.mean(vectors.full, story.centroid, story.members)
        features.lead = Self.mean(vectors.lead, story.lead, story.members)
        features.names = Self.mean(vectors.names, story.names, story.members)
        for member in story.recent {
            features.textMax = max(features.textMax, vectors.full.dot(member.full))
            features.titleMax = max(features.titleMax, vectors.title.dot(member.title))
        }
        if let time = article.published, let first = story.first, let last = story.last, story.timed > 0 {
            func gap(_ other: Double) -> Double { log(1 + abs(Double(time) - other) / 3600) }
            features.timed = 1
            features.gapFirst = gap(Double(first))
            features.gapLast = gap(Double(last))
            features.gapMean = gap(story.timeSum / Double(story.timed))
        }
        if let source = article.source, story.sources.contains(source) { features.sameOutlet = 1 }
        features.size = log(Double(story.members))
        return features
    }

    private func shared(_ vector: TermVector, _ story: Story) -> [String] {
        var products = vector.products(with: story.centroid)
        products.sort { $0.product > $1.product || ($0.product == $1.product && terms[$0.term] < terms[$1.term]) }
        var names: [String] = []
        for item in products.prefix(8) {
            let shown = shownAs[item.term]
            if !names.contains(shown) { names.append(shown) }
        }
        return Array(names.prefix(5))
    }

    private func join(_ number: Int, _ vectors: Vectors, _ article: StoryArticle) {
        var story = stories.removeValue(forKey: number) ?? Story()
        story.centroid.add(vectors.full)
        story.lead.add(vectors.lead)
        story.names.add(vectors.names)
        story.members += 1
        story.recent.append((vectors.full, vectors.title))
        if story.recent.count > settings.recentReports { story.recent.removeFirst() }
        if let time = article.published {
            story.last = max(story.last ?? time, time)
            story.first = min(story.first ?? time, time)
            story.timeSum += Double(time)
            story.timed += 1
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
