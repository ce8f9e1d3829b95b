import NewsdeskCheck
import NewsdeskCore
import NewsdeskExtract
import NewsdeskFeed
import NewsdeskFetch
import NewsdeskHTML
import NewsdeskStore
import NewsdeskStories

/// What one pass over the due sources did.
public struct IngestReport: Sendable, Equatable {
    public var sourcesPolled = 0
    public var sourcesFailed = 0
    public var newArticles = 0
    public var revisedArticles = 0
    /// New articles kept from the feed's own content because the page could not be fetched or extracted.
    public var fromFeed = 0
    public var newStories = 0
    public var copies = 0
}

/// The desk: polls the sources that are due, and for every new entry fetches
/// the page, extracts and checks the article, finds the same copy or the
/// story it belongs to, and stores it. Each article is stored in its own
/// transaction as soon as it is ready, so a pass that is killed loses nothing
/// stored and, run again, skips what is already there.
public final class Desk {
    public struct Settings: Sendable {
        /// Poll interval when the feed does not say; feeds' own intervals are kept within the bounds.
        public var defaultInterval = 15 * 60
        public var minimumInterval = 5 * 60
        public var maximumInterval = 6 * 3600
        /// The longest wait after failures: a failing source is retried forever at this pace at most.
        public var maximumBackoff = 24 * 3600
        /// How far back story grouping looks when the desk starts.
        public var window = 3 * 86_400

        public init() {}
    }

    private let store: any NewsStore
    private let fetcher: Fetcher
    private let settings: Settings
    private let extractor = ArticleExtractor()
    private let checker = ArticleChecker()
    private let placer: StoryPlacer
    /// Grouper story numbers and stored story ids, both ways.
    private var storyIDs: [Int: Int64] = [:]
    private var storyNumbers: [Int64: Int] = [:]

    /// A desk over `store`, its story grouping restarted from the articles of the last window.
    public init(store: any NewsStore, fetcher: Fetcher, settings: Settings = Settings(), now: Int) throws {
        self.store = store
        self.fetcher = fetcher
        self.settings = settings
        var grouping = StoryGrouper.Settings()
        grouping.window = settings.window
        placer = StoryPlacer(settings: grouping)
        for article in try store.recentArticles(since: now - settings.window) {
            guard let storyID = article.storyID else { continue }
            let number = storyNumbers[storyID] ?? storyNumbers.count
            storyNumbers[storyID] = number
            storyIDs[number] = storyID
            placer.restore(Self.storyArticle(article), story: number)
        }
    }

    static func storyArticle(_ article: StoredSummary) -> StoryArticle {
        StoryArticle(
            id: String(article.id), title: article.title, text: article.text, source: article.outlet,
            published: article.time)
    }

    /// Polls every source due at `now`, one after another; one failing source never stops the others.
    public func ingestDue(now: Int) async throws -> IngestReport {
        var report = IngestReport()
        for source in try store.dueSources(at: now) {
            report.sourcesPolled += 1
            do {
                try await poll(source, now: now, report: &report)
            } catch {
                report.sourcesFailed += 1
                let wait = min(settings.maximumBackoff, settings.defaultInterval << min(source.failures + 1, 16))
                try store.recordPollFailure(
                    sourceID: source.id, message: String(describing: error), nextPollAt: now + wait, at: now)
            }
        }
        return report
    }

    private func poll(_ source: SourceRecord, now: Int, report: inout IngestReport) async throws {
        let validators = Validators(etag: source.etag, lastModified: source.lastModified)
        let response = try await fetcher.fetch(source.feedURL, accept: .feed, validators: validators)
        if response.notModified {
            try store.recordPollSuccess(
                sourceID: source.id, etag: source.etag, lastModified: source.lastModified, newItems: 0,
                nextPollAt: now + settings.defaultInterval, at: now)
            return
        }
        let parsed = FeedParser.parse(response.body, url: response.url, headers: response.headers)
        guard parsed.isFeed else {
            throw NewsdeskError(.unparseable, "not a feed: \(parsed.problem ?? "no feed elements")")
        }
        let feed = Feed(parsed)
        var newItems = 0
        // Oldest first, so stories open with their first report.
        let entries = feed.entries.sorted {
            ($0.published ?? $0.updated)?.unixTime ?? 0 < ($1.published ?? $1.updated)?.unixTime ?? 0
        }
        for entry in entries {
            guard let link = entry.link ?? entry.id.flatMap({ $0.hasPrefix("http") ? $0 : nil }) else { continue }
            let url = CanonicalURL.canonical(link)
            if try store.articleID(url: url, sourceID: source.id, guid: entry.id) != nil { continue }
            let input = await article(for: entry, url: url, source: source, outlet: feed.title, now: now)
            let stored = try store.store(input, at: now)
            switch stored {
            case .inserted(let id):
                newItems += 1
                report.newArticles += 1
                if input.fromFeed { report.fromFeed += 1 }
                try group(id: id, input: input, outlet: source.title ?? feed.title, now: now, report: &report)
            case .revised:
                report.revisedArticles += 1
            case .unchanged:
                break
            }
        }
        let interval = min(
            settings.maximumInterval, max(settings.minimumInterval, feed.refreshInterval ?? settings.defaultInterval))
        try store.recordPollSuccess(
            sourceID: source.id, etag: response.validators.etag, lastModified: response.validators.lastModified,
            newItems: newItems, nextPollAt: now + interval, at: now)
    }

    /// The article behind an entry: the page fetched, extracted and checked, or the feed's own content
    /// when the page cannot be had.
    private func article(for entry: FeedEntry, url: String, source: SourceRecord, outlet: String?, now: Int) async
        -> ArticleInput
    {
        let published = (entry.published ?? entry.updated)?.unixTime
        if let response = try? await fetcher.fetch(url, accept: .page),
            let extracted = try? extractor.extract(
                response.body, url: response.url, transportCharset: response.charset),
            !extracted.text.isEmpty
        {
            let findings = checker.check(extracted.text)
            return ArticleInput(
                url: CanonicalURL.canonical(extracted.canonicalURL ?? url), guid: entry.id, sourceID: source.id,
                title: extracted.title ?? entry.title ?? url, byline: extracted.authors.joined(separator: ", "),
                publishedAt: published, fetchedAt: now, language: extracted.language,
                siteName: extracted.siteName ?? outlet, image: extracted.image ?? entry.imageURL,
                text: extracted.text, html: extracted.html,
                findings: "[" + findings.map(Article.json).joined(separator: ",") + "]")
        }
        let html = entry.contentHTML ?? entry.summaryHTML ?? ""
        return ArticleInput(
            url: url, guid: entry.id, sourceID: source.id, title: entry.title ?? url,
            byline: entry.authors.isEmpty ? nil : entry.authors.joined(separator: ", "), publishedAt: published,
            fetchedAt: now, siteName: outlet, image: entry.imageURL, text: HTMLText.strip(html), html: html,
            fromFeed: true)
    }

    private func group(id: Int64, input: ArticleInput, outlet: String?, now: Int, report: inout IngestReport) throws {
        let time = input.publishedAt ?? now
        let placement = placer.place(
            StoryArticle(id: String(id), title: input.title, text: input.text, source: outlet, published: time))
        let membership: MembershipRecord
        switch placement {
        case .copy(let original, let similarity, let number):
            guard let storyID = storyIDs[number] else { return }
            report.copies += 1
            membership = MembershipRecord(storyID: storyID, score: similarity, sharedTerms: [], copyOf: Int64(original))
        case .grouped(let assignment):
            let storyID: Int64
            if let known = storyIDs[assignment.story] {
                storyID = known
            } else {
                storyID = try store.openStory(headline: input.title, firstArticle: id, at: time)
                storyIDs[assignment.story] = storyID
                storyNumbers[storyID] = assignment.story
                report.newStories += 1
            }
            membership = MembershipRecord(
                storyID: storyID, score: assignment.score, sharedTerms: assignment.sharedTerms)
        }
        try store.place(article: id, in: membership, at: time)
    }
}
