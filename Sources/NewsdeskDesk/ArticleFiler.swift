import NewsdeskStore
import NewsdeskStories

/// Files articles: each new one goes to the same copy or its story and is
/// stored with its place in one transaction. The desk files what it
/// fetches; `newsdesk import` files articles from a file. The grouping holds
/// only the recent window, restarted from the store.
public final class ArticleFiler {
    private let store: any NewsStore
    private let window: Int
    private var placer: StoryPlacer
    /// The stored id of each open story, by the grouping's number for it.
    private var storyIDs: [Int: Int64] = [:]
    /// Whether the grouping holds an article the store failed to keep (a full disk, an I/O error). Its
    /// row id comes again, so a later article could be taken for a copy of it, or of itself.
    private var holdsUnstored = false

    /// A filer over `store`, its story grouping restarted from the articles of the `window` seconds before `now`.
    public init(store: any NewsStore, window: Int, now: Int) throws {
        self.store = store
        self.window = window
        (placer, storyIDs) = try Self.grouping(of: store, window: window, now: now)
    }

    /// A story grouping restarted from the articles `store` holds of the `window` seconds before `now`, and
    /// the stored id of each of its stories.
    private static func grouping(of store: any NewsStore, window: Int, now: Int) throws
        -> (StoryPlacer, [Int: Int64])
    {
        var grouping = StoryGrouper.Settings()
        grouping.window = window
        let placer = StoryPlacer(settings: grouping)
        var storyIDs: [Int: Int64] = [:]
        var numbers: [Int64: Int] = [:]
        for article in try store.recentArticles(since: now - window) {
            guard let storyID = article.storyID else { continue }
            let number = numbers[storyID] ?? numbers.count
            numbers[storyID] = number
            storyIDs[number] = storyID
            placer.restore(
                StoryArticle(
                    id: String(article.id), title: article.title, text: article.text, source: article.outlet,
                    published: article.time),
                story: number)
        }
        return (placer, storyIDs)
    }

    /// What the grouping holds now: open stories, known terms, texts kept for finding copies.
    public var held: (stories: Int, terms: Int, texts: Int) { placer.held }

    private var filed = 0

    /// Forgets the stored ids of the stories closed since: they take no more reports.
    private func forgetClosedStories() {
        storyIDs = storyIDs.filter { placer.isOpen($0.key) }
    }

    /// Stores an article and, when it is new, places it in its story in the same transaction; counts what
    /// it did in `report`. True when the article is new.
    public func file(_ input: ArticleInput, outlet: String?, now: Int, report: inout IngestReport) throws -> Bool {
        if holdsUnstored {
            (placer, storyIDs) = try Self.grouping(of: store, window: window, now: now)
            holdsUnstored = false
        }
        filed += 1
        if filed % 1_000 == 0 { forgetClosedStories() }
        let clock = ContinuousClock()
        let started = clock.now
        var grouping = Duration.zero
        var opened: Int?
        var copies = 0
        let time = input.publishedAt ?? now
        let stored = try store.store(input, at: now) { id in
            // Placed now, kept only when the transaction commits.
            holdsUnstored = true
            let groupingStarted = clock.now
            defer { grouping += clock.now - groupingStarted }
            let placement = placer.place(
                StoryArticle(id: String(id), title: input.title, text: input.text, source: outlet, published: time))
            switch placement {
            case .copy(let original, let similarity, let number):
                guard let storyID = storyIDs[number] else { return nil }
                copies += 1
                return .join(
                    MembershipRecord(storyID: storyID, score: similarity, sharedTerms: [], copyOf: Int64(original)))
            case .grouped(let assignment):
                if let storyID = storyIDs[assignment.story] {
                    return .join(
                        MembershipRecord(storyID: storyID, score: assignment.score, sharedTerms: assignment.sharedTerms)
                    )
                }
                opened = assignment.story
                return .open(score: assignment.score)
            }
        }
        holdsUnstored = false
        report.stages.group += Desk.seconds(grouping)
        report.stages.store += Desk.seconds(clock.now - started - grouping)
        switch stored.article {
        case .inserted:
            report.newArticles += 1
            report.copies += copies
            if input.fromFeed { report.fromFeed += 1 }
            if let opened, let storyID = stored.storyID {
                storyIDs[opened] = storyID
                report.newStories += 1
            }
            return true
        case .revised:
            report.revisedArticles += 1
        case .unchanged:
            break
        }
        return false
    }

}
