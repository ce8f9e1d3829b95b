import NewsdeskStore
import Testing

enum StoryChecks {
    struct Interrupted: Error {}

    static func together(_ store: any NewsStore) throws {
        #expect(throws: Interrupted.self) {
            _ = try store.store(Fixtures.quake, at: 100) { _ in throw Interrupted() }
        }
        #expect(try store.articleCount() == 0)
        var givenID: Int64?
        let stored = try store.store(Fixtures.quake, at: 100) { id in
            givenID = id
            return .open(score: 0)
        }
        #expect(stored.article == .inserted(id: try #require(givenID)))
        let story = try #require(stored.storyID)
        #expect(try store.membership(ofArticle: stored.article.id)?.storyID == story)
        #expect(try store.story(story)?.headline == Fixtures.quake.title)
        #expect(try store.story(story)?.firstAt == Fixtures.quake.publishedAt)
        #expect(try store.story(story)?.firstArticleID == stored.article.id)
        #expect(try store.story(story)?.lead == Fixtures.quake.text)
        // Stored again: no new placement is asked for.
        let again = try store.store(Fixtures.quake, at: 200) { _ in
            Issue.record("placed twice")
            return nil
        }
        #expect(again.article == .unchanged(id: stored.article.id))
        #expect(again.storyID == nil)
        // A new article joining the story, with why.
        let why = MembershipRecord(storyID: story, score: 0.5, sharedTerms: ["quake"])
        let joined = try store.store(
            Fixtures.article("other/quake", title: "Coast quake toll rises", text: "More.", publishedAt: 1_764_500_000),
            at: 300
        ) { _ in .join(why) }
        #expect(joined.storyID == story)
        #expect(try store.membership(ofArticle: joined.article.id) == why)
        let summary = try #require(try store.story(story))
        #expect(summary.articleCount == 2)
        #expect(summary.lastAt == 1_764_500_000)
        // The better-matching report's headline heads the story.
        #expect(summary.headline == "Coast quake toll rises")
        #expect(try store.story(story + 1000) == nil)
    }

    static func members(_ store: any NewsStore) throws {
        let first = try store.store(Fixtures.quake, at: 100).id
        var second = Fixtures.quake
        second.url = "https://other.example/quake"
        second.guid = nil
        second.findings = "[{\"check\":\"x\"}]"
        second.siteName = "Other"
        let other = try store.store(second, at: 150).id
        let story = try store.openStory(headline: Fixtures.quake.title, firstArticle: first, at: 100)
        try store.place(article: first, in: MembershipRecord(storyID: story, score: 0, sharedTerms: []), at: 100)
        let why = MembershipRecord(storyID: story, score: 0.41, sharedTerms: ["quake", "coast"], copyOf: first)
        try store.place(article: other, in: why, at: 150)
        #expect(try store.membership(ofArticle: other) == why)
        #expect(try store.search("quake", limit: 5).allSatisfy { $0.storyID == story })
        #expect(try store.search("quake", limit: 5).allSatisfy { $0.storyReports == 2 })
        let listed = try #require(try store.stories(since: 0, limit: 10).first)
        #expect(listed.id == story)
        #expect(listed.articleCount == 2)
        #expect(listed.flaggedCount == 1)
        #expect(listed.outlets == ["Other"])
        // A copy does not make its headline the story's.
        #expect(listed.headline == Fixtures.quake.title)
        let reports = try store.reports(ofStory: story)
        #expect(reports.map(\.articleID) == [first, other])
        #expect(reports.last?.sharedTerms == ["quake", "coast"])
        #expect(reports.last?.copyOf == first)
        #expect(reports.last?.outlet == "Other")
        #expect(reports.first?.sharedTerms == [])
        #expect(try store.stories(since: 1_000, limit: 10).isEmpty)
        // Placed elsewhere: the last placement wins, and both stories are counted again.
        let elsewhere = try store.openStory(headline: "Elsewhere", firstArticle: other, at: 150)
        try store.place(article: other, in: MembershipRecord(storyID: elsewhere, score: 1, sharedTerms: []), at: 150)
        #expect(try store.story(story)?.articleCount == 1)
        #expect(try store.story(story)?.flaggedCount == 0)
        #expect(try store.story(elsewhere)?.articleCount == 1)
    }

    static func orders(_ store: any NewsStore) throws {
        // Three stories: two reports from two outlets at 1,000; one report at 50,000; three reports from one
        // outlet at 20,000.
        func story(_ name: String, reports: [(outlet: String, time: Int)]) throws -> Int64 {
            var id: Int64?
            for (number, report) in reports.enumerated() {
                let article = try store.store(
                    Fixtures.article(
                        "\(name)/\(number)", title: "\(name) \(number)", text: "Text.", publishedAt: report.time,
                        siteName: report.outlet),
                    at: 1)
                if let id {
                    try store.place(
                        article: article.id, in: MembershipRecord(storyID: id, score: 0.3, sharedTerms: []),
                        at: report.time)
                } else {
                    let opened = try store.openStory(headline: name, firstArticle: article.id, at: report.time)
                    try store.place(
                        article: article.id, in: MembershipRecord(storyID: opened, score: 0, sharedTerms: []),
                        at: report.time)
                    id = opened
                }
            }
            return try #require(id)
        }
        let wide = try story("wide", reports: [("A", 1_000), ("B", 1_000)])
        let fresh = try story("fresh", reports: [("A", 50_000)])
        let long = try story("long", reports: [("C", 20_000), ("C", 20_000), ("C", 20_000)])
        #expect(try store.stories(since: 0, order: .mostReported, limit: 10).map(\.id) == [long, wide, fresh])
        // Ranked at 50,000: fresh 1 - 0, wide 2 - 49/43.2, long 1 - 30/43.2 (its three reports are one outlet's).
        #expect(try store.stories(since: 0, order: .rank(now: 50_000), limit: 10).map(\.id) == [fresh, wide, long])
        let recent = try store.stories(since: 0, order: .recent(after: nil), limit: 2)
        #expect(recent.map(\.id) == [fresh, long])
        let cursor = StoryCursor(lastAt: recent[1].lastAt, id: recent[1].id)
        #expect(try store.stories(since: 0, order: .recent(after: cursor), limit: 2).map(\.id) == [wide])
        #expect(try store.stories(since: 20_000, order: .mostReported, limit: 10).map(\.id) == [long, fresh])
        #expect(try store.story(wide)?.outlets == ["A", "B"])
        #expect(try store.stories(since: 0, order: .mostReported, limit: 1).count == 1)
    }
}
