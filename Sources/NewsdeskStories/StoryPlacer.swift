/// Where each new article goes: with its original when it is the same copy,
/// otherwise into a story by the online grouping. Ingest and
/// `newsdesk stories group` both place articles through this one type.
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
    /// The story of every article placed, for the copies that follow.
    private var storyOf: [String: Int] = [:]

    public init(settings: StoryGrouper.Settings = StoryGrouper.Settings()) {
        grouper = StoryGrouper(settings: settings)
    }

    public func place(_ article: StoryArticle) -> Placement {
        if let copy = copies.add(id: article.id, text: article.text), let story = storyOf[copy.original] {
            storyOf[article.id] = story
            return .copy(of: copy.original, similarity: copy.similarity, story: story)
        }
        let assignment = grouper.add(article)
        storyOf[article.id] = assignment.story
        return .grouped(assignment)
    }

    /// Puts back an article already placed in story `story`, as when a desk starts again.
    public func restore(_ article: StoryArticle, story: Int) {
        grouper.restore(article, story: story)
        _ = copies.add(id: article.id, text: article.text)
        storyOf[article.id] = story
    }
}
