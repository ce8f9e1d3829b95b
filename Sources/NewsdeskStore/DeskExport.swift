/// How many rows of each kind a desk holds (or a copy moved).
public struct DeskCounts: Sendable, Equatable {
    public var sources: Int
    public var articles: Int
    public var revisions: Int
    public var stories: Int
    public var users: Int
    /// Rows of users' article states (where an article differs from its user's watermark, or is starred).
    public var readStates: Int

    public init(
        sources: Int = 0, articles: Int = 0, revisions: Int = 0, stories: Int = 0, users: Int = 0, readStates: Int = 0
    ) {
        self.sources = sources
        self.articles = articles
        self.revisions = revisions
        self.stories = stories
        self.users = users
        self.readStates = readStates
    }

    /// Each kind with its count, in the order reports list them.
    public var kinds: [(kind: String, count: Int)] {
        [
            ("sources", sources), ("articles", articles), ("revisions", revisions), ("stories", stories),
            ("users", users), ("read_states", readStates),
        ]
    }
}

/// A stored secret's digest, for copying a desk: what it lets its holder do, and what it was made from.
public struct ExportedCredential: Sendable, Equatable {
    public var id: Int64
    public var userID: Int64
    public var kind: String
    public var digest: String
    public var parentID: Int64?
    public var createdAt: Int
    public var expiresAt: Int?
    public var lastUsedAt: Int?
}

/// One user's state of one article, as stored.
public struct ExportedState: Sendable, Equatable {
    public var userID: Int64
    public var articleID: Int64
    public var read: Bool?
    public var starred: Bool
    public var starredAt: Int?
}

/// One user's label on one article.
public struct ExportedLabel: Sendable, Equatable {
    public var userID: Int64
    public var label: String
    public var articleID: Int64
}

/// A saved search with its user.
public struct ExportedSavedSearch: Sendable, Equatable {
    public var userID: Int64
    public var search: SavedSearch
}

/// An article row exactly as stored, for copying a desk to another store: its identity, content, checks,
/// revision count and place in a story, with the column values unchanged (`storyShared` is the
/// tab-separated terms as stored, nil and empty kept apart).
public struct ExportedArticle: Sendable, Equatable {
    public var id: Int64
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
    public var fromFeed: Bool
    public var findings: String
    public var contentHash: String
    public var revision: Int
    public var storyID: Int64?
    public var storyScore: Double?
    public var storyShared: String?
    public var copyOf: Int64?
    public var entryKey: String?

    package init(
        id: Int64, url: String, guid: String?, sourceID: Int64?, title: String, byline: String?, publishedAt: Int?,
        fetchedAt: Int, language: String?, siteName: String?, image: String?, text: String, html: String,
        fromFeed: Bool, findings: String, contentHash: String, revision: Int, storyID: Int64?, storyScore: Double?,
        storyShared: String?, copyOf: Int64?, entryKey: String?
    ) {
        self.id = id
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
        self.contentHash = contentHash
        self.revision = revision
        self.storyID = storyID
        self.storyScore = storyScore
        self.storyShared = storyShared
        self.copyOf = copyOf
        self.entryKey = entryKey
    }
}

/// A story row exactly as stored, its counts and headline score included.
public struct ExportedStory: Sendable, Equatable {
    public var id: Int64
    public var headline: String
    public var firstArticleID: Int64?
    public var firstAt: Int
    public var lastAt: Int
    public var articleCount: Int
    public var outletCount: Int
    public var flaggedCount: Int
    public var headlineScore: Double

    package init(
        id: Int64, headline: String, firstArticleID: Int64?, firstAt: Int, lastAt: Int, articleCount: Int,
        outletCount: Int, flaggedCount: Int, headlineScore: Double
    ) {
        self.id = id
        self.headline = headline
        self.firstArticleID = firstArticleID
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.articleCount = articleCount
        self.outletCount = outletCount
        self.flaggedCount = flaggedCount
        self.headlineScore = headlineScore
    }
}

/// An earlier version of an article, with the article it belongs to.
public struct ExportedRevision: Sendable, Equatable {
    public var articleID: Int64
    public var revision: Int
    public var title: String
    public var text: String
    public var replacedAt: Int

    package init(articleID: Int64, revision: Int, title: String, text: String, replacedAt: Int) {
        self.articleID = articleID
        self.revision = revision
        self.title = title
        self.text = text
        self.replacedAt = replacedAt
    }
}
