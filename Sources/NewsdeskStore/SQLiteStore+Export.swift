import Foundation
import GRDB
import NewsdeskCore

extension SQLiteStore {
    /// Opens a desk that must already exist, to copy it elsewhere: the file must be a SQLite database
    /// that newsdesk made. A newer newsdesk's is refused; an older one's schema is brought up to date,
    /// as every command does. Never creates a file, and never adds tables to another program's database.
    public convenience init(existingDesk path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw NewsdeskError(.notFound, "\(path) does not exist")
        }
        guard !isDirectory.boolValue else {
            throw NewsdeskError(.isDirectory, "\(path) is a directory, not a newsdesk database")
        }
        try Self.checkIsDesk(path)
        try self.init(path: path)
    }

    private static func checkIsDesk(_ path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let applied: Set<String>
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw NewsdeskError(.unparseable, "\(path) is not a SQLite database")
        } catch {
            throw NewsdeskError(.unreadable, "cannot open the database \(path): \(error)")
        }
        let known = migrator.migrations
        guard let first = known.first, applied.contains(first) else {
            throw NewsdeskError(
                .unparseable, "\(path) is a SQLite database, but not a newsdesk one (no newsdesk tables)")
        }
        if let unknown = applied.sorted().first(where: { !known.contains($0) }) {
            throw NewsdeskError(
                .unreadable, "\(path) was made by a newer newsdesk (migration “\(unknown)”); upgrade newsdesk")
        }
    }

    /// Runs `body` on the desk as it is at this moment: every read goes through one read transaction, so
    /// what is written meanwhile (by a `serve` still running) is not seen, and a copy is consistent.
    public func withSnapshot<T>(_ body: (DeskSnapshot) throws -> T) throws -> T {
        let path = pool.path
        do {
            return try pool.read { db in try body(DeskSnapshot(db: db, path: path)) }
        } catch let error as DatabaseError {
            throw NewsdeskError(.unreadable, "cannot read the database \(path): \(error)")
        }
    }
}

/// A whole desk read at one moment (see `SQLiteStore.withSnapshot`), row by row in id order, handed over
/// in batches so that a desk of any size is copied in little memory. Only valid inside that closure.
public struct DeskSnapshot {
    let db: Database
    let path: String

    /// How many rows of each kind the desk holds.
    public func counts() throws -> DeskCounts {
        try reading {
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM articles),
                        (SELECT COUNT(*) FROM revisions), (SELECT COUNT(*) FROM stories),
                        (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM article_states)
                    """)
            guard let row else { return DeskCounts() }
            return DeskCounts(
                sources: try row.decode(atIndex: 0), articles: try row.decode(atIndex: 1),
                revisions: try row.decode(atIndex: 2), stories: try row.decode(atIndex: 3),
                users: try row.decode(atIndex: 4), readStates: try row.decode(atIndex: 5))
        }
    }

    /// Every source, with its polling state and health.
    public func sources(batchSize: Int, _ body: ([SourceRecord]) throws -> Void) throws {
        try batches("SELECT * FROM sources ORDER BY id", batchSize: batchSize, body, SQLiteStore.source)
    }

    /// Every story, with its counts and headline score.
    public func stories(batchSize: Int, _ body: ([ExportedStory]) throws -> Void) throws {
        try batches(
            """
            SELECT id, headline, first_article_id, first_at, last_at, article_count, outlet_count, flagged_count,
                headline_score
            FROM stories ORDER BY id
            """, batchSize: batchSize, body
        ) { row in
            ExportedStory(
                id: try row.decode(atIndex: 0), headline: try row.decode(atIndex: 1),
                firstArticleID: try row.decode(atIndex: 2), firstAt: try row.decode(atIndex: 3),
                lastAt: try row.decode(atIndex: 4), articleCount: try row.decode(atIndex: 5),
                outletCount: try row.decode(atIndex: 6), flaggedCount: try row.decode(atIndex: 7),
                headlineScore: try row.decode(atIndex: 8))
        }
    }

    /// Every article, every column.
    public func articles(batchSize: Int, _ body: ([ExportedArticle]) throws -> Void) throws {
        try batches(
            """
            SELECT id, url, guid, source_id, title, byline, published_at, fetched_at, language, site_name, image,
                text, html, from_feed, findings, content_hash, revision, story_id, story_score, story_shared,
                copy_of, entry_key
            FROM articles ORDER BY id
            """, batchSize: batchSize, body
        ) { row in
            ExportedArticle(
                id: try row.decode(atIndex: 0), url: try row.decode(atIndex: 1), guid: try row.decode(atIndex: 2),
                sourceID: try row.decode(atIndex: 3), title: try row.decode(atIndex: 4),
                byline: try row.decode(atIndex: 5), publishedAt: try row.decode(atIndex: 6),
                fetchedAt: try row.decode(atIndex: 7), language: try row.decode(atIndex: 8),
                siteName: try row.decode(atIndex: 9), image: try row.decode(atIndex: 10),
                text: try row.decode(atIndex: 11), html: try row.decode(atIndex: 12),
                fromFeed: try row.decode(atIndex: 13), findings: try row.decode(atIndex: 14),
                contentHash: try row.decode(atIndex: 15), revision: try row.decode(atIndex: 16),
                storyID: try row.decode(atIndex: 17), storyScore: try row.decode(atIndex: 18),
                storyShared: try row.decode(atIndex: 19), copyOf: try row.decode(atIndex: 20),
                entryKey: try row.decode(atIndex: 21))
        }
    }

    /// Every revision, by article and revision number.
    public func revisions(batchSize: Int, _ body: ([ExportedRevision]) throws -> Void) throws {
        try batches(
            "SELECT article_id, revision, title, text, replaced_at FROM revisions ORDER BY article_id, revision",
            batchSize: batchSize, body
        ) { row in
            ExportedRevision(
                articleID: try row.decode(atIndex: 0), revision: try row.decode(atIndex: 1),
                title: try row.decode(atIndex: 2), text: try row.decode(atIndex: 3),
                replacedAt: try row.decode(atIndex: 4))
        }
    }

    /// Every user, with their password hash and watermark.
    public func users(batchSize: Int, _ body: ([UserRecord]) throws -> Void) throws {
        try batches("SELECT * FROM users ORDER BY id", batchSize: batchSize, body, SQLiteStore.user)
    }

    /// Every secret's digest, those made from another after it.
    public func credentials(batchSize: Int, _ body: ([ExportedCredential]) throws -> Void) throws {
        try batches(
            """
            SELECT id, user_id, kind, digest, parent_id, created_at, expires_at, last_used_at
            FROM credentials ORDER BY id
            """, batchSize: batchSize, body
        ) { row in
            ExportedCredential(
                id: try row.decode(atIndex: 0), userID: try row.decode(atIndex: 1), kind: try row.decode(atIndex: 2),
                digest: try row.decode(atIndex: 3), parentID: try row.decode(atIndex: 4),
                createdAt: try row.decode(atIndex: 5), expiresAt: try row.decode(atIndex: 6),
                lastUsedAt: try row.decode(atIndex: 7))
        }
    }

    /// Every user's article states.
    public func states(batchSize: Int, _ body: ([ExportedState]) throws -> Void) throws {
        try batches(
            "SELECT user_id, article_id, read, starred, starred_at FROM article_states ORDER BY user_id, article_id",
            batchSize: batchSize, body
        ) { row in
            ExportedState(
                userID: try row.decode(atIndex: 0), articleID: try row.decode(atIndex: 1),
                read: try row.decode(atIndex: 2), starred: try row.decode(atIndex: 3),
                starredAt: try row.decode(atIndex: 4))
        }
    }

    /// Every user's labels on articles.
    public func labels(batchSize: Int, _ body: ([ExportedLabel]) throws -> Void) throws {
        try batches(
            "SELECT user_id, label, article_id FROM article_labels ORDER BY user_id, label, article_id",
            batchSize: batchSize, body
        ) { row in
            ExportedLabel(
                userID: try row.decode(atIndex: 0), label: try row.decode(atIndex: 1),
                articleID: try row.decode(atIndex: 2))
        }
    }

    /// Every saved search.
    public func savedSearches(batchSize: Int, _ body: ([ExportedSavedSearch]) throws -> Void) throws {
        try batches(
            "SELECT id, user_id, name, query, created_at FROM saved_searches ORDER BY id", batchSize: batchSize, body
        ) { row in
            ExportedSavedSearch(
                userID: try row.decode(atIndex: 1),
                search: SavedSearch(
                    id: try row.decode(atIndex: 0), name: try row.decode(atIndex: 2), query: try row.decode(atIndex: 3),
                    createdAt: try row.decode(atIndex: 4)))
        }
    }

    /// Walks one statement's rows, handing `body` at most `batchSize` at a time. The database's errors
    /// are named as such; `body`'s pass through unchanged.
    private func batches<Value>(
        _ sql: String, batchSize: Int, _ body: ([Value]) throws -> Void, _ make: (Row) throws -> Value
    ) throws {
        let size = max(1, batchSize)
        let cursor = try reading { try Row.fetchCursor(db, sql: sql) }
        var batch: [Value] = []
        batch.reserveCapacity(size)
        while let value = try reading({ try cursor.next().map(make) }) {
            batch.append(value)
            if batch.count == size {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    private func reading<T>(_ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch {
            throw NewsdeskError(.unreadable, "cannot read the database \(path): \(error)")
        }
    }
}
