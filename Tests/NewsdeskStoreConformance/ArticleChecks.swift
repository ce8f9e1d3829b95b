import NewsdeskStore
import Testing

enum ArticleChecks {
    static func storingTwice(_ store: any NewsStore) throws {
        let first = try store.store(Fixtures.quake, at: 100)
        guard case .inserted = first else {
            Issue.record("expected an insert, got \(first)")
            return
        }
        #expect(try store.store(Fixtures.quake, at: 200) == .unchanged(id: first.id))
        #expect(try store.articleCount() == 1)
        // A new feed entry key for the same content is noted, and changes nothing else.
        var keyed = Fixtures.quake
        keyed.entryKey = "k2"
        #expect(try store.store(keyed, at: 300) == .unchanged(id: first.id))
        #expect(
            try store.knownArticle(url: Fixtures.quake.url, sourceID: nil, guid: nil)
                == KnownArticle(id: first.id, entryKey: "k2"))
        #expect(try store.revisions(ofArticle: first.id).isEmpty)
    }

    static func revision(_ store: any NewsStore) throws {
        let id = try store.store(Fixtures.quake, at: 100).id
        var updated = Fixtures.quake
        updated.title = "Quake kills 41 on the coast"
        #expect(try store.store(updated, at: 300) == .revised(id: id, revision: 2))
        #expect(
            try store.revisions(ofArticle: id)
                == [
                    RevisionRecord(revision: 1, title: Fixtures.quake.title, text: Fixtures.quake.text, replacedAt: 300)
                ]
        )
        #expect(try store.search("kills", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("hits", limit: 5).isEmpty)
        updated.text = "The toll rose to 41."
        #expect(try store.store(updated, at: 400) == .revised(id: id, revision: 3))
        #expect(try store.revisions(ofArticle: id).map(\.revision) == [1, 2])
        #expect(try store.article(id)?.revision == 3)
        #expect(try store.article(id)?.text == "The toll rose to 41.")
    }

    static func guid(_ store: any NewsStore) throws {
        let source = try store.addSource(feedURL: "https://x.example/rss", title: nil, siteURL: nil, folder: nil, at: 1)
        var first = Fixtures.quake
        first.sourceID = source.id
        let id = try store.store(first, at: 100).id
        var moved = first
        moved.url = "https://news.example.com/world/2026/quake-coast"
        #expect(try store.store(moved, at: 200) == .unchanged(id: id))
        #expect(try store.articleID(url: moved.url, sourceID: source.id, guid: "quake-1") == id)
        #expect(try store.articleID(url: moved.url, sourceID: nil, guid: "quake-1") == nil)
        #expect(try store.articleID(url: moved.url, sourceID: source.id, guid: nil) == nil)
        #expect(try store.articleID(url: first.url, sourceID: nil, guid: nil) == id)
    }

    static func readBack(_ store: any NewsStore) throws {
        let source = try store.addSource(
            feedURL: "https://x.example/rss", title: "The Example", siteURL: nil, folder: nil, at: 1)
        let input = ArticleInput(
            url: "https://x.example/a", guid: "a", sourceID: source.id, title: "Title “quoted” — é",
            byline: "Ann Writer", publishedAt: nil, fetchedAt: 1_700_000_000, language: "fr", siteName: "Example",
            image: "https://x.example/a.jpg", text: "Body text\nwith lines.", html: "<p>Body text</p>", fromFeed: true,
            findings: "[{\"kind\":\"x\"}]", entryKey: "e1")
        let id = try store.store(input, at: 5).id
        let record = try #require(try store.article(id))
        #expect(
            record
                == ArticleRecord(
                    id: id, url: input.url, sourceID: source.id, title: input.title, byline: "Ann Writer",
                    publishedAt: nil, fetchedAt: 1_700_000_000, language: "fr", outlet: "The Example",
                    image: input.image, text: input.text, html: input.html, fromFeed: true, findings: input.findings,
                    revision: 1, storyID: nil, copyOf: nil))
        #expect(record.time == 1_700_000_000)
        #expect(try store.article(id + 1000) == nil)
        #expect(try store.membership(ofArticle: id) == nil)
        // Without its source, the page's site name is the outlet.
        #expect(try store.removeSource(feedURL: "https://x.example/rss"))
        #expect(try store.article(id)?.outlet == "Example")
        #expect(try store.article(id)?.sourceID == nil)
    }

    static func recent(_ store: any NewsStore) throws {
        let source = try store.addSource(feedURL: "https://x.example/rss", title: "X", siteURL: nil, folder: nil, at: 1)
        let old = try store.store(
            Fixtures.article("old", title: "Old", text: "Old news.", publishedAt: 1_000, sourceID: source.id), at: 1
        ).id
        let new = try store.store(
            Fixtures.article("new", title: "New", text: "New news.", publishedAt: 3_000, siteName: "Site"), at: 1
        ).id
        let undated = try store.store(
            Fixtures.article("undated", title: "Undated", text: "No date.", sourceID: source.id), at: 1
        ).id
        #expect(try store.recentArticles(since: 2_000).map(\.id) == [new, undated])
        let all = try store.recentArticles(since: 0)
        #expect(all.map(\.id) == [old, new, undated])
        #expect(
            all.first
                == StoredSummary(id: old, title: "Old", text: "Old news.", outlet: "X", time: 1_000, storyID: nil))
        #expect(all[1].outlet == "Site")
        #expect(try store.articleCounts(since: 0) == [source.id: 2])
        #expect(try store.articleCounts(since: 1_764_490_001).isEmpty)
        #expect(try store.articleCount() == 3)
    }
}
