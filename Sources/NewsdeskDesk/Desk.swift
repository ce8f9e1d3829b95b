import NewsdeskCheck
import NewsdeskCore
import NewsdeskExtract
import NewsdeskFeed
import NewsdeskFetch
import NewsdeskHTML
import NewsdeskStore
import NewsdeskStories

/// What one pass over the due sources did, and where its time went.
public struct IngestReport: Sendable, Equatable {
    public var sourcesPolled = 0
    public var sourcesFailed = 0
    public var newArticles = 0
    public var revisedArticles = 0
    /// New articles kept from the feed's own content because the page could not be fetched or extracted.
    public var fromFeed = 0
    public var newStories = 0
    public var copies = 0
    /// Handed articles the store refused (workers on a shared store only): left out so the rest go on.
    public var refusedArticles = 0
    /// Seconds from the start of the pass to its end.
    public var seconds = 0.0
    /// Seconds spent in each stage, summed over feeds and articles; fetching and extraction run
    /// several at a time, so the sums can exceed `seconds`.
    public var stages = StageTimes()

    public init() {}
}

public struct StageTimes: Sendable, Equatable {
    /// Fetching and parsing feeds.
    public var feeds = 0.0
    /// Fetching article pages.
    public var fetch = 0.0
    public var extract = 0.0
    public var check = 0.0
    /// Finding the same copy or the story.
    public var group = 0.0
    /// Writing to the store, grouping excluded.
    public var store = 0.0
}

/// The desk: polls the sources that are due, and for every new entry fetches
/// the page, extracts and checks the article, finds the same copy or the
/// story it belongs to, and stores it. Feeds and pages are fetched and
/// extracted several at a time; each article is then grouped and stored in
/// its own transaction as soon as it is ready, so a pass that is killed loses
/// nothing stored and, run again, skips what is already there.
public final class Desk {
    public struct Settings: Sendable {
        /// Poll interval when the feed does not say; feeds' own intervals are kept within the bounds.
        public var defaultInterval = 15 * 60
        public var minimumInterval = 5 * 60
        public var maximumInterval = 6 * 3600
        /// The longest wait after failures: a failing source is retried forever at this pace at most.
        public var maximumBackoff = 24 * 3600
        /// How long a story stays open after its last report; the grouping holds only this window.
        public var window = 3 * 86_400
        /// Feeds and pages fetched and extracted at once (the fetcher keeps its own per-host limits).
        public var concurrency = 16

        public init() {}
    }

    private let store: any NewsStore
    private let fetcher: Fetcher
    private let settings: Settings
    private let filer: ArticleFiler

    /// A desk over `store`, its story grouping restarted from the articles of the last window.
    public init(store: any NewsStore, fetcher: Fetcher, settings: Settings = Settings(), now: Int) throws {
        self.store = store
        self.fetcher = fetcher
        self.settings = settings
        filer = try ArticleFiler(store: store, window: settings.window, now: now)
    }

    /// What the grouping holds now: open stories, known terms, texts kept for finding copies.
    public var held: (stories: Int, terms: Int, texts: Int) { filer.held }

    enum Work: Sendable {
        case feed(SourceRecord, FeedOutcome, seconds: Double)
        case article(EntryJob, ArticleInput, StageTimes)
    }

    enum FeedOutcome: Sendable {
        case notModified
        case failed(String)
        case parsed(Feed, Validators)
    }

    /// A source whose articles are still on their way.
    struct Progress {
        var remaining: Int
        var newItems = 0
        var validators: Validators
        var interval: Int
    }

    /// Polls every source due at `now`; one failing source never stops the others. Throws only when the
    /// store fails.
    public func ingestDue(now: Int) async throws -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = IngestReport()
        var sources = try store.dueSources(at: now)[...]
        var jobs: [EntryJob] = []
        var nextJob = 0
        var progress: [Int64: Progress] = [:]
        var running = 0
        let fetcher = self.fetcher
        try await withThrowingTaskGroup(of: Work.self) { group in
            while true {
                while running < settings.concurrency {
                    if nextJob < jobs.count {
                        let job = jobs[nextJob]
                        nextJob += 1
                        group.addTask {
                            let (input, times) = await Self.prepare(job, fetcher: fetcher, now: now)
                            return .article(job, input, times)
                        }
                    } else if let source = sources.popFirst() {
                        report.sourcesPolled += 1
                        group.addTask { await Self.poll(source, fetcher: fetcher) }
                    } else {
                        break
                    }
                    running += 1
                }
                if nextJob == jobs.count, nextJob > 0 {
                    jobs.removeAll(keepingCapacity: true)
                    nextJob = 0
                }
                guard let work = try await group.next() else { break }
                running -= 1
                switch work {
                case .feed(let source, let outcome, let seconds):
                    report.stages.feeds += seconds
                    let waiting = try receive(outcome, of: source, now: now, report: &report)
                    jobs += waiting.jobs
                    if let waiting = waiting.progress { progress[source.id] = waiting }
                case .article(let job, let input, let times):
                    report.stages.fetch += times.fetch
                    report.stages.extract += times.extract
                    report.stages.check += times.check
                    let isNew = try filer.file(input, outlet: job.outlet, now: now, report: &report)
                    guard var waiting = progress[job.sourceID] else { continue }
                    waiting.remaining -= 1
                    if isNew { waiting.newItems += 1 }
                    progress[job.sourceID] = waiting
                    if waiting.remaining == 0 {
                        progress[job.sourceID] = nil
                        try recordSuccess(job.sourceID, waiting, now: now)
                    }
                }
            }
        }
        report.seconds = Self.seconds(clock.now - started)
        return report
    }

    /// Fetches and parses a source's feed.
    static func poll(_ source: SourceRecord, fetcher: Fetcher) async -> Work {
        let (outcome, seconds) = await fetchFeed(source, fetcher: fetcher)
        return .feed(source, outcome, seconds: seconds)
    }

    /// Fetches and parses a source's feed; the outcome and the seconds it took.
    static func fetchFeed(_ source: SourceRecord, fetcher: Fetcher) async -> (FeedOutcome, Double) {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome: FeedOutcome
        do {
            let validators = Validators(etag: source.etag, lastModified: source.lastModified)
            let response = try await fetcher.fetch(source.feedURL, accept: .feed, validators: validators)
            if response.notModified {
                outcome = .notModified
            } else {
                let parsed = FeedParser.parse(response.body, url: response.url, headers: response.headers)
                if parsed.isFeed {
                    outcome = .parsed(Feed(parsed), response.validators)
                } else {
                    outcome = .failed("not a feed: \(parsed.problem ?? "no feed elements")")
                }
            }
        } catch {
            outcome = .failed(String(describing: error))
        }
        return (outcome, seconds(clock.now - started))
    }

    /// Records a feed's outcome, and returns the entries to fetch, oldest first (so stories open with
    /// their first report), with the source's progress when there are any.
    private func receive(_ outcome: FeedOutcome, of source: SourceRecord, now: Int, report: inout IngestReport)
        throws -> (jobs: [EntryJob], progress: Progress?)
    {
        switch outcome {
        case .notModified:
            try recordSuccess(
                source.id,
                Progress(
                    remaining: 0, validators: Validators(etag: source.etag, lastModified: source.lastModified),
                    interval: settings.defaultInterval), now: now)
            return ([], nil)
        case .failed(let message):
            report.sourcesFailed += 1
            try store.recordPollFailure(
                sourceID: source.id, message: message,
                nextPollAt: now + DeskPolicy(settings).backoff(after: source.failures), at: now)
            return ([], nil)
        case .parsed(let feed, let validators):
            let jobs = try Self.jobs(of: feed, from: source, store: store).map(\.job)
            let waiting = Progress(
                remaining: jobs.count, validators: validators, interval: DeskPolicy(settings).interval(of: feed))
            if jobs.isEmpty {
                try recordSuccess(source.id, waiting, now: now)
                return ([], nil)
            }
            return (jobs, waiting)
        }
    }

    /// The entries of a feed to fetch, oldest first: those not stored yet, and those whose headline or
    /// update time changed since (`isNew` false).
    static func jobs(of feed: Feed, from source: SourceRecord, store: any NewsStore) throws
        -> [(job: EntryJob, isNew: Bool)]
    {
        let entries = feed.entries.sorted {
            ($0.published ?? $0.updated)?.unixTime ?? 0 < ($1.published ?? $1.updated)?.unixTime ?? 0
        }
        var jobs: [(EntryJob, Bool)] = []
        for entry in entries {
            guard let link = entry.link ?? entry.id.flatMap({ $0.hasPrefix("http") ? $0 : nil }) else { continue }
            let url = CanonicalURL.canonical(link)
            let key = entryKey(entry)
            let known = try store.knownArticle(url: url, sourceID: source.id, guid: entry.id)
            if let known, known.entryKey == key { continue }
            jobs.append((EntryJob(entry, url: url, key: key, source: source, feedTitle: feed.title), known == nil))
        }
        return jobs
    }

    private func recordSuccess(_ sourceID: Int64, _ progress: Progress, now: Int) throws {
        try store.recordPollSuccess(
            sourceID: sourceID, etag: progress.validators.etag, lastModified: progress.validators.lastModified,
            newItems: progress.newItems, nextPollAt: now + progress.interval, at: now)
    }

    /// What the feed says of an entry that, when it changes, may mean the article was revised.
    static func entryKey(_ entry: FeedEntry) -> String {
        let updated = (entry.updated ?? entry.published).map { String($0.unixTime) } ?? ""
        return String(ContentHash.of(title: entry.title ?? "", text: updated), radix: 16)
    }

    /// The article behind an entry: the page fetched, extracted and checked, or the feed's own content
    /// when the page cannot be had (or, with `feedOnly`, is not to be tried again).
    static func prepare(_ job: EntryJob, fetcher: Fetcher, now: Int, feedOnly: Bool = false) async
        -> (ArticleInput, StageTimes)
    {
        let clock = ContinuousClock()
        var times = StageTimes()
        var started = clock.now
        let response = feedOnly ? nil : try? await fetcher.fetch(job.url, accept: .page)
        times.fetch = seconds(clock.now - started)
        started = clock.now
        // The entry's full content, read only when the feed carries one.
        let fullText = job.contentHTML.map(HTMLText.strip)
        if let response,
            let extracted = try? ArticleExtractor().extract(
                response.body, url: response.url, transportCharset: response.charset),
            !extracted.text.isEmpty,
            !(fullText.map { holdsMore($0, than: extracted.wordCount) } ?? false)
        {
            times.extract = seconds(clock.now - started)
            started = clock.now
            let findings = ArticleChecker().check(extracted.text)
            times.check = seconds(clock.now - started)
            let input = ArticleInput(
                url: CanonicalURL.canonical(extracted.canonicalURL ?? job.url), guid: job.guid,
                sourceID: job.sourceID, title: extracted.title ?? job.title ?? job.url,
                byline: extracted.authors.joined(separator: ", "), publishedAt: job.published, fetchedAt: now,
                language: extracted.language, siteName: extracted.siteName ?? job.feedTitle,
                image: extracted.image ?? job.imageURL, text: extracted.text, html: extracted.html,
                findings: "[" + findings.map(Article.json).joined(separator: ",") + "]", entryKey: job.entryKey)
            return (input, times)
        }
        times.extract = seconds(clock.now - started)
        let feedHTML = job.contentHTML ?? job.summaryHTML ?? ""
        let input = ArticleInput(
            url: job.url, guid: job.guid, sourceID: job.sourceID, title: job.title ?? job.url,
            byline: job.authors.isEmpty ? nil : job.authors.joined(separator: ", "), publishedAt: job.published,
            fetchedAt: now, siteName: job.feedTitle, image: job.imageURL,
            text: fullText ?? HTMLText.strip(feedHTML), html: feedHTML, fromFeed: true, entryKey: job.entryKey)
        return (input, times)
    }

    /// Whether the feed's full content holds at least twice the words the page gave, and a
    /// hundred or more: the page showed part of the article (a paywall's teaser, a body the
    /// extractor cut short), the feed carries all of it.
    static func holdsMore(_ feedText: String, than pageWords: Int) -> Bool {
        let feedWords = feedText.wordCount
        return feedWords >= 100 && feedWords >= 2 * pageWords
    }

    /// A duration in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

/// An entry whose page is to be fetched: what the desk needs of it, kept apart from the feed so a
/// queue can hold it (PostgreSQL's, as JSON) for another process to take.
struct EntryJob: Sendable, Codable, Equatable {
    var sourceID: Int64
    /// The outlet grouping counts it under: the source's title, or else the feed's.
    var outlet: String?
    var feedTitle: String?
    /// The canonical URL of the page.
    var url: String
    var entryKey: String
    var guid: String?
    var title: String?
    /// Published, or else updated, as the feed says.
    var published: Int?
    var contentHTML: String?
    var summaryHTML: String?
    var authors: [String]
    var imageURL: String?

    init(_ entry: FeedEntry, url: String, key: String, source: SourceRecord, feedTitle: String?) {
        sourceID = source.id
        outlet = source.title ?? feedTitle
        self.feedTitle = feedTitle
        self.url = url
        entryKey = key
        guid = entry.id
        title = entry.title
        published = (entry.published ?? entry.updated)?.unixTime
        contentHTML = entry.contentHTML
        summaryHTML = entry.summaryHTML
        authors = entry.authors
        imageURL = entry.imageURL
    }
}
