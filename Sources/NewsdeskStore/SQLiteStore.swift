import GRDB
import NewsdeskCore

/// The embedded store: one SQLite file through GRDB, in WAL mode (readers
/// never wait for the writer), with named migrations and FTS5 over titles
/// and bodies. Every statement takes its values as arguments.
public final class SQLiteStore: NewsStore {
    let pool: DatabasePool

    /// How much of the database file reads may map.
    static let mappedBytes = 1 << 30

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // In WAL mode, NORMAL loses no committed transaction when the process dies (only, at worst, the
        // last ones on a power cut), and spares a disk flush per article.
        // Reads map the file rather than copy pages into each connection's cache: the reader's searches
        // walk much of the full-text index.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw NewsdeskError(.unreadable, "cannot open the database \(path): \(error)")
        }
    }

    /// The journal mode SQLite reports ("wal").
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Migrations in order; each runs once, by name.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 sources, articles, revisions, stories") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sources (
                        id INTEGER PRIMARY KEY,
                        feed_url TEXT NOT NULL UNIQUE,
                        title TEXT,
                        site_url TEXT,
                        folder TEXT,
                        added_at INTEGER NOT NULL,
                        etag TEXT,
                        last_modified TEXT,
                        last_success_at INTEGER,
                        last_error_at INTEGER,
                        last_error TEXT,
                        next_poll_at INTEGER NOT NULL DEFAULT 0,
                        failures INTEGER NOT NULL DEFAULT 0,
                        items_seen INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE stories (
                        id INTEGER PRIMARY KEY,
                        headline TEXT NOT NULL,
                        first_article_id INTEGER,
                        first_at INTEGER NOT NULL,
                        last_at INTEGER NOT NULL,
                        article_count INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE articles (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL UNIQUE,
                        guid TEXT,
                        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
                        title TEXT NOT NULL,
                        byline TEXT,
                        published_at INTEGER,
                        fetched_at INTEGER NOT NULL,
                        language TEXT,
                        site_name TEXT,
                        image TEXT,
                        text TEXT NOT NULL,
                        html TEXT NOT NULL,
                        from_feed INTEGER NOT NULL,
                        findings TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        revision INTEGER NOT NULL DEFAULT 1,
                        story_id INTEGER REFERENCES stories(id),
                        story_score REAL,
                        story_shared TEXT,
                        copy_of INTEGER REFERENCES articles(id)
                    );
                    CREATE UNIQUE INDEX articles_source_guid ON articles(source_id, guid) WHERE guid IS NOT NULL;
                    CREATE INDEX articles_story ON articles(story_id);
                    CREATE INDEX articles_published ON articles(published_at);
                    CREATE INDEX stories_last ON stories(last_at);
                    CREATE TABLE revisions (
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        revision INTEGER NOT NULL,
                        title TEXT NOT NULL,
                        text TEXT NOT NULL,
                        replaced_at INTEGER NOT NULL,
                        PRIMARY KEY (article_id, revision)
                    );
                    CREATE VIRTUAL TABLE articles_fts USING fts5(
                        title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
                    END;
                    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                        INSERT INTO articles_fts(articles_fts, rowid, title, text)
                            VALUES ('delete', old.id, old.title, old.text);
                    END;
                    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
                        INSERT INTO articles_fts(articles_fts, rowid, title, text)
                            VALUES ('delete', old.id, old.title, old.text);
                        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
                    END;
                    """)
        }
        migrator.registerMigration("v2 feed entry keys") { db in
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN entry_key TEXT")
        }
        migrator.registerMigration("v3 reader: story outlets and findings, generation") { db in
            var triggers = ""
            for table in ["articles", "stories", "sources"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    triggers += """
                        CREATE TRIGGER \(table)_generation_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                            UPDATE meta SET value = value + 1 WHERE key = 'generation';
                        END;

                        """
                }
            }
            try db.execute(
                sql: """
                    ALTER TABLE stories ADD COLUMN outlet_count INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE stories ADD COLUMN flagged_count INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE stories ADD COLUMN headline_score REAL NOT NULL DEFAULT 0;
                    UPDATE stories SET
                        outlet_count = (SELECT COUNT(DISTINCT COALESCE(a.source_id, a.site_name, a.url))
                            FROM articles a WHERE a.story_id = stories.id),
                        flagged_count = (SELECT COUNT(*) FROM articles a WHERE a.story_id = stories.id
                            AND a.findings <> '[]');
                    CREATE INDEX articles_source_fetched ON articles(source_id, fetched_at);
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                    INSERT INTO meta (key, value) VALUES ('generation', 0);
                    """ + triggers)
        }
        registerAccountMigrations(&migrator)
        return migrator
    }

    // MARK: Sources

    public func addSource(feedURL: String, title: String?, siteURL: String?, folder: String?, at time: Int) throws
        -> SourceRecord
    {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sources (feed_url, title, site_url, folder, added_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(feed_url) DO NOTHING
                    """,
                arguments: [feedURL, title, siteURL, folder, time])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sources WHERE feed_url = ?", arguments: [feedURL])
            else { throw NewsdeskError(.unreadable, "the source \(feedURL) was not stored") }
            return Self.source(row)
        }
    }

    public func removeSource(feedURL: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sources WHERE feed_url = ?", arguments: [feedURL])
            return db.changesCount > 0
        }
    }

    public func sources() throws -> [SourceRecord] {
        try pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM sources ORDER BY id")).map(Self.source)
        }
    }

    public func dueSources(at time: Int) throws -> [SourceRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sources WHERE next_poll_at <= ? ORDER BY next_poll_at, id", arguments: [time]
            ).map(Self.source)
        }
    }

    public func recordPollSuccess(
        sourceID: Int64, etag: String?, lastModified: String?, newItems: Int, nextPollAt: Int, at time: Int
    ) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE sources SET etag = ?, last_modified = ?, last_success_at = ?, failures = 0,
                        items_seen = items_seen + ?, next_poll_at = ? WHERE id = ?
                    """,
                arguments: [etag, lastModified, time, newItems, nextPollAt, sourceID])
        }
    }

    public func recordPollFailure(sourceID: Int64, message: String, nextPollAt: Int, at time: Int) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE sources SET last_error_at = ?, last_error = ?, failures = failures + 1, next_poll_at = ?
                    WHERE id = ?
                    """,
                arguments: [time, message, nextPollAt, sourceID])
        }
    }

    static func source(_ row: Row) -> SourceRecord {
        SourceRecord(
            id: row["id"], feedURL: row["feed_url"], title: row["title"], siteURL: row["site_url"],
            folder: row["folder"], addedAt: row["added_at"], etag: row["etag"], lastModified: row["last_modified"],
            lastSuccessAt: row["last_success_at"], lastErrorAt: row["last_error_at"], lastError: row["last_error"],
            nextPollAt: row["next_poll_at"], failures: row["failures"], itemsSeen: row["items_seen"])
    }

    // MARK: Articles

    public func store(
        _ article: ArticleInput, at time: Int, story choose: (_ articleID: Int64) throws -> StoryChoice?
    ) throws -> (article: StoredArticle, storyID: Int64?) {
        let hash = String(ContentHash.of(title: article.title, text: article.text), radix: 16)
        return try pool.write { db in
            var existing = try Row.fetchOne(
                db, sql: "SELECT id, content_hash, revision, title, text, entry_key FROM articles WHERE url = ?",
                arguments: [article.url])
            if existing == nil, let guid = article.guid, let source = article.sourceID {
                existing = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, content_hash, revision, title, text, entry_key FROM articles
                        WHERE source_id = ? AND guid = ?
                        """,
                    arguments: [source, guid])
            }
            guard let existing else {
                try db.execute(
                    sql: """
                        INSERT INTO articles (url, guid, source_id, title, byline, published_at, fetched_at, language,
                            site_name, image, text, html, from_feed, findings, content_hash, entry_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        article.url, article.guid, article.sourceID, article.title, article.byline,
                        article.publishedAt, article.fetchedAt, article.language, article.siteName, article.image,
                        article.text, article.html, article.fromFeed, article.findings, hash, article.entryKey,
                    ])
                let id = db.lastInsertedRowID
                guard let choice = try choose(id) else { return (.inserted(id: id), nil) }
                let membership: MembershipRecord
                switch choice {
                case .join(let chosen):
                    membership = chosen
                case .open(let score):
                    try db.execute(
                        sql: "INSERT INTO stories (headline, first_article_id, first_at, last_at) VALUES (?, ?, ?, ?)",
                        arguments: [article.title, id, article.publishedAt ?? time, article.publishedAt ?? time])
                    membership = MembershipRecord(storyID: db.lastInsertedRowID, score: score, sharedTerms: [])
                }
                try Self.place(article: id, in: membership, at: article.publishedAt ?? time, db)
                return (.inserted(id: id), membership.storyID)
            }
            let id: Int64 = existing["id"]
            let storedHash: String = existing["content_hash"]
            guard storedHash != hash else {
                if let key = article.entryKey, key != existing["entry_key"] as String? {
                    try db.execute(sql: "UPDATE articles SET entry_key = ? WHERE id = ?", arguments: [key, id])
                }
                return (.unchanged(id: id), nil)
            }
            let revision: Int = existing["revision"]
            try db.execute(
                sql: "INSERT INTO revisions (article_id, revision, title, text, replaced_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, revision, existing["title"] as String, existing["text"] as String, time])
            try db.execute(
                sql: """
                    UPDATE articles SET title = ?, byline = ?, published_at = COALESCE(?, published_at),
                        fetched_at = ?, language = ?, site_name = ?, image = ?, text = ?, html = ?, from_feed = ?,
                        findings = ?, content_hash = ?, revision = ?, entry_key = COALESCE(?, entry_key) WHERE id = ?
                    """,
                arguments: [
                    article.title, article.byline, article.publishedAt, article.fetchedAt, article.language,
                    article.siteName, article.image, article.text, article.html, article.fromFeed, article.findings,
                    hash, revision + 1, article.entryKey, id,
                ])
            if let story = try Int64.fetchOne(db, sql: "SELECT story_id FROM articles WHERE id = ?", arguments: [id]) {
                try Self.refresh(story: story, lastAt: nil, db)
            }
            return (.revised(id: id, revision: revision + 1), nil)
        }
    }

    public func revisions(ofArticle id: Int64) throws -> [RevisionRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM revisions WHERE article_id = ? ORDER BY revision", arguments: [id]
            ).map { row in
                RevisionRecord(
                    revision: row["revision"], title: row["title"], text: row["text"], replacedAt: row["replaced_at"])
            }
        }
    }

    public func knownArticle(url: String, sourceID: Int64?, guid: String?) throws -> KnownArticle? {
        try pool.read { db in
            var row = try Row.fetchOne(db, sql: "SELECT id, entry_key FROM articles WHERE url = ?", arguments: [url])
            if row == nil, let sourceID, let guid {
                row = try Row.fetchOne(
                    db, sql: "SELECT id, entry_key FROM articles WHERE source_id = ? AND guid = ?",
                    arguments: [sourceID, guid])
            }
            return row.map { KnownArticle(id: $0["id"], entryKey: $0["entry_key"]) }
        }
    }

    public func recentArticles(since time: Int) throws -> [StoredSummary] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.title, a.text, COALESCE(s.title, a.site_name) AS outlet,
                        COALESCE(a.published_at, a.fetched_at) AS time, a.story_id
                    FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                    WHERE COALESCE(a.published_at, a.fetched_at) >= ? ORDER BY time, a.id
                    """,
                arguments: [time]
            ).map { row in
                StoredSummary(
                    id: row["id"], title: row["title"], text: row["text"], outlet: row["outlet"], time: row["time"],
                    storyID: row["story_id"])
            }
        }
    }

    public func articleCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") ?? 0 }
    }

    // MARK: Stories

    public func openStory(headline: String, firstArticle: Int64, at time: Int) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO stories (headline, first_article_id, first_at, last_at) VALUES (?, ?, ?, ?)",
                arguments: [headline, firstArticle, time, time])
            return db.lastInsertedRowID
        }
    }

    public func place(article: Int64, in membership: MembershipRecord, at time: Int) throws {
        try pool.write { db in try Self.place(article: article, in: membership, at: time, db) }
    }

    private static func place(article: Int64, in membership: MembershipRecord, at time: Int, _ db: Database) throws {
        let shared = membership.sharedTerms.joined(separator: "\t")
        let previous = try Int64.fetchOne(
            db, sql: "SELECT story_id FROM articles WHERE id = ?", arguments: [article])
        try db.execute(
            sql: "UPDATE articles SET story_id = ?, story_score = ?, story_shared = ?, copy_of = ? WHERE id = ?",
            arguments: [membership.storyID, membership.score, shared, membership.copyOf, article])
        for story in Set([previous, membership.storyID].compactMap { $0 }) {
            try refresh(story: story, lastAt: time, db)
        }
        // The story's headline is its most representative report's: the one that joined it with the
        // highest similarity (a copy says nothing new, and is left out).
        if membership.copyOf == nil {
            try db.execute(
                sql: """
                    UPDATE stories SET headline = (SELECT title FROM articles WHERE id = ?), headline_score = ?
                    WHERE id = ? AND headline_score < ?
                    """,
                arguments: [article, membership.score, membership.storyID, membership.score])
        }
    }

    /// Brings a story's counts up to date with its reports, and its last report time up to `lastAt`.
    private static func refresh(story: Int64, lastAt: Int?, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE stories SET article_count = (SELECT COUNT(*) FROM articles WHERE story_id = ?1),
                    outlet_count = (SELECT COUNT(DISTINCT COALESCE(source_id, site_name, url)) FROM articles
                        WHERE story_id = ?1),
                    flagged_count = (SELECT COUNT(*) FROM articles WHERE story_id = ?1 AND findings <> '[]'),
                    last_at = MAX(last_at, COALESCE(?2, last_at)) WHERE id = ?1
                """,
            arguments: [story, lastAt])
    }

    public func membership(ofArticle id: Int64) throws -> MembershipRecord? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT story_id, story_score, story_shared, copy_of FROM articles WHERE id = ?",
                    arguments: [id]),
                let story: Int64 = row["story_id"]
            else { return nil }
            let shared: String = row["story_shared"] ?? ""
            return MembershipRecord(
                storyID: story, score: row["story_score"] ?? 0,
                sharedTerms: shared.isEmpty ? [] : shared.split(separator: "\t").map(String.init),
                copyOf: row["copy_of"])
        }
    }

    public func stories(since time: Int, order: StoryOrder, limit: Int) throws -> [StorySummary] {
        let columns = "id, headline, first_at, last_at, article_count, flagged_count, first_article_id"
        return try pool.read { db in
            let rows: [Row]
            switch order {
            case .mostReported:
                rows = try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT \(columns) FROM stories WHERE last_at >= ? AND article_count > 0
                            ORDER BY article_count DESC, last_at DESC, id LIMIT ?
                            """),
                    arguments: [time, limit])
            case .rank(let now):
                rows = try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT \(columns) FROM stories WHERE last_at >= ? AND article_count > 0
                            ORDER BY outlet_count - (? - last_at) / 43200.0 DESC, last_at DESC, id DESC LIMIT ?
                            """),
                    arguments: [time, now, limit])
            case .recent(let cursor):
                rows = try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT \(columns) FROM stories WHERE last_at >= ? AND article_count > 0
                                AND (last_at < ? OR (last_at = ? AND id < ?))
                            ORDER BY last_at DESC, id DESC LIMIT ?
                            """),
                    arguments: [
                        time, cursor?.lastAt ?? Int.max, cursor?.lastAt ?? Int.max, cursor?.id ?? Int64.max, limit,
                    ])
            }
            return try rows.map { row in try Self.summary(row, db) }
        }
    }

    public func story(_ id: Int64) throws -> StorySummary? {
        try pool.read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id, headline, first_at, last_at, article_count, flagged_count, first_article_id
                        FROM stories WHERE id = ?
                        """),
                arguments: [id]
            ).map { try Self.summary($0, db) }
        }
    }

    static func summary(_ row: Row, _ db: Database) throws -> StorySummary {
        let id: Int64 = row["id"]
        let outlets = try String.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT outlet FROM (
                        SELECT COALESCE(s.title, a.site_name) AS outlet, MIN(COALESCE(a.published_at, a.fetched_at)) AS t
                        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                        WHERE a.story_id = ? AND COALESCE(s.title, a.site_name) IS NOT NULL GROUP BY outlet)
                    ORDER BY t, outlet
                    """),
            arguments: [id])
        let first: Int64? = row["first_article_id"]
        let lead =
            try first.flatMap {
                try String.fetchOne(
                    db.cachedStatement(sql: "SELECT substr(text, 1, 400) FROM articles WHERE id = ?"), arguments: [$0])
            } ?? ""
        return StorySummary(
            id: id, headline: row["headline"], firstAt: row["first_at"], lastAt: row["last_at"],
            articleCount: row["article_count"], outlets: outlets, flaggedCount: row["flagged_count"],
            firstArticleID: first, lead: lead)
    }

    public func reports(ofStory id: Int64) throws -> [StoryReport] {
        try pool.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.id, a.title, COALESCE(s.title, a.site_name) AS outlet, a.url,
                            COALESCE(a.published_at, a.fetched_at) AS time, a.story_score, a.story_shared, a.copy_of,
                            a.revision, a.from_feed
                        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                        WHERE a.story_id = ? ORDER BY time, a.id
                        """),
                arguments: [id]
            ).map { row in
                let shared: String = row["story_shared"] ?? ""
                return StoryReport(
                    articleID: row["id"], title: row["title"], outlet: row["outlet"], url: row["url"],
                    time: row["time"], score: row["story_score"] ?? 0,
                    sharedTerms: shared.isEmpty ? [] : shared.split(separator: "\t").map(String.init),
                    copyOf: row["copy_of"], revision: row["revision"], fromFeed: row["from_feed"])
            }
        }
    }

    // MARK: Search

    /// How many of the most recent matches a search without filters ranks by relevance.
    static let searchDepth = 1_000

    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let terms = FullTextQuery.terms(query.text)
        let match = FullTextQuery.fts5(terms)
        guard !match.isEmpty else { return [] }
        var filters = ""
        var filterArguments: StatementArguments = []
        if let outlet = query.outlet {
            filters += " AND COALESCE(s.title, a.site_name) = ?"
            _ = filterArguments.append(contentsOf: [outlet])
        }
        if let from = query.from {
            filters += " AND COALESCE(a.published_at, a.fetched_at) >= ?"
            _ = filterArguments.append(contentsOf: [from])
        }
        if let to = query.to {
            filters += " AND COALESCE(a.published_at, a.fetched_at) < ?"
            _ = filterArguments.append(contentsOf: [to])
        }
        return try pool.read { db in
            // News is searched for what is recent: without filters, only the most recent matches (FTS5
            // walks them by row id, newest first, without scoring) are ranked by relevance, so a word
            // in 40,000 articles costs little more than a rare one.
            var oldest: Int64 = 0
            if filters.isEmpty {
                oldest =
                    try Int64.fetchOne(
                        db.cachedStatement(
                            sql: """
                                SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC
                                LIMIT 1 OFFSET ?
                                """),
                        arguments: [match, Self.searchDepth - 1]) ?? 0
            }
            // The page's hits first, ranked on the index alone when nothing else filters them; then
            // their rows, and snippets cut from their texts.
            var arguments: StatementArguments = [match, oldest]
            _ = arguments.append(contentsOf: filterArguments)
            _ = arguments.append(contentsOf: [query.limit, query.offset])
            let ranked = try Int64.fetchAll(
                db.cachedStatement(
                    sql: filters.isEmpty
                        ? """
                        SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ?
                        ORDER BY bm25(articles_fts, 4.0, 1.0), rowid LIMIT ? OFFSET ?
                        """
                        : """
                        SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                            LEFT JOIN sources s ON s.id = a.source_id
                        WHERE articles_fts MATCH ? AND articles_fts.rowid >= ?\(filters)
                        ORDER BY bm25(articles_fts, 4.0, 1.0), a.id LIMIT ? OFFSET ?
                        """),
                arguments: arguments)
            guard !ranked.isEmpty else { return [] }
            var hits: [Int64: SearchHit] = [:]
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.id, a.title, a.story_id, a.text, COALESCE(s.title, a.site_name) AS outlet,
                            COALESCE(a.published_at, a.fetched_at) AS time, st.headline, st.article_count
                        FROM articles a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN stories st ON st.id = a.story_id
                        WHERE a.id IN (\(ranked.map { _ in "?" }.joined(separator: ", ")))
                        """),
                arguments: StatementArguments(ranked))
            {
                let id: Int64 = row["id"]
                hits[id] = SearchHit(
                    articleID: id, title: row["title"], snippet: SearchSnippet.make(row["text"], terms: terms),
                    storyID: row["story_id"], outlet: row["outlet"], time: row["time"], storyHeadline: row["headline"],
                    storyReports: row["article_count"] ?? 0)
            }
            return ranked.compactMap { hits[$0] }
        }
    }

    // MARK: Reader

    public func article(_ id: Int64) throws -> ArticleRecord? {
        try pool.read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT a.*, COALESCE(s.title, a.site_name) AS outlet
                        FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?
                        """),
                arguments: [id]
            ).map { row in
                ArticleRecord(
                    id: row["id"], url: row["url"], sourceID: row["source_id"], title: row["title"],
                    byline: row["byline"], publishedAt: row["published_at"], fetchedAt: row["fetched_at"],
                    language: row["language"], outlet: row["outlet"], image: row["image"], text: row["text"],
                    html: row["html"], fromFeed: row["from_feed"], findings: row["findings"], revision: row["revision"],
                    storyID: row["story_id"], copyOf: row["copy_of"])
            }
        }
    }

    public func articleCounts(since time: Int) throws -> [Int64: Int] {
        try pool.read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT source_id, COUNT(*) AS n FROM articles WHERE source_id IS NOT NULL AND fetched_at >= ?
                        GROUP BY source_id
                        """),
                arguments: [time])
            {
                counts[row["source_id"]] = row["n"]
            }
            return counts
        }
    }

    public func generation() throws -> Int {
        // One statement reads one row: it needs no transaction of its own, and every page served from the
        // cache asks this first.
        try pool.unsafeRead { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'generation'")) ?? 0
        }
    }
}

/// The search box's words as an FTS5 query that cannot be a syntax error:
/// "quoted phrases" stay phrases, a trailing * makes a prefix, everything
/// else is a plain term; all must match.
package enum FullTextQuery {
    /// One thing the search asks for: a word, a word's beginning, or words one after another.
    package struct Term: Equatable, Sendable {
        package var words: [String]
        package var isPrefix = false
    }

    static func fts5(_ terms: [Term]) -> String {
        terms.map { term in
            let quoted = "\"" + term.words.joined(separator: " ") + "\""
            return term.isPrefix ? quoted + "*" : quoted
        }.joined(separator: " ")
    }

    package static func terms(_ input: String) -> [Term] {
        var terms: [Term] = []
        var rest = Substring(input)
        while let quote = rest.firstIndex(of: "\"") {
            terms += words(rest[..<quote]).map(term)
            let after = rest[rest.index(after: quote)...]
            let end = after.firstIndex(of: "\"") ?? after.endIndex
            let phrase = words(after[..<end]).map { $0.hasSuffix("*") ? String($0.dropLast()) : $0 }
            if !phrase.isEmpty { terms.append(Term(words: phrase)) }
            rest = end < after.endIndex ? after[after.index(after: end)...] : ""
        }
        return terms + words(rest).map(term)
    }

    private static func term(_ word: String) -> Term {
        word.hasSuffix("*") && word.count > 1
            ? Term(words: [String(word.dropLast())], isPrefix: true) : Term(words: [word])
    }

    /// Letters, digits and a trailing star; everything else separates words.
    private static func words(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "*" && !current.isEmpty {
                words.append(current + "*")
                current = ""
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// A stable fingerprint of an article's headline and text, to notice revisions.
package enum ContentHash {
    package static func of(title: String, text: String) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in title.utf8 {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        value = (value ^ 0x1F) &* 0x0000_0100_0000_01B3
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return value
    }
}
