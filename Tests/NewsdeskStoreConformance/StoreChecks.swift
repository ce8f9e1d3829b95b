import NewsdeskStore
import Testing

/// What every `NewsStore` must do, checked the same way on each store: a test target runs every case
/// against its store, each on a database of its own. `open` opens that database, and opening it again
/// opens the same one (a restart).
public enum StoreCheck: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case reopeningKeepsTheDataAndMigratesOnce
    case sourcesAreKeptOnceWithTheirHealth
    case storingTwiceChangesNothing
    case aChangedHeadlineIsARevision
    case theFeedGuidIdentifiesAnArticleWhoseURLChanged
    case anArticleIsReadBackAsStored
    case searchTakesWordsPhrasesAndPrefixes
    case searchFoldsCaseAndAccents
    case searchFiltersByOutletAndTime
    case searchRanksTitlesFirstAndPages
    case aVeryLongArticleIsStoredAndFound
    case aNewArticleAndItsStoryAreStoredTogetherOrNotAtAll
    case storiesKeepTheirMembersAndWhy
    case storiesAreListedInEachOrder
    case theGenerationChangesWithEveryWrite
    case recentArticlesAndCountsBySource

    public var testDescription: String { rawValue }

    public func run(_ open: () throws -> any NewsStore) throws {
        let store = try open()
        switch self {
        case .reopeningKeepsTheDataAndMigratesOnce:
            _ = try store.store(Fixtures.quake, at: 100)
            #expect(try open().articleCount() == 1)
        case .sourcesAreKeptOnceWithTheirHealth: try SourceChecks.health(store)
        case .storingTwiceChangesNothing: try ArticleChecks.storingTwice(store)
        case .aChangedHeadlineIsARevision: try ArticleChecks.revision(store)
        case .theFeedGuidIdentifiesAnArticleWhoseURLChanged: try ArticleChecks.guid(store)
        case .anArticleIsReadBackAsStored: try ArticleChecks.readBack(store)
        case .searchTakesWordsPhrasesAndPrefixes: try SearchChecks.language(store)
        case .searchFoldsCaseAndAccents: try SearchChecks.folding(store)
        case .searchFiltersByOutletAndTime: try SearchChecks.filters(store)
        case .searchRanksTitlesFirstAndPages: try SearchChecks.ranking(store)
        case .aVeryLongArticleIsStoredAndFound: try SearchChecks.longArticle(store)
        case .aNewArticleAndItsStoryAreStoredTogetherOrNotAtAll: try StoryChecks.together(store)
        case .storiesKeepTheirMembersAndWhy: try StoryChecks.members(store)
        case .storiesAreListedInEachOrder: try StoryChecks.orders(store)
        case .theGenerationChangesWithEveryWrite: try SourceChecks.generation(store)
        case .recentArticlesAndCountsBySource: try ArticleChecks.recent(store)
        }
    }
}

/// The articles the checks store.
public enum Fixtures {
    public static let quake = ArticleInput(
        url: "https://news.example.com/world/quake", guid: "quake-1", title: "Quake hits the coast",
        publishedAt: 1_764_489_600, fetchedAt: 1_764_490_000,
        text: "A strong earthquake struck the coastal province on Tuesday, officials said.")

    /// An unrelated article, with every field set (so a round trip through JSON shows what it keeps).
    public static let flood = ArticleInput(
        url: "https://daily.example.org/floods", guid: "floods-7", sourceID: nil, title: "Rivers burst their banks",
        byline: "A. Reporter", publishedAt: 1_764_500_000, fetchedAt: 1_764_500_100, language: "en",
        siteName: "Daily", image: "https://daily.example.org/floods.jpg",
        text: "Rivers burst their banks after three days of rain; 1,200 people left their homes.",
        html: "<p>Rivers burst their banks after three days of rain; 1,200 people left their homes.</p>",
        fromFeed: true, findings: "[{\"kind\":\"truncated\"}]", entryKey: "k1")

    /// Another article: `quake` at another address, with its own title and text.
    static func article(
        _ path: String, title: String, text: String, publishedAt: Int? = nil, sourceID: Int64? = nil,
        siteName: String? = nil
    ) -> ArticleInput {
        ArticleInput(
            url: "https://news.example.com/" + path, sourceID: sourceID, title: title, publishedAt: publishedAt,
            fetchedAt: 1_764_490_000, siteName: siteName, text: text)
    }
}

enum SourceChecks {
    static func health(_ store: any NewsStore) throws {
        let first = try store.addSource(
            feedURL: "https://feeds.example.com/world.xml", title: "World", siteURL: nil, folder: "News", at: 10)
        let again = try store.addSource(
            feedURL: "https://feeds.example.com/world.xml", title: "Other", siteURL: nil, folder: nil, at: 20)
        #expect(again == first)
        #expect(first.title == "World" && first.folder == "News" && first.addedAt == 10 && first.nextPollAt == 0)
        #expect(try store.dueSources(at: 10).map(\.id) == [first.id])
        try store.recordPollFailure(
            sourceID: first.id, message: "HTTP 503 Service Unavailable", nextPollAt: 700, at: 100)
        var source = try #require(try store.sources().first)
        #expect(source.failures == 1)
        #expect(source.lastError == "HTTP 503 Service Unavailable")
        #expect(source.lastErrorAt == 100)
        #expect(try store.dueSources(at: 600).isEmpty)
        try store.recordPollSuccess(
            sourceID: first.id, etag: "\"v2\"", lastModified: nil, newItems: 12, nextPollAt: 1600, at: 700)
        source = try #require(try store.sources().first)
        #expect(source.failures == 0)
        #expect(source.itemsSeen == 12)
        #expect(source.etag == "\"v2\"")
        #expect(source.lastSuccessAt == 700)
        let second = try store.addSource(
            feedURL: "https://feeds.example.com/sport.xml", title: nil, siteURL: "https://example.com", folder: nil,
            at: 30)
        // The longest waiting first.
        #expect(try store.dueSources(at: 2000).map(\.id) == [second.id, first.id])
        #expect(try store.removeSource(feedURL: "https://feeds.example.com/world.xml"))
        #expect(try !store.removeSource(feedURL: "https://feeds.example.com/world.xml"))
        #expect(try store.sources().map(\.id) == [second.id])
    }

    static func generation(_ store: any NewsStore) throws {
        var seen = [try store.generation()]
        func changed() throws -> Bool {
            let now = try store.generation()
            defer { seen.append(now) }
            return !seen.contains(now)
        }
        let source = try store.addSource(feedURL: "https://x.example/rss", title: nil, siteURL: nil, folder: nil, at: 1)
        #expect(try changed())
        try store.recordPollSuccess(
            sourceID: source.id, etag: nil, lastModified: nil, newItems: 1, nextPollAt: 10, at: 2)
        #expect(try changed())
        let id = try store.store(Fixtures.quake, at: 100).id
        #expect(try changed())
        let before = try store.generation()
        _ = try store.store(Fixtures.quake, at: 200)
        #expect(try store.generation() == before)
        let story = try store.openStory(headline: "Quake", firstArticle: id, at: 100)
        #expect(try changed())
        try store.place(article: id, in: MembershipRecord(storyID: story, score: 0, sharedTerms: []), at: 100)
        #expect(try changed())
        #expect(try store.removeSource(feedURL: "https://x.example/rss"))
        #expect(try changed())
    }
}
