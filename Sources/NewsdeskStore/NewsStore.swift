/// A followed source: a feed, with its polling state and health.
public struct SourceRecord: Sendable, Equatable {
    public var id: Int64
    public var feedURL: String
    public var title: String?
    public var siteURL: String?
    public var folder: String?
    /// Seconds since 1970, as every time in the store.
    public var addedAt: Int
    public var etag: String?
    public var lastModified: String?
    public var lastSuccessAt: Int?
    public var lastErrorAt: Int?
    public var lastError: String?
    public var nextPollAt: Int
    public var failures: Int
    public var itemsSeen: Int

    package init(
        id: Int64, feedURL: String, title: String? = nil, siteURL: String? = nil, folder: String? = nil, addedAt: Int,
        etag: String? = nil, lastModified: String? = nil, lastSuccessAt: Int? = nil, lastErrorAt: Int? = nil,
        lastError: String? = nil, nextPollAt: Int, failures: Int, itemsSeen: Int
    ) {
        self.id = id
        self.feedURL = feedURL
        self.title = title
        self.siteURL = siteURL
        self.folder = folder
        self.addedAt = addedAt
        self.etag = etag
        self.lastModified = lastModified
        self.lastSuccessAt = lastSuccessAt
        self.lastErrorAt = lastErrorAt
        self.lastError = lastError
        self.nextPollAt = nextPollAt
        self.failures = failures
        self.itemsSeen = itemsSeen
    }
}

/// An article to store: its identity (canonical URL, and the feed's guid when there is one) and content.
public struct ArticleInput: Sendable, Equatable, Codable {
    public var url: String
    public var guid: String?
    public var sourceID: Int64?
    public var title: String
    public var byline: String?
    public var publishedAt: Int?
    public var fetchedAt: Int
    public var language: String?
    public var siteName: String?
    public var image: String?
    public var text: String
    public var html: String
    /// True when the page could not be fetched or extracted and the feed's own content was kept.
    public var fromFeed: Bool
    /// The checks' findings, as JSON.
    public var findings: String
    /// What the feed said of the entry (its headline and update time, hashed): a change makes the desk
    /// fetch the article again, to see whether it was revised.
    public var entryKey: String?

    public init(
        url: String, guid: String? = nil, sourceID: Int64? = nil, title: String, byline: String? = nil,
        publishedAt: Int? = nil, fetchedAt: Int, language: String? = nil, siteName: String? = nil,
        image: String? = nil, text: String, html: String = "", fromFeed: Bool = false, findings: String = "[]",
        entryKey: String? = nil
    ) {
        self.entryKey = entryKey
        self.url = url
        self.guid = guid
        self.sourceID = sourceID
        self.title = title
        self.byline = byline
        self.publishedAt = publishedAt
        self.fetchedAt = fetchedAt
        self.language = language
        self.siteName = siteName
        self.image = image
        self.text = text
        self.html = html
        self.fromFeed = fromFeed
        self.findings = findings
    }
}

/// What storing an article did.
public enum StoredArticle: Sendable, Equatable {
    case inserted(id: Int64)
    /// Already stored with the same headline and text.
    case unchanged(id: Int64)
    /// Already stored; the headline or text changed, and the earlier one is kept as revision `revision - 1`.
    case revised(id: Int64, revision: Int)

    public var id: Int64 {
        switch self {
        case .inserted(let id), .unchanged(let id), .revised(let id, _): return id
        }
    }
}

/// An article already stored, as the desk looks it up for a feed entry.
public struct KnownArticle: Sendable, Equatable {
    public var id: Int64
    public var entryKey: String?

    package init(id: Int64, entryKey: String? = nil) {
        self.id = id
        self.entryKey = entryKey
    }
}

/// The story a new article goes into, chosen as it is stored.
public enum StoryChoice: Sendable, Equatable {
    case join(MembershipRecord)
    /// A new story, headed by the article, with the score of the best story it did not join.
    case open(score: Double)
}

/// An earlier version of an article.
public struct RevisionRecord: Sendable, Equatable {
    public var revision: Int
    public var title: String
    public var text: String
    public var replacedAt: Int

    package init(revision: Int, title: String, text: String, replacedAt: Int) {
        self.revision = revision
        self.title = title
        self.text = text
        self.replacedAt = replacedAt
    }
}

/// An article's place in a story, and why.
public struct MembershipRecord: Sendable, Equatable {
    public var storyID: Int64
    public var score: Double
    public var sharedTerms: [String]
    /// The article whose copy this is, when it is the same copy.
    public var copyOf: Int64?

    public init(storyID: Int64, score: Double, sharedTerms: [String], copyOf: Int64? = nil) {
        self.storyID = storyID
        self.score = score
        self.sharedTerms = sharedTerms
        self.copyOf = copyOf
    }
}

public struct SearchHit: Sendable, Equatable {
    public var articleID: Int64
    public var title: String
    /// A few words around the match, the matched words between « and ».
    public var snippet: String
    public var storyID: Int64?
    public var outlet: String? = nil
    public var time: Int = 0
    /// The headline and size of the article's story, so results can be grouped by story as they are.
    public var storyHeadline: String? = nil
    public var storyReports: Int = 0

    package init(
        articleID: Int64, title: String, snippet: String, storyID: Int64? = nil, outlet: String? = nil, time: Int = 0,
        storyHeadline: String? = nil, storyReports: Int = 0
    ) {
        self.articleID = articleID
        self.title = title
        self.snippet = snippet
        self.storyID = storyID
        self.outlet = outlet
        self.time = time
        self.storyHeadline = storyHeadline
        self.storyReports = storyReports
    }
}

/// A stored article as story grouping needs it.
public struct StoredSummary: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var text: String
    public var outlet: String?
    /// Published, or else fetched.
    public var time: Int
    public var storyID: Int64?

    package init(id: Int64, title: String, text: String, outlet: String? = nil, time: Int, storyID: Int64? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.outlet = outlet
        self.time = time
        self.storyID = storyID
    }
}

/// A story as lists show it.
public struct StorySummary: Sendable, Equatable {
    public var id: Int64
    public var headline: String
    public var firstAt: Int
    public var lastAt: Int
    public var articleCount: Int
    /// The outlets reporting it, the first reporter first.
    public var outlets: [String]
    /// How many of its reports have findings.
    public var flaggedCount = 0
    /// The report that opened the story.
    public var firstArticleID: Int64?
    /// The opening of the first report's text.
    public var lead = ""

    package init(
        id: Int64, headline: String, firstAt: Int, lastAt: Int, articleCount: Int, outlets: [String],
        flaggedCount: Int = 0, firstArticleID: Int64? = nil, lead: String = ""
    ) {
        self.id = id
        self.headline = headline
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.articleCount = articleCount
        self.outlets = outlets
        self.flaggedCount = flaggedCount
        self.firstArticleID = firstArticleID
        self.lead = lead
    }
}

/// The order of a list of stories.
public enum StoryOrder: Sendable, Equatable {
    /// The front page's: more outlets first, and each twelve hours of age counts as one outlet fewer.
    case rank(now: Int)
    /// The most recently reported first, after the story `after` (last report time and id) when given.
    case recent(after: StoryCursor?)
    /// The most reports first.
    case mostReported
}

/// Where a list of stories by recency goes on: the last story shown.
public struct StoryCursor: Sendable, Equatable {
    public var lastAt: Int
    public var id: Int64

    public init(lastAt: Int, id: Int64) {
        self.lastAt = lastAt
        self.id = id
    }
}

/// A stored article in full, as the reader shows it.
public struct ArticleRecord: Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var sourceID: Int64?
    public var title: String
    public var byline: String?
    public var publishedAt: Int?
    public var fetchedAt: Int
    public var language: String?
    /// The source's title, or else the page's site name.
    public var outlet: String?
    public var image: String?
    public var text: String
    /// The body as the extractor rendered it, or the feed's HTML; not sanitised here.
    public var html: String
    public var fromFeed: Bool
    /// The checks' findings, as JSON.
    public var findings: String
    public var revision: Int
    public var storyID: Int64?
    public var copyOf: Int64?

    /// Published, or else fetched.
    public var time: Int { publishedAt ?? fetchedAt }

    package init(
        id: Int64, url: String, sourceID: Int64? = nil, title: String, byline: String? = nil, publishedAt: Int? = nil,
        fetchedAt: Int, language: String? = nil, outlet: String? = nil, image: String? = nil, text: String,
        html: String, fromFeed: Bool, findings: String, revision: Int, storyID: Int64? = nil, copyOf: Int64? = nil
    ) {
        self.id = id
        self.url = url
        self.sourceID = sourceID
        self.title = title
        self.byline = byline
        self.publishedAt = publishedAt
        self.fetchedAt = fetchedAt
        self.language = language
        self.outlet = outlet
        self.image = image
        self.text = text
        self.html = html
        self.fromFeed = fromFeed
        self.findings = findings
        self.revision = revision
        self.storyID = storyID
        self.copyOf = copyOf
    }
}

/// A full-text search with its filters.
public struct SearchQuery: Sendable, Equatable {
    /// Words, "phrases" and prefix* terms, all of which must match.
    public var text: String
    /// Only articles of this outlet (source title or site name, exactly).
    public var outlet: String?
    /// Only articles published (or fetched) in [from, to).
    public var from: Int?
    public var to: Int?
    public var limit: Int
    public var offset: Int

    public init(text: String, outlet: String? = nil, from: Int? = nil, to: Int? = nil, limit: Int = 20, offset: Int = 0)
    {
        self.text = text
        self.outlet = outlet
        self.from = from
        self.to = to
        self.limit = limit
        self.offset = offset
    }
}

/// One report of a story, and why it is there.
public struct StoryReport: Sendable, Equatable {
    public var articleID: Int64
    public var title: String
    public var outlet: String?
    public var url: String
    public var time: Int
    public var score: Double
    public var sharedTerms: [String]
    public var copyOf: Int64?
    public var revision: Int
    public var fromFeed: Bool

    package init(
        articleID: Int64, title: String, outlet: String? = nil, url: String, time: Int, score: Double,
        sharedTerms: [String], copyOf: Int64? = nil, revision: Int, fromFeed: Bool
    ) {
        self.articleID = articleID
        self.title = title
        self.outlet = outlet
        self.url = url
        self.time = time
        self.score = score
        self.sharedTerms = sharedTerms
        self.copyOf = copyOf
        self.revision = revision
        self.fromFeed = fromFeed
    }
}

/// Where the desk keeps sources, articles, revisions and stories. SQLite is
/// the embedded default; a PostgreSQL store fulfils the same protocol.
/// Every call is one transaction: a crash loses nothing already stored, and
/// storing the same article again changes nothing.
public protocol NewsStore: Sendable {
    /// Adds a source, or returns the one already following `feedURL`.
    func addSource(feedURL: String, title: String?, siteURL: String?, folder: String?, at time: Int) throws
        -> SourceRecord
    /// Removes the source following `feedURL`; its articles stay. False when there was none.
    func removeSource(feedURL: String) throws -> Bool
    func sources() throws -> [SourceRecord]
    /// The sources whose next poll is due at `time`, the longest waiting first.
    func dueSources(at time: Int) throws -> [SourceRecord]
    func recordPollSuccess(
        sourceID: Int64, etag: String?, lastModified: String?, newItems: Int, nextPollAt: Int, at time: Int) throws
    func recordPollFailure(sourceID: Int64, message: String, nextPollAt: Int, at time: Int) throws

    /// Stores an article by its identity: new, unchanged, or a revision of the one stored. A new article
    /// goes into the story `choose` names for its id, in the same transaction; the story's id is returned.
    func store(_ article: ArticleInput, at time: Int, story choose: (_ articleID: Int64) throws -> StoryChoice?)
        throws -> (article: StoredArticle, storyID: Int64?)
    func revisions(ofArticle id: Int64) throws -> [RevisionRecord]
    /// The article stored under this canonical URL, or under this guid from this source.
    func knownArticle(url: String, sourceID: Int64?, guid: String?) throws -> KnownArticle?
    /// Articles published (or fetched) at `time` or later, oldest first: the window story grouping restarts from.
    func recentArticles(since time: Int) throws -> [StoredSummary]
    func articleCount() throws -> Int

    /// Opens a story for its first article.
    func openStory(headline: String, firstArticle: Int64, at time: Int) throws -> Int64
    /// Puts an article in a story (again: the last placement wins) and updates the story's times and count.
    func place(article: Int64, in membership: MembershipRecord, at time: Int) throws
    func membership(ofArticle id: Int64) throws -> MembershipRecord?
    /// Stories with a report at `time` or later, in `order`.
    func stories(since time: Int, order: StoryOrder, limit: Int) throws -> [StorySummary]
    /// A story's reports in time order.
    func reports(ofStory id: Int64) throws -> [StoryReport]
    func story(_ id: Int64) throws -> StorySummary?

    /// Full-text search over titles and bodies, the best matches first.
    func search(_ query: SearchQuery) throws -> [SearchHit]

    func article(_ id: Int64) throws -> ArticleRecord?
    /// How many articles each source has had since `time`, by source id.
    func articleCounts(since time: Int) throws -> [Int64: Int]
    /// A number that changes whenever anything is stored: what the reader's caches are valid for.
    func generation() throws -> Int
}

extension NewsStore {
    /// Stores an article without placing it in a story.
    public func store(_ article: ArticleInput, at time: Int) throws -> StoredArticle {
        try store(article, at: time, story: { _ in nil }).article
    }

    public func articleID(url: String, sourceID: Int64?, guid: String?) throws -> Int64? {
        try knownArticle(url: url, sourceID: sourceID, guid: guid)?.id
    }

    /// Stories with a report at `time` or later, the most reported and most recent first.
    public func stories(since time: Int, limit: Int) throws -> [StorySummary] {
        try stories(since: time, order: .mostReported, limit: limit)
    }

    /// Full-text search over titles and bodies: words, "phrases", prefix* terms.
    public func search(_ text: String, limit: Int) throws -> [SearchHit] {
        try search(SearchQuery(text: text, limit: limit))
    }
}
