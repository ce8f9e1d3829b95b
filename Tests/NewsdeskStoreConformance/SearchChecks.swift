import NewsdeskStore
import Testing

enum SearchChecks {
    static func language(_ store: any NewsStore) throws {
        let id = try store.store(Fixtures.quake, at: 100).id
        let budget = try store.store(
            Fixtures.article(
                "economy/budget", title: "Budget sets out spending",
                text: "The chancellor set out spending plans for the coastal provinces."),
            at: 100
        ).id
        #expect(try store.search("earthquake", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("\"coastal province\"", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("\"province coastal\"", limit: 5).isEmpty)
        #expect(Set(try store.search("coast*", limit: 5).map(\.articleID)) == [id, budget])
        #expect(try store.search("coast* chancellor", limit: 5).map(\.articleID) == [budget])
        #expect(try store.search("\"set out\" spend*", limit: 5).map(\.articleID) == [budget])
        // A star inside a phrase is dropped: the phrase's words are whole words.
        #expect(try store.search("\"out spend*\"", limit: 5).isEmpty)
        let hit = try #require(try store.search("officials", limit: 5).first)
        #expect(hit.snippet.contains("«officials»"))
        #expect(hit.title == Fixtures.quake.title)
        #expect(hit.time == Fixtures.quake.publishedAt)
        #expect(hit.storyID == nil && hit.storyReports == 0)
        // Whatever is typed is a query, never SQL or a syntax error.
        #expect(try store.search("\"; DROP TABLE articles; --", limit: 5).isEmpty)
        #expect(try store.search("NEAR( AND OR *", limit: 5).isEmpty)
        #expect(try store.search("' & | ! <-> :* \\", limit: 5).isEmpty)
        #expect(try store.search("", limit: 5).isEmpty)
        #expect(try store.articleCount() == 2)
    }

    static func folding(_ store: any NewsStore) throws {
        let id = try store.store(
            Fixtures.article("fr", title: "Élection à Montréal", text: "Le CAFÉ était fermé, dit-on."), at: 1
        ).id
        #expect(try store.search("election montreal", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("café", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("cafe", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("ÉTAIT", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("mont*", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("\"dit on\"", limit: 5).map(\.articleID) == [id])
    }

    static func filters(_ store: any NewsStore) throws {
        let source = try store.addSource(
            feedURL: "https://x.example/rss", title: "Wire", siteURL: nil, folder: nil, at: 1)
        let early = try store.store(
            Fixtures.article("a", title: "Storm early", text: "Storm.", publishedAt: 1_000, sourceID: source.id),
            at: 1
        ).id
        let late = try store.store(
            Fixtures.article("b", title: "Storm late", text: "Storm.", publishedAt: 5_000, siteName: "Daily"), at: 1
        ).id
        func ids(_ query: SearchQuery) throws -> Set<Int64> { Set(try store.search(query).map(\.articleID)) }
        #expect(try ids(SearchQuery(text: "storm")) == [early, late])
        #expect(try ids(SearchQuery(text: "storm", outlet: "Wire")) == [early])
        #expect(try ids(SearchQuery(text: "storm", outlet: "Daily")) == [late])
        #expect(try ids(SearchQuery(text: "storm", outlet: "Nobody")).isEmpty)
        #expect(try ids(SearchQuery(text: "storm", from: 1_000, to: 5_000)) == [early])
        #expect(try ids(SearchQuery(text: "storm", from: 1_001)) == [late])
        #expect(try ids(SearchQuery(text: "storm", to: 1_000)).isEmpty)
        let hit = try #require(try store.search(SearchQuery(text: "storm", outlet: "Wire")).first)
        #expect(hit.outlet == "Wire")
    }

    static func ranking(_ store: any NewsStore) throws {
        let inText = try store.store(
            Fixtures.article("t", title: "Council meets", text: "The harbour plan was discussed at length."), at: 1
        ).id
        let inTitle = try store.store(
            Fixtures.article("h", title: "Harbour plan approved", text: "The council voted on Monday."), at: 1
        ).id
        #expect(try store.search("harbour", limit: 5).map(\.articleID) == [inTitle, inText])
        #expect(try store.search(SearchQuery(text: "harbour", limit: 1, offset: 1)).map(\.articleID) == [inText])
        #expect(try store.search(SearchQuery(text: "harbour", limit: 1)).map(\.articleID) == [inTitle])
        #expect(try store.search(SearchQuery(text: "harbour", limit: 5, offset: 2)).isEmpty)
    }

    /// Longer than PostgreSQL keeps word positions for (16,383), a word repeated more often than it keeps
    /// positions of one word (256), and a word longer than it indexes.
    static func longArticle(_ store: any NewsStore) throws {
        let words = (0..<20_000).map { $0 % 10 == 0 ? "again" : "w\($0)" }
        let long = String(repeating: "x", count: 3_000)
        let id = try store.store(
            Fixtures.article("long", title: "A long read", text: words.joined(separator: " ") + " " + long), at: 1
        ).id
        #expect(try store.search("w19999", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("w3 again", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("\"long read\"", limit: 5).map(\.articleID) == [id])
        #expect(try store.search("\"w1 w2\"", limit: 5).map(\.articleID) == [id])
        #expect(try store.article(id)?.text.count == words.joined(separator: " ").count + 3_001)
    }
}
