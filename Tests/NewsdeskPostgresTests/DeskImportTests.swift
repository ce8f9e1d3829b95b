import Foundation
import NewsdeskCore
import NewsdeskStore
import Testing

@testable import NewsdeskPostgres

/// A SQLite desk in a fresh temporary folder, removed afterwards.
func withDesk(_ body: (SQLiteStore, String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("newsdesk.sqlite").path
    try body(try SQLiteStore(path: path), path)
}

@Suite(
    "Copying a SQLite desk into PostgreSQL",
    .enabled(
        if: PostgresTestDatabase.text != nil,
        "NEWSDESK_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against (see .ci/run)"))
struct DeskImportTests {
    /// A desk with a bit of everything: sources with their health, one removed (its article keeps a NULL
    /// source), a story of three reports (one a copy), a story whose first report became the copy of a
    /// later one, a revised article, and one outside any story with every optional column set.
    static func fill(_ desk: SQLiteStore) throws -> (storyA: Int64, storyB: Int64) {
        let world = try desk.addSource(
            feedURL: "https://world.example/feed", title: "World", siteURL: "https://world.example/", folder: "News",
            at: 100)
        let wire = try desk.addSource(
            feedURL: "https://wire.example/feed", title: "Wire", siteURL: nil, folder: nil, at: 110)
        let gone = try desk.addSource(
            feedURL: "https://gone.example/feed", title: "Gone", siteURL: nil, folder: nil, at: 120)
        try desk.recordPollSuccess(
            sourceID: world.id, etag: "\"abc\"", lastModified: "Tue, 02 Dec 2025 10:00:00 GMT", newItems: 3,
            nextPollAt: 2_000, at: 1_000)
        try desk.recordPollFailure(
            sourceID: wire.id, message: "HTTP 503 Service Unavailable", nextPollAt: 3_000, at: 1_100)

        func article(_ path: String, _ title: String, _ text: String, source: Int64?, at time: Int) -> ArticleInput {
            ArticleInput(
                url: "https://news.example/" + path, guid: path + "-guid", sourceID: source, title: title,
                publishedAt: time, fetchedAt: time + 60, siteName: "Site of \(path)", text: text,
                entryKey: "key-\(path)")
        }
        let first = try desk.store(
            article(
                "quake", "Quake hits the coast", "A strong earthquake struck the coastal province on Tuesday.",
                source: world.id, at: 10_000),
            at: 10_060, story: { _ in .open(score: 0.2) })
        let storyA = try #require(first.storyID)
        _ = try desk.store(
            article(
                "quake-b", "Earthquake shakes coastal towns", "Coastal towns were shaken by a strong earthquake.",
                source: wire.id, at: 10_100),
            at: 10_160,
            story: { _ in .join(MembershipRecord(storyID: storyA, score: 0.7, sharedTerms: ["earthquake", "coastal"])) }
        )
        _ = try desk.store(
            article(
                "quake-wire", "Quake hits the coast", "A strong earthquake struck the coastal province on Tuesday.",
                source: wire.id, at: 10_200),
            at: 10_260,
            story: { _ in .join(MembershipRecord(storyID: storyA, score: 0.95, sharedTerms: [], copyOf: 1)) })
        let port = try desk.store(
            article(
                "port", "Port reopens after gales", "The port reopened on Wednesday morning.", source: gone.id,
                at: 20_000),
            at: 20_060, story: { _ in .open(score: 0.1) })
        let storyB = try #require(port.storyID)
        _ = try desk.store(
            article("port-2", "Harbour open again", "The harbour opened again on Wednesday.", source: nil, at: 20_100),
            at: 20_160,
            story: { _ in .join(MembershipRecord(storyID: storyB, score: 0.6, sharedTerms: ["wednesday"])) })
        // The story's first report turns out to be the copy of a later one.
        try desk.place(
            article: 4, in: MembershipRecord(storyID: storyB, score: 0.9, sharedTerms: [], copyOf: 5), at: 20_200)
        _ = try desk.store(
            ArticleInput(
                url: "https://news.example/loose", guid: nil, sourceID: world.id, title: "Budget vote delayed",
                byline: "A. Writer", publishedAt: nil, fetchedAt: 30_000, language: "en", siteName: "World site",
                image: "https://news.example/loose.jpg", text: "The vote on the budget was delayed to .",
                html: "<p>The vote on the budget was delayed to .</p>", fromFeed: true,
                findings: #"[{"kind":"missing-number","at":33}]"#),
            at: 30_000)
        // A revision: the first report's headline changed.
        #expect(
            try desk.store(
                article(
                    "quake", "Strong quake hits the coast",
                    "A strong earthquake struck the coastal province on Tuesday, officials said.", source: world.id,
                    at: 10_000),
                at: 40_000) == .revised(id: 1, revision: 2))
        #expect(try desk.removeSource(feedURL: gone.feedURL))
        return (storyA, storyB)
    }

    @Test func everythingIsCopiedWithItsIDs() throws {
        try withDesk { desk, _ in
            let (storyA, storyB) = try Self.fill(desk)
            try PostgresTestDatabase.withSchema { url, schema in
                let target = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
                let generation = try target.generation()
                // Batches of two: the copy (article 4) points to an article (5) of a later batch.
                let result = try target.importDesk(from: desk, batchSize: 2)
                let expected = DeskCounts(sources: 2, articles: 6, revisions: 1, stories: 2)
                #expect(result.read == expected)
                #expect(result.stored == expected)
                #expect(result.mismatches == [])

                #expect(try target.sources() == desk.sources())
                #expect(
                    try target.sources().map(\.feedURL) == ["https://world.example/feed", "https://wire.example/feed"])
                let world = try #require(try target.sources().first)
                #expect(world.etag == "\"abc\"" && world.itemsSeen == 3 && world.nextPollAt == 2_000)
                #expect(try target.sources().last?.lastError == "HTTP 503 Service Unavailable")
                #expect(try target.sources().last?.failures == 1)

                for id in Int64(1)...6 {
                    #expect(try target.article(id) == desk.article(id))
                    #expect(try target.membership(ofArticle: id) == desk.membership(ofArticle: id))
                    #expect(try target.revisions(ofArticle: id) == desk.revisions(ofArticle: id))
                }
                #expect(try target.article(4)?.sourceID == nil)
                #expect(try target.article(4)?.copyOf == 5)
                #expect(try target.article(3)?.copyOf == 1)
                #expect(try target.article(6)?.findings == #"[{"kind":"missing-number","at":33}]"#)
                #expect(try target.article(1)?.revision == 2)
                #expect(
                    try target.revisions(ofArticle: 1) == [
                        RevisionRecord(
                            revision: 1, title: "Quake hits the coast",
                            text: "A strong earthquake struck the coastal province on Tuesday.", replacedAt: 40_000)
                    ])
                #expect(
                    try target.knownArticle(url: "https://news.example/quake", sourceID: nil, guid: nil)
                        == KnownArticle(id: 1, entryKey: "key-quake"))
                #expect(
                    try target.knownArticle(url: "https://elsewhere.example/", sourceID: 2, guid: "quake-b-guid")?.id
                        == 2)

                for story in [storyA, storyB] {
                    #expect(try target.story(story) == desk.story(story))
                    #expect(try target.reports(ofStory: story) == desk.reports(ofStory: story))
                }
                let first = try #require(try target.story(storyA))
                #expect(first.headline == "Earthquake shakes coastal towns")
                #expect(first.articleCount == 3 && first.outlets == ["World", "Wire"] && first.firstArticleID == 1)
                for order in [StoryOrder.mostReported, .rank(now: 50_000), .recent(after: nil)] {
                    #expect(
                        try target.stories(since: 0, order: order, limit: 10)
                            == desk.stories(since: 0, order: order, limit: 10))
                }
                #expect(try target.recentArticles(since: 0) == desk.recentArticles(since: 0))
                #expect(try target.articleCounts(since: 0) == desk.articleCounts(since: 0))
                #expect(try target.articleCount() == 6)

                // Search works on the copied articles, as on the desk.
                #expect(try target.search("budget", limit: 10) == desk.search("budget", limit: 10))
                #expect(try target.search("budget", limit: 10).map(\.articleID) == [6])
                #expect(try target.search("\"harbour open\"", limit: 10).map(\.articleID) == [5])
                #expect(try Set(target.search("earthquake", limit: 10).map(\.articleID)) == [1, 2, 3])
                // Each search document is the one `store` builds.
                for id in Int64(1)...6 {
                    let article = try #require(try target.article(id))
                    try PostgresTestDatabase.admin(url, schema: schema) { session in
                        let vector = SearchDocument.vector(title: article.title, text: article.text)
                        let same = try session.value(
                            "SELECT search = \(vector)::tsvector FROM articles WHERE id = \(id)", as: Bool.self)
                        #expect(same == true)
                    }
                }

                // The generation moved, once; the counters are past the copied ids, and writes bump it again.
                #expect(try target.generation() == generation + 1)
                #expect(
                    try target.addSource(
                        feedURL: "https://new.example/feed", title: nil, siteURL: nil, folder: nil, at: 1
                    ).id == 3)
                #expect(try target.generation() > generation + 1)
                #expect(
                    try target.store(
                        ArticleInput(url: "https://news.example/new", title: "New", fetchedAt: 1, text: "New."), at: 1)
                        == .inserted(id: 7))
                #expect(try target.openStory(headline: "New", firstArticle: 7, at: 1) == 3)
            }
        }
    }

    /// The readers go with the desk: users, the digests of their secrets (an app password and the Fever key
    /// made from it), their read, starred and labelled articles, and their saved searches.
    @Test func readersAndTheirStateAreCopied() throws {
        try withDesk { desk, _ in
            _ = try Self.fill(desk)
            let alice = try desk.addUser(name: "alice", passwordHash: "$2b$12$hash", isAdmin: true, at: 10)
            let bob = try desk.addUser(name: "bob", passwordHash: "$2b$12$other", isAdmin: false, at: 11)
            let app = try desk.addCredential(
                userID: bob.id, kind: .app, digest: "app-digest", parent: nil, expiresAt: nil, at: 12)
            _ = try desk.addCredential(
                userID: bob.id, kind: .fever, digest: "fever-digest", parent: app, expiresAt: nil, at: 12)
            try desk.markRead(userID: alice.id, stream: .all, throughArticle: 3)
            try desk.setRead(userID: alice.id, articles: [2], read: false)
            try desk.setRead(userID: bob.id, articles: [5], read: true)
            try desk.setStarred(userID: bob.id, articles: [6], starred: true, at: 20)
            try desk.setLabel("later", userID: bob.id, articles: [1, 4], on: true)
            _ = try desk.saveSearch(userID: bob.id, name: "budget", query: "budget", at: 30)
            try PostgresTestDatabase.withSchema { url, schema in
                let target = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
                let result = try target.importDesk(from: desk, batchSize: 2)
                #expect(result.read == result.stored)
                #expect(result.stored.users == 2)
                #expect(result.stored.readStates == 3)
                #expect(try target.users() == desk.users())
                #expect(try target.credential(digest: "fever-digest", kind: .fever, at: 50)?.user.name == "bob")
                for user in [alice.id, bob.id] {
                    #expect(try target.unreadCounts(userID: user) == desk.unreadCounts(userID: user))
                    let all = ItemQuery(stream: .all, limit: 100)
                    #expect(
                        try target.itemStates(userID: user, articles: Array(1...6))
                            == desk.itemStates(userID: user, articles: Array(1...6)))
                    #expect(try target.itemIDs(userID: user, all) == desk.itemIDs(userID: user, all))
                }
                #expect(try target.labels(userID: bob.id, articles: [1, 4]) == [1: ["later"], 4: ["later"]])
                #expect(try target.savedSearches(userID: bob.id) == desk.savedSearches(userID: bob.id))
                // The counters are past the copied ids; ending the app password ends the key made from it.
                #expect(try target.addUser(name: "carol", passwordHash: "h", isAdmin: false, at: 60).id == 3)
                #expect(try target.removeCredentials(userID: bob.id, kind: .app) == 1)
                #expect(try target.credential(digest: "fever-digest", kind: .fever, at: 50) == nil)
            }
        }
    }

    @Test func anEmptyDeskCopiesNothingAndTheCountersStartAtOne() throws {
        try withDesk { desk, _ in
            try PostgresTestDatabase.withSchema { url, schema in
                let target = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
                let result = try target.importDesk(from: desk)
                #expect(result.read == DeskCounts() && result.stored == DeskCounts())
                #expect(
                    try target.addSource(
                        feedURL: "https://new.example/feed", title: nil, siteURL: nil, folder: nil, at: 1
                    ).id == 1)
            }
        }
    }

    @Test func aTargetThatHoldsAnythingIsRefused() throws {
        try withDesk { desk, _ in
            _ = try Self.fill(desk)
            try PostgresTestDatabase.withSchema { url, schema in
                let target = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
                _ = try target.addSource(
                    feedURL: "https://held.example/feed", title: nil, siteURL: nil, folder: nil, at: 1)
                _ = try target.store(
                    ArticleInput(url: "https://held.example/a", title: "Held", fetchedAt: 1, text: "Held."), at: 1)
                let error = try #require(throws: NewsdeskError.self) { try target.importDesk(from: desk) }
                #expect(
                    error.message
                        == "the database \(url) already holds sources, articles: a desk is copied into an empty database "
                        + "only; name a new one, or empty this one (psql: TRUNCATE sources, stories, articles, "
                        + "revisions, users RESTART IDENTITY CASCADE)")
                #expect(try target.articleCount() == 1)
                #expect(try target.sources().count == 1)
            }
        }
    }

    @Test func aServerThatEndsTheSessionHalfWayEndsTheCopyInOneLine() throws {
        try withDesk { desk, _ in
            _ = try Self.fill(desk)
            try PostgresTestDatabase.withSchema { url, schema in
                let target = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
                // As a restart of the server would: the session ends while the fifth article is written.
                try PostgresTestDatabase.admin(url, schema: schema) { session in
                    try session.execute(
                        """
                        CREATE FUNCTION end_the_session() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            PERFORM pg_terminate_backend(pg_backend_pid());
                            RETURN NEW;
                        END
                        $$
                        """)
                    try session.execute(
                        """
                        CREATE TRIGGER end_the_session BEFORE INSERT ON articles FOR EACH ROW
                        WHEN (NEW.url = 'https://news.example/port-2') EXECUTE FUNCTION end_the_session()
                        """)
                }
                let error = try #require(throws: NewsdeskError.self) { try target.importDesk(from: desk, batchSize: 2) }
                #expect(
                    error.message
                        == "PostgreSQL at \(url.host):\(url.port): terminating connection due to administrator command "
                        + "(SQLSTATE 57P01)")
                try PostgresTestDatabase.admin(url, schema: schema) { session in
                    try session.execute("DROP TRIGGER end_the_session ON articles")
                }
                #expect(try target.articleCount() == 0)
                #expect(try target.sources() == [])
                #expect(try target.importDesk(from: desk, batchSize: 2).stored.articles == 6)
            }
        }
    }

    @Test func aFailureHalfWayLeavesTheTargetEmpty() throws {
        try withDesk { desk, _ in
            _ = try Self.fill(desk)
            try PostgresTestDatabase.withSchema { url, schema in
                let target = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
                // The target refuses the fifth article: with batches of two, sources, stories and two batches
                // of articles are in by then.
                try PostgresTestDatabase.admin(url, schema: schema) { session in
                    try session.execute(
                        "ALTER TABLE articles ADD CONSTRAINT not_the_harbour CHECK (url <> 'https://news.example/port-2')"
                    )
                }
                let generation = try target.generation()
                let error = try #require(throws: NewsdeskError.self) { try target.importDesk(from: desk, batchSize: 2) }
                #expect(
                    error.message
                        == "PostgreSQL at \(url.host):\(url.port): new row for relation \"articles\" violates check "
                        + "constraint \"not_the_harbour\" (SQLSTATE 23514)")
                #expect(try target.articleCount() == 0)
                #expect(try target.sources() == [])
                #expect(try target.stories(since: 0, limit: 10) == [])
                #expect(try target.generation() == generation)
                // The triggers are on again: a write bumps the generation.
                _ = try target.addSource(
                    feedURL: "https://new.example/feed", title: nil, siteURL: nil, folder: nil, at: 1)
                #expect(try target.generation() == generation + 1)
                // Once the cause is gone, the same copy goes through.
                try PostgresTestDatabase.admin(url, schema: schema) { session in
                    try session.execute("ALTER TABLE articles DROP CONSTRAINT not_the_harbour")
                    try session.execute("TRUNCATE sources, stories, articles, revisions RESTART IDENTITY CASCADE")
                }
                #expect(try target.importDesk(from: desk, batchSize: 2).stored.articles == 6)
            }
        }
    }
}
