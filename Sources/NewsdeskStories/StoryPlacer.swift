/// Where each new article goes: with its original when it is the same copy,
/// otherwise into a story by the online grouping. Ingest and
/// `newsdesk stories group` both place articles through this one type.
/// Like the grouping, it holds only the recent window: copies are looked
/// for among the articles of the window.
public final class StoryPlacer {
    public enum Placement: Sendable, Equatable {
        /// The same copy as the article `original`, in its story.
        case copy(of: String, similarity: Double, story: Int)
        case grouped(StoryAssignment)

        public var story: Int {
            switch self {
            case .copy(_, _, let story): return story
            case .grouped(let assignment): return assignment.story
            }
        }
    }

    private let grouper: StoryGrouper
    private var copies = CopyDetector()
    /// The story of every article of the window, for the copies that follow.
    private var storyOf: [String: (story: Int, time: Int?)] = [:]
    private var newest: Int?
    private var lastSweep: Int?

    public init(settings: StoryGrouper.Settings = StoryGrouper.Settings()) {
        grouper = StoryGrouper(settings: settings)
    }

    public func place(_ article: StoryArticle) -> Placement {
        forgetStale(article.published)
        if let copy = copies.add(id: article.id, text: article.text, time: article.published),
            let story = storyOf[copy.original]?.story
        {
            storyOf[article.id] = (story, article.published)
            return .copy(of: copy.original, similarity: copy.similarity, story: story)
        }
        let assignment = grouper.add(article)
        storyOf[article.id] = (assignment.story, article.published)
        return .grouped(assignment)
    }

    /// Puts back an article already placed in story `story`, as when a desk starts again.
    public func restore(_ article: StoryArticle, story: Int) {
        forgetStale(article.published)
        grouper.restore(article, story: story)
        _ = copies.add(id: article.id, text: article.text, time: article.published)
        storyOf[article.id] = (story, article.published)
    }

    /// Whether story `number` is still open to new reports.
    public func isOpen(_ number: Int) -> Bool { grouper.isOpen(number) }

    /// What the placer holds: open stories, known terms, texts kept for finding copies.
    public var held: (stories: Int, terms: Int, texts: Int) {
        (grouper.openStoryCount, grouper.vocabularySize, copies.count)
    }

    /// Forgets the texts older than the window, at most once an hour of news.
    private func forgetStale(_ time: Int?) {
        guard let time else { return }
        newest = max(newest ?? time, time)
        guard let newest else { return }
        if let lastSweep, newest - lastSweep < 3600 { return }
        lastSweep = newest
        let cutoff = newest - grouper.settings.window
        copies.forget(before: cutoff)
        storyOf = storyOf.filter { $0.value.time.map { $0 >= cutoff } ?? true }
    }
}
