import Foundation
import Testing

@testable import NewsdeskStore

/// A store in a fresh temporary folder, removed afterwards.
func withStore(_ body: (SQLiteStore, String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("newsdesk.sqlite").path
    try body(try SQLiteStore(path: path), path)
}

let quake = ArticleInput(
    url: "https://news.example.com/world/quake", guid: "quake-1", title: "Quake hits the coast",
    publishedAt: 1_764_489_600, fetchedAt: 1_764_490_000,
    text: "A strong earthquake struck the coastal province on Tuesday, officials said.")

@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test func opensInWALModeAndMigratesOnce() throws {
        try withStore { store, path in
            #expect(try store.journalMode() == "wal")
            _ = try store.store(quake, at: 100)
            // Opening again runs no migration twice and keeps the data.
            let reopened = try SQLiteStore(path: path)
            #expect(try reopened.articleCount() == 1)
        }
    }

    @Test func sourcesAreKeptOnceWithTheirHealth() throws {
        try withStore { store, _ in
            let first = try store.addSource(
                feedURL: "https://feeds.example.com/world.xml", title: "World", siteURL: nil, folder: "News", at: 10)
            let again = try store.addSource(
                feedURL: "https://feeds.example.com/world.xml", title: "Other", siteURL: nil, folder: nil, at: 20)
            #expect(again == first)
            #expect(try store.dueSources(at: 10).map(\.id) == [first.id])
            try store.recordPollFailure(
                sourceID: first.id, message: "HTTP 503 Service Unavailable", nextPollAt: 700, at: 100)
            var source = try #require(try store.sources().first)
            #expect(source.failures == 1)
            #expect(source.lastError == "HTTP 503 Service Unavailable")
            #expect(try store.dueSources(at: 600).isEmpty)
            try store.recordPollSuccess(
                sourceID: first.id, etag: "\"v2\"", lastModified: nil, newItems: 12, nextPollAt: 1600, at: 700)
            source = try #require(try store.sources().first)
            #expect(source.failures == 0)
            #expect(source.itemsSeen == 12)
            #expect(source.etag == "\"v2\"")
            #expect(source.lastSuccessAt == 700)
            #expect(try store.removeSource(feedURL: "https://feeds.example.com/world.xml"))
            #expect(try !store.removeSource(feedURL: "https://feeds.example.com/world.xml"))
            #expect(try store.sources().isEmpty)
        }
    }

    @Test func storingTwiceChangesNothing() throws {
        try withStore { store, _ in
            let first = try store.store(quake, at: 100)
            guard case .inserted = first else {
                Issue.record("expected an insert, got \(first)")
                return
            }
            #expect(try store.store(quake, at: 200) == .unchanged(id: first.id))
            #expect(try store.articleCount() == 1)
        }
    }

    @Test func aChangedHeadlineIsARevision() throws {
        try withStore { store, _ in
            let id = try store.store(quake, at: 100).id
            var updated = quake
            updated.title = "Quake kills 41 on the coast"
            #expect(try store.store(updated, at: 300) == .revised(id: id, revision: 2))
            #expect(
                try store.revisions(ofArticle: id)
                    == [RevisionRecord(revision: 1, title: quake.title, text: quake.text, replacedAt: 300)])
            #expect(try store.search("kills", limit: 5).map(\.articleID) == [id])
            #expect(try store.search("hits", limit: 5).isEmpty)
        }
    }

    @Test func theFeedGuidIdentifiesAnArticleWhoseURLChanged() throws {
        try withStore { store, _ in
            let source = try store.addSource(
                feedURL: "https://x.example/rss", title: nil, siteURL: nil, folder: nil, at: 1)
            var first = quake
            first.sourceID = source.id
            let id = try store.store(first, at: 100).id
            var moved = first
            moved.url = "https://news.example.com/world/2026/quake-coast"
            #expect(try store.store(moved, at: 200) == .unchanged(id: id))
        }
    }

    @Test func searchTakesWordsPhrasesAndPrefixes() throws {
        try withStore { store, _ in
            let id = try store.store(quake, at: 100).id
            var other = quake
            other.url = "https://news.example.com/economy/budget"
            other.guid = nil
            other.title = "Budget sets out spending"
            other.text = "The chancellor set out spending plans for the coastal provinces."
            let budget = try store.store(other, at: 100).id
            #expect(try store.search("earthquake", limit: 5).map(\.articleID) == [id])
            #expect(try store.search("\"coastal province\"", limit: 5).map(\.articleID) == [id])
            #expect(Set(try store.search("coast*", limit: 5).map(\.articleID)) == [id, budget])
            let hit = try #require(try store.search("officials", limit: 5).first)
            #expect(hit.snippet.contains("«officials»"))
            // Whatever is typed is a query, never SQL or a syntax error.
            #expect(try store.search("\"; DROP TABLE articles; --", limit: 5).isEmpty)
            #expect(try store.search("NEAR( AND OR *", limit: 5).isEmpty)
            #expect(try store.articleCount() == 2)
        }
    }

    @Test func aNewArticleAndItsStoryAreStoredTogetherOrNotAtAll() throws {
        struct Interrupted: Error {}
        try withStore { store, _ in
            #expect(throws: Interrupted.self) {
                _ = try store.store(quake, at: 100) { _ in throw Interrupted() }
            }
            #expect(try store.articleCount() == 0)
            var givenID: Int64?
            let stored = try store.store(quake, at: 100) { id in
                givenID = id
                return .open(score: 0)
            }
            #expect(stored.article == .inserted(id: try #require(givenID)))
            let story = try #require(stored.storyID)
            #expect(try store.membership(ofArticle: stored.article.id)?.storyID == story)
            #expect(try store.story(story)?.headline == quake.title)
            #expect(try store.story(story)?.firstAt == quake.publishedAt)
            // Stored again: no new placement is asked for.
            let again = try store.store(quake, at: 200) { _ in
                Issue.record("placed twice"); return nil
            }
            #expect(again.article == .unchanged(id: stored.article.id))
            #expect(again.storyID == nil)
        }
    }

    @Test func storiesKeepTheirMembersAndWhy() throws {
        try withStore { store, _ in
            let first = try store.store(quake, at: 100).id
            var second = quake
            second.url = "https://other.example/quake"
            second.guid = nil
            let other = try store.store(second, at: 150).id
            let story = try store.openStory(headline: quake.title, firstArticle: first, at: 100)
            try store.place(article: first, in: MembershipRecord(storyID: story, score: 0, sharedTerms: []), at: 100)
            let why = MembershipRecord(storyID: story, score: 0.41, sharedTerms: ["quake", "coast"], copyOf: first)
            try store.place(article: other, in: why, at: 150)
            #expect(try store.membership(ofArticle: other) == why)
            #expect(try store.search("quake", limit: 5).allSatisfy { $0.storyID == story })
            let listed = try #require(try store.stories(since: 0, limit: 10).first)
            #expect(listed.id == story)
            #expect(listed.articleCount == 2)
            #expect(listed.headline == quake.title)
            let reports = try store.reports(ofStory: story)
            #expect(reports.map(\.articleID) == [first, other])
            #expect(reports.last?.sharedTerms == ["quake", "coast"])
            #expect(reports.last?.copyOf == first)
            #expect(try store.stories(since: 1_000, limit: 10).isEmpty)
        }
    }
}

@Suite("Starter sources")
struct StarterSourcesTests {
    /// The list a new database starts with is the project's OPML file, word for word.
    @Test func matchTheOPMLFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/starter-sources.opml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(StarterSources.opml + "\n" == text)
        #expect(StarterSources.opml.components(separatedBy: "xmlUrl=").count - 1 == 20)
    }
}
