/// A reader of the desk: a person with a login, or an admin who may also change the sources.
public struct UserRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var isAdmin: Bool
    public var createdAt: Int
    /// The login password's bcrypt hash.
    public var passwordHash: String
    /// Every article with this id or a lower one is read unless marked otherwise: what "mark all read"
    /// moves, so that it costs one row rather than one per article.
    public var readThrough: Int64

    package init(id: Int64, name: String, isAdmin: Bool, createdAt: Int, passwordHash: String, readThrough: Int64) {
        self.id = id
        self.name = name
        self.isAdmin = isAdmin
        self.createdAt = createdAt
        self.passwordHash = passwordHash
        self.readThrough = readThrough
    }
}

/// What a stored secret lets its holder do. The store keeps only a digest of each secret.
public enum CredentialKind: String, Sendable, CaseIterable {
    /// A browser's login, with an expiry.
    case session
    /// An API token for scripts (`Authorization: Bearer`).
    case token
    /// A password for apps, given to the Google Reader API's ClientLogin.
    case app
    /// The Fever API key of an app password: md5 of "user:password", as that protocol defines it.
    case fever
    /// A Google Reader API auth token, handed out by ClientLogin for an app password.
    case greader
}

/// One user's state of one article.
public struct ItemState: Sendable, Equatable {
    public var read: Bool
    public var starred: Bool

    public init(read: Bool, starred: Bool) {
        self.read = read
        self.starred = starred
    }
}

/// A set of articles as readers and apps ask for them.
public enum ItemStream: Sendable, Equatable, Hashable {
    /// Every article.
    case all
    case source(Int64)
    /// The sources in this folder (an OPML category).
    case folder(String)
    case story(Int64)
    /// The user's own starred (saved) articles.
    case starred
    /// The articles the user has read.
    case read
    /// The articles the user has explicitly kept unread.
    case keptUnread
    /// The user's own label on articles.
    case label(String)
}

/// Which articles of a stream, newest first unless asked otherwise.
public struct ItemQuery: Sendable, Equatable {
    public var stream: ItemStream
    /// Leave out the articles in these streams (`.read` for unread only).
    public var excluding: [ItemStream] = []
    /// Only articles also in these streams.
    public var including: [ItemStream] = []
    /// Only articles fetched at this time or later.
    public var since: Int?
    /// Only articles fetched before this time.
    public var until: Int?
    /// Go on after this article (exclusive), in the query's order.
    public var after: Int64?
    public var oldestFirst = false
    public var limit: Int

    public init(
        stream: ItemStream, excluding: [ItemStream] = [], including: [ItemStream] = [], since: Int? = nil,
        until: Int? = nil, after: Int64? = nil, oldestFirst: Bool = false, limit: Int
    ) {
        self.stream = stream
        self.excluding = excluding
        self.including = including
        self.since = since
        self.until = until
        self.after = after
        self.oldestFirst = oldestFirst
        self.limit = limit
    }
}

/// An article as apps get it: with its source and story.
public struct ItemRecord: Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var title: String
    public var byline: String?
    public var publishedAt: Int?
    public var fetchedAt: Int
    public var outlet: String?
    public var sourceID: Int64?
    public var feedURL: String?
    public var siteURL: String?
    public var folder: String?
    public var html: String
    public var text: String
    public var storyID: Int64?

    /// Published, or else fetched.
    public var time: Int { publishedAt ?? fetchedAt }

    package init(
        id: Int64, url: String, title: String, byline: String?, publishedAt: Int?, fetchedAt: Int, outlet: String?,
        sourceID: Int64?, feedURL: String?, siteURL: String?, folder: String?, html: String, text: String,
        storyID: Int64?
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.byline = byline
        self.publishedAt = publishedAt
        self.fetchedAt = fetchedAt
        self.outlet = outlet
        self.sourceID = sourceID
        self.feedURL = feedURL
        self.siteURL = siteURL
        self.folder = folder
        self.html = html
        self.text = text
        self.storyID = storyID
    }
}

/// A search a user keeps under a name.
public struct SavedSearch: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var query: String
    public var createdAt: Int

    package init(id: Int64, name: String, query: String, createdAt: Int) {
        self.id = id
        self.name = name
        self.query = query
        self.createdAt = createdAt
    }
}

/// Unread articles of one user: in all and per source.
public struct UnreadCounts: Sendable, Equatable {
    public var total: Int
    public var bySource: [Int64: Int]

    package init(total: Int, bySource: [Int64: Int]) {
        self.total = total
        self.bySource = bySource
    }
}

/// A user's state of what one page shows.
public struct PageState: Sendable, Equatable {
    /// Unread reports of each story (absent: none).
    public var unreadReports: [Int64: Int]
    public var articles: [Int64: ItemState]
    /// The newest article now: what "mark all read" on this page reaches.
    public var newest: Int64

    public init(unreadReports: [Int64: Int], articles: [Int64: ItemState], newest: Int64) {
        self.unreadReports = unreadReports
        self.articles = articles
        self.newest = newest
    }
}

/// Where the desk keeps its readers: users, the digests of their secrets, and each user's read, starred
/// and labelled articles and saved searches. A desk with no users is read by anyone, as before.
public protocol AccountStore: Sendable {
    /// Adds a user; fails when the name is taken.
    func addUser(name: String, passwordHash: String, isAdmin: Bool, at time: Int) throws -> UserRecord
    func users() throws -> [UserRecord]
    func user(named name: String) throws -> UserRecord?
    func user(id: Int64) throws -> UserRecord?
    /// Removes a user with everything they kept. False when there was none.
    func removeUser(named name: String) throws -> Bool
    /// Sets a user's login password hash and ends their browser sessions. False when there was none.
    func setPasswordHash(named name: String, hash: String) throws -> Bool
    func userCount() throws -> Int

    /// Keeps the digest of a new secret; `parent` ends it with the credential it was made from.
    func addCredential(
        userID: Int64, kind: CredentialKind, digest: String, parent: Int64?, expiresAt: Int?, at time: Int
    ) throws -> Int64
    /// The credential and user a secret's digest belongs to, when it is of this kind and has not expired.
    func credential(digest: String, kind: CredentialKind, at time: Int) throws -> (id: Int64, user: UserRecord)?
    /// Ends a user's credentials of one kind (and those made from them); how many.
    func removeCredentials(userID: Int64, kind: CredentialKind) throws -> Int
    func removeCredential(digest: String) throws

    /// The user's state of these articles; articles never touched are read only below the watermark.
    func itemStates(userID: Int64, articles: [Int64]) throws -> [Int64: ItemState]
    func setRead(userID: Int64, articles: [Int64], read: Bool) throws
    func setStarred(userID: Int64, articles: [Int64], starred: Bool, at time: Int) throws
    func setLabel(_ label: String, userID: Int64, articles: [Int64], on: Bool) throws
    /// The user's labels on these articles.
    func labels(userID: Int64, articles: [Int64]) throws -> [Int64: [String]]
    /// Every label the user has put on an article.
    func labels(userID: Int64) throws -> [String]
    /// Marks read every article of the stream up to `throughArticle`, and none that came after it.
    func markRead(userID: Int64, stream: ItemStream, throughArticle: Int64) throws
    /// The last article fetched before `time`: what "mark all read up to a time" reaches.
    func lastArticle(fetchedBefore time: Int) throws -> Int64
    /// The newest article's id: what "mark all read" reaches when asked now.
    func newestArticle() throws -> Int64
    func unreadCounts(userID: Int64) throws -> UnreadCounts
    /// The unread reports of each of these stories.
    func unreadReports(userID: Int64, stories: [Int64]) throws -> [Int64: Int]
    /// The articles of a query, for a user (0: nobody, with nothing read, starred or labelled).
    func itemIDs(userID: Int64, _ query: ItemQuery) throws -> [Int64]
    /// What a page needs of a user's state, read at once.
    func pageState(userID: Int64, stories: [Int64], articles: [Int64]) throws -> PageState
    /// The ids of the stories reported since `time` with an unread report, ranked as the front page
    /// ranks them at `now`.
    func unreadStories(userID: Int64, since time: Int, now: Int, limit: Int) throws -> [Int64]
    /// These articles with their sources, in the order asked; ids not stored are left out.
    func items(_ ids: [Int64]) throws -> [ItemRecord]
    /// These stories, by id.
    func storySummaries(_ ids: [Int64]) throws -> [Int64: StorySummary]

    func savedSearches(userID: Int64) throws -> [SavedSearch]
    /// Saves a search under a name, or replaces the one of that name.
    func saveSearch(userID: Int64, name: String, query: String, at time: Int) throws -> SavedSearch
    func removeSavedSearch(userID: Int64, id: Int64) throws -> Bool

    /// Moves every source of folder `from` to folder `to` (nil: no folder); how many.
    func renameFolder(_ from: String, to: String?) throws -> Int
    func updateSource(id: Int64, title: String?, folder: String??) throws -> Bool
}
