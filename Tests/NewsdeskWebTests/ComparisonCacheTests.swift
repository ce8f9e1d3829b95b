import NewsdeskStore
import Testing

@testable import NewsdeskWeb

@Suite("Story comparisons kept")
struct ComparisonCacheTests {
    static func report(_ id: Int64, revision: Int = 1) -> StoryReport {
        StoryReport(
            articleID: id, title: "Report \(id)", outlet: "Outlet \(id)", url: "https://example.org/\(id)",
            time: 1_764_500_000 + Int(id), score: 0.5, sharedTerms: [], revision: revision, fromFeed: true)
    }

    @Test func aStorysComparisonIsMadeAgainOnlyWhenItsReportsChange() {
        let cache = ComparisonCache(capacity: 4)
        var made: [Int64] = []
        func comparison(_ story: Int64, _ reports: [StoryReport]) {
            _ = cache.comparison(of: story, reports: reports) {
                made.append(story)
                return StoryComparison(reports: reports, articles: [:])
            }
        }
        let reports = [Self.report(1), Self.report(2)]
        comparison(7, reports)
        comparison(7, reports)
        #expect(made == [7])
        // A revised report, a new one: made again.
        comparison(7, [Self.report(1), Self.report(2, revision: 2)])
        comparison(7, [Self.report(1), Self.report(2, revision: 2), Self.report(3)])
        #expect(made == [7, 7, 7])
        // Other stories fill the cache; the oldest half is let go.
        for story in Int64(8)...11 { comparison(story, reports) }
        comparison(7, [Self.report(1), Self.report(2, revision: 2), Self.report(3)])
        #expect(made == [7, 7, 7, 8, 9, 10, 11, 7])
    }
}
