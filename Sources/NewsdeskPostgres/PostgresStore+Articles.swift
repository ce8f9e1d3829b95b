import NewsdeskCore
import NewsdeskStore
import PostgresNIO

extension PostgresStore {
    /// The stored article an input is, locked until the transaction ends: several workers may store the
    /// same article at once, and the second then sees the first's as stored.
    private struct Existing {
        var id: Int64
        var hash: String
        var revision: Int
        var title: String
        var text: String
        var entryKey: String?
        var storyID: Int64?
    }

    public func store(
        _ article: ArticleInput, at time: Int, story choose: (_ articleID: Int64) throws -> StoryChoice?
    ) throws -> (article: StoredArticle, storyID: Int64?) {
        let hash = String(ContentHash.of(title: article.title, text: article.text), radix: 16)
        let (stored, story) = try connections.transaction {
            session -> ((article: StoredArticle, storyID: Int64?), EventLoopFuture<PostgresQueryResult>?) in
            // Inserted first, looked up only when already stored: a new article, the usual case, costs one
            // statement. A writer storing the same article at once is waited for, and then found.
            let search = SearchDocument.vector(title: article.title, text: article.text)
            let inserted = try session.value(
                """
                INSERT INTO articles (url, guid, source_id, title, byline, published_at, fetched_at, language,
                    site_name, image, text, html, from_feed, findings, content_hash, entry_key, search)
                VALUES (\(article.url), \(article.guid), \(article.sourceID), \(article.title), \(article.byline),
                    \(article.publishedAt), \(article.fetchedAt), \(article.language), \(article.siteName),
                    \(article.image), \(article.text), \(article.html), \(article.fromFeed), \(article.findings),
                    \(hash), \(article.entryKey), \(search)::tsvector)
                ON CONFLICT DO NOTHING RETURNING id
                """, as: Int64.self)
            guard let id = inserted else {
                guard let existing = try Self.existing(article, session) else {
                    throw NewsdeskError(.unreadable, "the article \(article.url) was neither stored nor found")
                }
                return ((try Self.update(existing, to: article, hash: hash, at: time, session), nil), nil)
            }
            guard let choice = try choose(id) else { return ((.inserted(id: id), nil), nil) }
            let at = article.publishedAt ?? time
            switch choice {
            case .join(let membership):
                try Self.join(newArticle: id, article, in: membership, at: at, session)
                return ((.inserted(id: id), membership.storyID), nil)
            case .open(let score):
                let opened = try Self.open(newArticle: id, article, score: score, at: at, session)
                return ((.inserted(id: id), nil), opened)
            }
        }
        // The story opened is known once the transaction has committed.
        guard let story else { return stored }
        return (stored.article, try story.wait().rows.first?.decode(Int64.self))
    }

    /// Opens a story for a new article and places it there, in one statement sent: a story of one
    /// report, counted as `refresh` would count it. Its answer is the story's id.
    private static func open(
        newArticle id: Int64, _ article: ArticleInput, score: Double, at time: Int, _ session: Session
    ) throws -> EventLoopFuture<PostgresQueryResult> {
        try session.send(
            """
            WITH story AS (
                INSERT INTO stories (headline, first_article_id, first_at, last_at, article_count, outlet_count,
                    flagged_count, headline_score)
                VALUES (\(article.title), \(id), \(time), \(time), 1, 1, \(article.findings == "[]" ? 0 : 1),
                    \(max(0, score)))
                RETURNING id
            )
            UPDATE articles SET story_id = story.id, story_score = \(score), story_shared = '', copy_of = NULL
            FROM story WHERE articles.id = \(id)
            RETURNING story.id
            """)
    }

    /// Places a new article in an open story, in one statement sent: the story's counts moved on by one
    /// report (as `refresh` would count them again), its last time, and its headline when the article
    /// represents it better (a copy never does).
    private static func join(
        newArticle id: Int64, _ article: ArticleInput, in membership: MembershipRecord, at time: Int,
        _ session: Session
    ) throws {
        let shared = membership.sharedTerms.joined(separator: "\t")
        let story = membership.storyID
        let representative = membership.copyOf == nil
        try session.send(
            """
            WITH placed AS (
                UPDATE articles SET story_id = \(story), story_score = \(membership.score),
                    story_shared = \(shared), copy_of = \(membership.copyOf)
                WHERE id = \(id)
                RETURNING COALESCE('source ' || source_id, 'site ' || site_name, 'page ' || url) AS outlet
            )
            UPDATE stories SET article_count = article_count + 1,
                flagged_count = flagged_count + \(article.findings == "[]" ? 0 : 1),
                outlet_count = outlet_count + (NOT EXISTS (
                    SELECT 1 FROM articles o WHERE o.story_id = \(story)
                        AND COALESCE('source ' || o.source_id, 'site ' || o.site_name, 'page ' || o.url) = placed.outlet
                ))::int,
                last_at = GREATEST(last_at, \(time)),
                headline = CASE WHEN \(representative) AND headline_score < \(membership.score)
                    THEN \(article.title) ELSE headline END,
                headline_score = CASE WHEN \(representative) AND headline_score < \(membership.score)
                    THEN \(membership.score) ELSE headline_score END
            FROM placed WHERE stories.id = \(story)
            """)
    }

    private static func existing(_ article: ArticleInput, _ session: Session) throws -> Existing? {
        let columns = "id, content_hash, revision, title, text, entry_key, story_id"
        let rows: [PostgresRow]
        if let guid = article.guid, let source = article.sourceID {
            // By URL first, else by the source's guid: one statement, the URL's row first.
            rows = try session.rows(
                """
                SELECT \(unescaped: columns) FROM articles
                WHERE url = \(article.url) OR (source_id = \(source) AND guid = \(guid))
                ORDER BY url = \(article.url) DESC LIMIT 1 FOR UPDATE
                """)
        } else {
            rows = try session.rows("SELECT \(unescaped: columns) FROM articles WHERE url = \(article.url) FOR UPDATE")
        }
        guard let row = rows.first else { return nil }
        let column = Columns(row)
        return Existing(
            id: try column["id"], hash: try column["content_hash"], revision: try column["revision"],
            title: try column["title"], text: try column["text"], entryKey: try column["entry_key"],
            storyID: try column["story_id"])
    }

    /// An article stored again: unchanged (its feed entry's key noted), or revised, the text it had kept.
    private static func update(
        _ existing: Existing, to article: ArticleInput, hash: String, at time: Int, _ session: Session
    ) throws -> StoredArticle {
        let id = existing.id
        guard existing.hash != hash else {
            if let key = article.entryKey, key != existing.entryKey {
                try session.send("UPDATE articles SET entry_key = \(key) WHERE id = \(id)")
            }
            return .unchanged(id: id)
        }
        try session.send(
            """
            INSERT INTO revisions (article_id, revision, title, text, replaced_at)
            VALUES (\(id), \(existing.revision), \(existing.title), \(existing.text), \(time))
            """)
        let search = SearchDocument.vector(title: article.title, text: article.text)
        try session.send(
            """
            UPDATE articles SET title = \(article.title), byline = \(article.byline),
                published_at = COALESCE(\(article.publishedAt)::bigint, published_at), fetched_at = \(article.fetchedAt),
                language = \(article.language), site_name = \(article.siteName), image = \(article.image),
                text = \(article.text), html = \(article.html), from_feed = \(article.fromFeed),
                findings = \(article.findings), content_hash = \(hash), revision = \(existing.revision + 1),
                entry_key = COALESCE(\(article.entryKey)::text, entry_key), search = \(search)::tsvector
            WHERE id = \(id)
            """)
        if let story = existing.storyID {
            try refresh(story: story, lastAt: nil, session)
        }
        return .revised(id: id, revision: existing.revision + 1)
    }

    public func revisions(ofArticle id: Int64) throws -> [RevisionRecord] {
        try connections.withSession { session in
            try session.rows(
                "SELECT revision, title, text, replaced_at FROM revisions WHERE article_id = \(id) ORDER BY revision"
            ).map { row in
                let (revision, title, text, replacedAt) = try row.decode((Int, String, String, Int).self)
                return RevisionRecord(revision: revision, title: title, text: text, replacedAt: replacedAt)
            }
        }
    }

    public func knownArticle(url: String, sourceID: Int64?, guid: String?) throws -> KnownArticle? {
        try connections.withSession { session in
            // One statement: the URL's article first, else the guid's.
            let row = try session.rows(
                """
                SELECT id, entry_key FROM (
                    SELECT id, entry_key, 0 AS rank FROM articles WHERE url = \(url)
                    UNION ALL
                    SELECT id, entry_key, 1 FROM articles
                    WHERE source_id = \(sourceID) AND guid = \(guid) AND \(guid)::text IS NOT NULL
                ) found ORDER BY rank LIMIT 1
                """
            ).first
            return try row.map { row in
                let (id, entryKey) = try row.decode((Int64, String?).self)
                return KnownArticle(id: id, entryKey: entryKey)
            }
        }
    }

    public func recentArticles(since time: Int) throws -> [StoredSummary] {
        try connections.withSession { session in
            try session.rows(
                """
                SELECT a.id, a.title, a.text, COALESCE(s.title, a.site_name),
                    COALESCE(a.published_at, a.fetched_at) AS time, a.story_id
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                WHERE COALESCE(a.published_at, a.fetched_at) >= \(time) ORDER BY time, a.id
                """
            ).map { row in
                let (id, title, text, outlet, time, story) = try row.decode(
                    (Int64, String, String, String?, Int, Int64?).self)
                return StoredSummary(id: id, title: title, text: text, outlet: outlet, time: time, storyID: story)
            }
        }
    }

    public func article(_ id: Int64) throws -> ArticleRecord? {
        try connections.withSession { session in
            try session.rows(
                """
                SELECT a.id, a.url, a.source_id, a.title, a.byline, a.published_at, a.fetched_at, a.language,
                    COALESCE(s.title, a.site_name) AS outlet, a.image, a.text, a.html, a.from_feed, a.findings,
                    a.revision, a.story_id, a.copy_of
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = \(id)
                """
            ).first.map { row in
                let column = Columns(row)
                return ArticleRecord(
                    id: try column["id"], url: try column["url"], sourceID: try column["source_id"],
                    title: try column["title"], byline: try column["byline"], publishedAt: try column["published_at"],
                    fetchedAt: try column["fetched_at"], language: try column["language"],
                    outlet: try column["outlet"], image: try column["image"], text: try column["text"],
                    html: try column["html"], fromFeed: try column["from_feed"], findings: try column["findings"],
                    revision: try column["revision"], storyID: try column["story_id"], copyOf: try column["copy_of"])
            }
        }
    }
}
