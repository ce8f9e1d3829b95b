import NewsdeskCore
import NewsdeskStore
import PostgresNIO

extension PostgresStore {
    public func openStory(headline: String, firstArticle: Int64, at time: Int) throws -> Int64 {
        try connections.transaction { session in
            try Self.openStory(headline: headline, firstArticle: firstArticle, at: time, session)
        }
    }

    static func openStory(headline: String, firstArticle: Int64, at time: Int, _ session: Session) throws -> Int64 {
        guard
            let id = try session.value(
                """
                INSERT INTO stories (headline, first_article_id, first_at, last_at)
                VALUES (\(headline), \(firstArticle), \(time), \(time)) RETURNING id
                """, as: Int64.self)
        else { throw NewsdeskError(.unreadable, "the story “\(headline)” was not stored") }
        return id
    }

    public func place(article: Int64, in membership: MembershipRecord, at time: Int) throws {
        try connections.transaction { session in try Self.place(article: article, in: membership, at: time, session) }
    }

    /// Places an article in a story; `isNew` when it was stored in this transaction, in no story yet.
    /// Its statements are sent, not waited for: the transaction's COMMIT waits for them.
    static func place(
        article: Int64, in membership: MembershipRecord, at time: Int, isNew: Bool = false, _ session: Session
    ) throws {
        let shared = membership.sharedTerms.joined(separator: "\t")
        let previous =
            isNew
            ? nil
            : try session.value(
                "SELECT story_id FROM articles WHERE id = \(article) FOR UPDATE", as: Int64?.self) ?? nil
        try session.send(
            """
            UPDATE articles SET story_id = \(membership.storyID), story_score = \(membership.score),
                story_shared = \(shared), copy_of = \(membership.copyOf)
            WHERE id = \(article)
            """)
        // In id order, so that two writers refreshing the same stories take their locks in the same order.
        for story in Set([previous, membership.storyID].compactMap { $0 }).sorted() {
            try refresh(story: story, lastAt: time, session)
        }
        // The story's headline is its most representative report's: the one that joined it with the
        // highest similarity (a copy says nothing new, and is left out).
        if membership.copyOf == nil {
            try session.send(
                """
                UPDATE stories SET headline = (SELECT title FROM articles WHERE id = \(article)),
                    headline_score = \(membership.score)
                WHERE id = \(membership.storyID) AND headline_score < \(membership.score)
                """)
        }
    }

    /// Counts a story's reports, outlets and flagged reports again, and moves its last report time to `lastAt`.
    static func refresh(story: Int64, lastAt: Int?, _ session: Session) throws {
        try session.send(
            """
            UPDATE stories SET article_count = counts.reports, outlet_count = counts.outlets,
                flagged_count = counts.flagged, last_at = GREATEST(last_at, COALESCE(\(lastAt)::bigint, last_at))
            FROM (
                SELECT COUNT(*) AS reports, COUNT(DISTINCT COALESCE('source ' || source_id, 'site ' || site_name, 'page ' || url)) AS outlets,
                    COUNT(*) FILTER (WHERE findings <> '[]') AS flagged
                FROM articles WHERE story_id = \(story)
            ) counts
            WHERE id = \(story)
            """)
    }

    public func membership(ofArticle id: Int64) throws -> MembershipRecord? {
        try connections.withSession { session in
            guard
                let row = try session.rows(
                    "SELECT story_id, story_score, story_shared, copy_of FROM articles WHERE id = \(id)"
                ).first
            else { return nil }
            let (story, score, shared, copyOf) = try row.decode((Int64?, Double?, String?, Int64?).self)
            guard let story else { return nil }
            return MembershipRecord(
                storyID: story, score: score ?? 0, sharedTerms: Self.terms(shared), copyOf: copyOf)
        }
    }

    static func terms(_ shared: String?) -> [String] {
        guard let shared, !shared.isEmpty else { return [] }
        return shared.split(separator: "\t").map(String.init)
    }

    public func stories(since time: Int, order: StoryOrder, limit: Int) throws -> [StorySummary] {
        try connections.withSession { session in
            let rows: [PostgresRow]
            switch order {
            case .mostReported:
                rows = try session.rows(
                    """
                    \(unescaped: Self.summarySelect) WHERE st.last_at >= \(time) AND st.article_count > 0
                    ORDER BY st.article_count DESC, st.last_at DESC, st.id LIMIT \(limit)
                    """)
            case .rank(let now):
                rows = try session.rows(
                    """
                    \(unescaped: Self.summarySelect) WHERE st.last_at >= \(time) AND st.article_count > 0
                    ORDER BY st.outlet_count - (\(now) - st.last_at) / 43200.0::float8 DESC, st.last_at DESC,
                        st.id DESC
                    LIMIT \(limit)
                    """)
            case .recent(let cursor):
                let lastAt = cursor?.lastAt ?? Int.max
                let id = cursor?.id ?? Int64.max
                rows = try session.rows(
                    """
                    \(unescaped: Self.summarySelect) WHERE st.last_at >= \(time) AND st.article_count > 0
                        AND (st.last_at < \(lastAt) OR (st.last_at = \(lastAt) AND st.id < \(id)))
                    ORDER BY st.last_at DESC, st.id DESC LIMIT \(limit)
                    """)
            }
            return try rows.map(Self.summary)
        }
    }

    public func story(_ id: Int64) throws -> StorySummary? {
        try connections.withSession { session in
            try session.rows("\(unescaped: Self.summarySelect) WHERE st.id = \(id)").first.map(Self.summary)
        }
    }

    /// A story with its outlets (each once, the first to report it first; names compared byte by byte,
    /// as SQLite does) and the opening of its first report, in one statement.
    static let summarySelect = """
        SELECT st.id, st.headline, st.first_at, st.last_at, st.article_count, st.flagged_count,
            st.first_article_id, COALESCE(substr(fa.text, 1, 400), '') AS lead,
            ARRAY(
                SELECT o.outlet FROM (
                    SELECT COALESCE(s.title, a.site_name) AS outlet, MIN(COALESCE(a.published_at, a.fetched_at)) AS t
                    FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                    WHERE a.story_id = st.id AND COALESCE(s.title, a.site_name) IS NOT NULL
                    GROUP BY 1
                ) o
                ORDER BY o.t, o.outlet COLLATE "C"
            ) AS outlets
        FROM stories st LEFT JOIN articles fa ON fa.id = st.first_article_id
        """

    static func summary(_ row: PostgresRow) throws -> StorySummary {
        let column = Columns(row)
        return StorySummary(
            id: try column["id"], headline: try column["headline"], firstAt: try column["first_at"],
            lastAt: try column["last_at"], articleCount: try column["article_count"], outlets: try column["outlets"],
            flaggedCount: try column["flagged_count"], firstArticleID: try column["first_article_id"],
            lead: try column["lead"])
    }

    public func reports(ofStory id: Int64) throws -> [StoryReport] {
        try connections.withSession { session in
            try session.rows(
                """
                SELECT a.id, a.title, COALESCE(s.title, a.site_name) AS outlet, a.url,
                    COALESCE(a.published_at, a.fetched_at) AS time, a.story_score, a.story_shared, a.copy_of,
                    a.revision, a.from_feed
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                WHERE a.story_id = \(id) ORDER BY time, a.id
                """
            ).map { row in
                let column = Columns(row)
                return StoryReport(
                    articleID: try column["id"], title: try column["title"], outlet: try column["outlet"],
                    url: try column["url"], time: try column["time"], score: try column["story_score"] ?? 0,
                    sharedTerms: Self.terms(try column["story_shared"]), copyOf: try column["copy_of"],
                    revision: try column["revision"], fromFeed: try column["from_feed"])
            }
        }
    }
}
