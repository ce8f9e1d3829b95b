import NIOCore
import NewsdeskCore
import NewsdeskStore
import PostgresNIO

/// What copying a desk did: the rows the SQLite desk held, and the rows counted in PostgreSQL after the commit.
public struct DeskImport: Sendable, Equatable {
    public var read: DeskCounts
    public var stored: DeskCounts

    /// Each kind whose counts differ, as "articles: 3 in SQLite, 2 in PostgreSQL"; empty when all match.
    public var mismatches: [String] {
        zip(read.kinds, stored.kinds).compactMap { read, stored in
            read.count == stored.count
                ? nil : "\(read.kind): \(read.count) in SQLite, \(stored.count) in PostgreSQL"
        }
    }
}

extension PostgresStore {
    /// Copies a whole SQLite desk into this database, which must hold no sources, articles, stories or
    /// revisions: every row with every column and its id (so stories, copies and revisions still point
    /// where they did), each article's search document built as `store` builds it, the identity sequences
    /// moved past the largest ids, and the generation counter bumped. The desk is read at one moment
    /// (see `SQLiteStore.withSnapshot`) and written in batches of `batchSize` rows, one statement each,
    /// all in one transaction: a failure leaves this database as it was, and the copy is refused before
    /// its commit unless PostgreSQL then holds as many rows of each kind as the desk.
    ///
    /// While it runs, the tables are locked against other writers (readers go on, and see no change
    /// until the commit). The connecting user must own the tables: the generation triggers are switched
    /// off for the copy (once per row, they would make the commit crawl) and on again in the same
    /// transaction.
    public func importDesk(from desk: SQLiteStore, batchSize: Int = 1000) throws -> DeskImport {
        let size = max(1, batchSize)
        let read = try desk.withSnapshot { snapshot in
            let read = try snapshot.counts()
            try connections.transaction { session in
                try Self.lockEmptyTables(session, url: connections.url)
                for (table, trigger) in Self.generationTriggers {
                    try session.execute("ALTER TABLE \(unescaped: table) DISABLE TRIGGER \(unescaped: trigger)")
                }
                try Self.copy(snapshot, batchSize: size, session)
                try session.execute(
                    """
                    SELECT setval(pg_get_serial_sequence('sources', 'id'), COALESCE(MAX(id), 0) + 1, false)
                    FROM sources
                    """)
                try session.execute(
                    """
                    SELECT setval(pg_get_serial_sequence('stories', 'id'), COALESCE(MAX(id), 0) + 1, false)
                    FROM stories
                    """)
                try session.execute(
                    """
                    SELECT setval(pg_get_serial_sequence('articles', 'id'), COALESCE(MAX(id), 0) + 1, false)
                    FROM articles
                    """)
                for table in ["users", "credentials", "saved_searches"] {
                    try session.execute(
                        """
                        SELECT setval(pg_get_serial_sequence(\(table), 'id'), COALESCE(MAX(id), 0) + 1, false)
                        FROM \(unescaped: table)
                        """)
                }
                for (table, trigger) in Self.generationTriggers {
                    try session.execute("ALTER TABLE \(unescaped: table) ENABLE TRIGGER \(unescaped: trigger)")
                }
                try session.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
                let copied = try Self.counts(session)
                let check = DeskImport(read: read, stored: copied)
                guard check.mismatches.isEmpty else {
                    throw NewsdeskError(
                        .unreadable,
                        "the copy does not match the desk (\(check.mismatches.joined(separator: "; "))), "
                            + "so nothing was stored")
                }
            }
            return read
        }
        let stored = try connections.withSession { session in try Self.counts(session) }
        return DeskImport(read: read, stored: stored)
    }

    /// The triggers that bump the generation counter, by table, as migration v1 named them.
    static let generationTriggers = [
        ("sources", "sources_generation"), ("stories", "stories_generation"), ("articles", "articles_generation"),
    ]

    /// Locks the desk's tables against other writers until the transaction ends, and refuses to go on when
    /// any of them holds a row.
    private static func lockEmptyTables(_ session: Session, url: PostgresURL) throws {
        try session.execute(
            "LOCK TABLE sources, stories, articles, revisions, users IN SHARE ROW EXCLUSIVE MODE")
        guard
            let row = try session.rows(
                """
                SELECT EXISTS (SELECT 1 FROM sources), EXISTS (SELECT 1 FROM articles),
                    EXISTS (SELECT 1 FROM revisions), EXISTS (SELECT 1 FROM stories), EXISTS (SELECT 1 FROM users)
                """
            ).first
        else { return }
        let (sources, articles, revisions, stories, users) = try row.decode((Bool, Bool, Bool, Bool, Bool).self)
        let held = [
            (sources, "sources"), (articles, "articles"), (revisions, "revisions"), (stories, "stories"),
            (users, "users"),
        ].filter(\.0).map(\.1)
        guard held.isEmpty else {
            throw NewsdeskError(
                .unreadable,
                "the database \(url) already holds \(held.joined(separator: ", ")): a desk is copied into an empty "
                    + "database only; name a new one, or empty this one (psql: TRUNCATE sources, stories, "
                    + "articles, revisions, users RESTART IDENTITY CASCADE)")
        }
    }

    /// How many rows of each kind the database holds.
    private static func counts(_ session: Session) throws -> DeskCounts {
        guard
            let row = try session.rows(
                """
                SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM articles),
                    (SELECT COUNT(*) FROM revisions), (SELECT COUNT(*) FROM stories), (SELECT COUNT(*) FROM users),
                    (SELECT COUNT(*) FROM article_states)
                """
            ).first
        else { return DeskCounts() }
        let (sources, articles, revisions, stories, users, states) = try row.decode((Int, Int, Int, Int, Int, Int).self)
        return DeskCounts(
            sources: sources, articles: articles, revisions: revisions, stories: stories, users: users,
            readStates: states)
    }

    /// Sources, then stories (articles point to them), articles, and revisions (which point to articles).
    private static func copy(_ snapshot: DeskSnapshot, batchSize: Int, _ session: Session) throws {
        var pipeline = Pipeline(session: session)
        try snapshot.sources(batchSize: batchSize) { try pipeline.send(insert($0)) }
        try snapshot.stories(batchSize: batchSize) { try pipeline.send(insert($0)) }
        // A copy normally points to an earlier article; one that points to a later batch's gets its
        // pointer once every article is in.
        var laterCopies: [(id: Int64, copyOf: Int64)] = []
        try snapshot.articles(batchSize: batchSize) { try pipeline.send(insert($0, laterCopies: &laterCopies)) }
        try snapshot.revisions(batchSize: batchSize) { try pipeline.send(insert($0)) }
        // The readers: users, their secrets' digests (each after the one it was made from), their states,
        // labels and saved searches.
        try snapshot.users(batchSize: batchSize) { try pipeline.send(insert($0)) }
        try snapshot.credentials(batchSize: batchSize) { try pipeline.send(insert($0)) }
        try snapshot.states(batchSize: batchSize) { try pipeline.send(insert($0)) }
        try snapshot.labels(batchSize: batchSize) { try pipeline.send(insert($0)) }
        try snapshot.savedSearches(batchSize: batchSize) { try pipeline.send(insert($0)) }
        try pipeline.finish()
        if !laterCopies.isEmpty {
            try session.execute(
                """
                UPDATE articles a SET copy_of = later.copy_of
                FROM unnest(\(laterCopies.map(\.id)), \(laterCopies.map(\.copyOf))) AS later(id, copy_of)
                WHERE a.id = later.id
                """)
        }
    }

    private static func insert(_ batch: [SourceRecord]) -> PostgresQuery {
        """
        INSERT INTO sources (id, feed_url, title, site_url, folder, added_at, etag, last_modified, last_success_at,
            last_error_at, last_error, next_poll_at, failures, items_seen)
        SELECT * FROM unnest(
            \(batch.map(\.id)), \(batch.map(\.feedURL)), \(NullableArray(batch.map(\.title))),
            \(NullableArray(batch.map(\.siteURL))), \(NullableArray(batch.map(\.folder))), \(batch.map(\.addedAt)),
            \(NullableArray(batch.map(\.etag))), \(NullableArray(batch.map(\.lastModified))),
            \(NullableArray(batch.map(\.lastSuccessAt))), \(NullableArray(batch.map(\.lastErrorAt))),
            \(NullableArray(batch.map(\.lastError))), \(batch.map(\.nextPollAt)), \(batch.map(\.failures)),
            \(batch.map(\.itemsSeen)))
        """
    }

    private static func insert(_ batch: [ExportedStory]) -> PostgresQuery {
        """
        INSERT INTO stories (id, headline, first_article_id, first_at, last_at, article_count, outlet_count,
            flagged_count, headline_score)
        SELECT * FROM unnest(
            \(batch.map(\.id)), \(batch.map(\.headline)), \(NullableArray(batch.map(\.firstArticleID))),
            \(batch.map(\.firstAt)), \(batch.map(\.lastAt)), \(batch.map(\.articleCount)),
            \(batch.map(\.outletCount)), \(batch.map(\.flaggedCount)), \(batch.map(\.headlineScore)))
        """
    }

    private static func insert(_ batch: [ExportedArticle], laterCopies: inout [(id: Int64, copyOf: Int64)])
        -> PostgresQuery
    {
        let last = batch.last?.id ?? 0
        let copyOf = batch.map { article -> Int64? in
            guard let copyOf = article.copyOf, copyOf > last else { return article.copyOf }
            laterCopies.append((article.id, copyOf))
            return nil
        }
        let search = batch.map { SearchDocument.vector(title: $0.title, text: $0.text) }
        return """
            INSERT INTO articles (id, url, guid, source_id, title, byline, published_at, fetched_at, language,
                site_name, image, text, html, from_feed, findings, content_hash, revision, story_id, story_score,
                story_shared, copy_of, entry_key, search)
            SELECT id, url, guid, source_id, title, byline, published_at, fetched_at, language, site_name, image,
                text, html, from_feed, findings, content_hash, revision, story_id, story_score, story_shared,
                copy_of, entry_key, search::tsvector
            FROM unnest(
                \(batch.map(\.id)), \(batch.map(\.url)), \(NullableArray(batch.map(\.guid))),
                \(NullableArray(batch.map(\.sourceID))), \(batch.map(\.title)), \(NullableArray(batch.map(\.byline))),
                \(NullableArray(batch.map(\.publishedAt))), \(batch.map(\.fetchedAt)),
                \(NullableArray(batch.map(\.language))), \(NullableArray(batch.map(\.siteName))),
                \(NullableArray(batch.map(\.image))), \(batch.map(\.text)), \(batch.map(\.html)),
                \(batch.map(\.fromFeed)), \(batch.map(\.findings)), \(batch.map(\.contentHash)),
                \(batch.map(\.revision)), \(NullableArray(batch.map(\.storyID))),
                \(NullableArray(batch.map(\.storyScore))), \(NullableArray(batch.map(\.storyShared))),
                \(NullableArray(copyOf)), \(NullableArray(batch.map(\.entryKey))), \(search)
            ) AS copied(id, url, guid, source_id, title, byline, published_at, fetched_at, language, site_name, image,
                text, html, from_feed, findings, content_hash, revision, story_id, story_score, story_shared, copy_of,
                entry_key, search)
            """
    }

    private static func insert(_ batch: [UserRecord]) -> PostgresQuery {
        """
        INSERT INTO users (id, name, password_hash, is_admin, created_at, read_through)
        SELECT * FROM unnest(
            \(batch.map(\.id)), \(batch.map(\.name)), \(batch.map(\.passwordHash)), \(batch.map(\.isAdmin)),
            \(batch.map(\.createdAt)), \(batch.map(\.readThrough)))
        """
    }

    private static func insert(_ batch: [ExportedCredential]) -> PostgresQuery {
        """
        INSERT INTO credentials (id, user_id, kind, digest, parent_id, created_at, expires_at, last_used_at)
        SELECT * FROM unnest(
            \(batch.map(\.id)), \(batch.map(\.userID)), \(batch.map(\.kind)), \(batch.map(\.digest)),
            \(NullableArray(batch.map(\.parentID))), \(batch.map(\.createdAt)), \(NullableArray(batch.map(\.expiresAt))),
            \(NullableArray(batch.map(\.lastUsedAt))))
        """
    }

    private static func insert(_ batch: [ExportedState]) -> PostgresQuery {
        """
        INSERT INTO article_states (user_id, article_id, read, starred, starred_at)
        SELECT * FROM unnest(
            \(batch.map(\.userID)), \(batch.map(\.articleID)), \(NullableArray(batch.map(\.read))),
            \(batch.map(\.starred)), \(NullableArray(batch.map(\.starredAt))))
        """
    }

    private static func insert(_ batch: [ExportedLabel]) -> PostgresQuery {
        """
        INSERT INTO article_labels (user_id, label, article_id)
        SELECT * FROM unnest(\(batch.map(\.userID)), \(batch.map(\.label)), \(batch.map(\.articleID)))
        """
    }

    private static func insert(_ batch: [ExportedSavedSearch]) -> PostgresQuery {
        """
        INSERT INTO saved_searches (id, user_id, name, query, created_at)
        SELECT * FROM unnest(
            \(batch.map(\.search.id)), \(batch.map(\.userID)), \(batch.map(\.search.name)),
            \(batch.map(\.search.query)), \(batch.map(\.search.createdAt)))
        """
    }

    private static func insert(_ batch: [ExportedRevision]) -> PostgresQuery {
        """
        INSERT INTO revisions (article_id, revision, title, text, replaced_at)
        SELECT * FROM unnest(
            \(batch.map(\.articleID)), \(batch.map(\.revision)), \(batch.map(\.title)), \(batch.map(\.text)),
            \(batch.map(\.replacedAt)))
        """
    }
}

/// Statements sent on the transaction's connection one after another, each sent once the one before is
/// done but without waiting for its own end: the next batch is read from SQLite and prepared while
/// PostgreSQL stores this one.
private struct Pipeline {
    let session: Session
    private var pending: EventLoopFuture<PostgresQueryResult>?

    init(session: Session) {
        self.session = session
    }

    mutating func send(_ query: PostgresQuery) throws {
        try finish()
        pending = try session.send(query)
    }

    /// Waits for the statement sent last; its error, if it failed.
    mutating func finish() throws {
        guard let sent = pending else { return }
        pending = nil
        _ = try sent.wait()
    }
}
