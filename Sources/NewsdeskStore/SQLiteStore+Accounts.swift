import GRDB
import NewsdeskCore

/// Users, their secrets' digests and their read state in the embedded store. An article's state is a
/// row only where it differs from the user's watermark (read up to `read_through`, unread after it) or
/// is starred: marking everything read moves the watermark and drops rows instead of writing one per
/// article.
extension SQLiteStore: AccountStore {
    static func registerAccountMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4 users, credentials, read state, saved searches") { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        password_hash TEXT NOT NULL,
                        is_admin INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        read_through INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE credentials (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        digest TEXT NOT NULL UNIQUE,
                        parent_id INTEGER REFERENCES credentials(id) ON DELETE CASCADE,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER,
                        last_used_at INTEGER
                    );
                    CREATE INDEX credentials_user ON credentials(user_id, kind);
                    CREATE INDEX credentials_parent ON credentials(parent_id);
                    CREATE TABLE article_states (
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        article_id INTEGER NOT NULL,
                        read INTEGER,
                        starred INTEGER NOT NULL DEFAULT 0,
                        starred_at INTEGER,
                        PRIMARY KEY (user_id, article_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_states_starred ON article_states(user_id, article_id) WHERE starred = 1;
                    CREATE TABLE article_labels (
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        label TEXT NOT NULL,
                        article_id INTEGER NOT NULL,
                        PRIMARY KEY (user_id, label, article_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_labels_article ON article_labels(user_id, article_id);
                    CREATE TABLE saved_searches (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        query TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        UNIQUE (user_id, name)
                    );
                    CREATE INDEX articles_story_id ON articles(story_id, id);
                    """)
        }
    }

    // MARK: Users

    public func addUser(name: String, passwordHash: String, isAdmin: Bool, at time: Int) throws -> UserRecord {
        try pool.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [name]) == nil else {
                throw NewsdeskError(.unsupported, "there is already a user named \(name)")
            }
            try db.execute(
                sql: "INSERT INTO users (name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, passwordHash, isAdmin, time])
            return UserRecord(
                id: db.lastInsertedRowID, name: name, isAdmin: isAdmin, createdAt: time, passwordHash: passwordHash,
                readThrough: 0)
        }
    }

    public func users() throws -> [UserRecord] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map(Self.user) }
    }

    public func user(named name: String) throws -> UserRecord? {
        try pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE name = ?"), arguments: [name])
                .map(Self.user)
        }
    }

    public func user(id: Int64) throws -> UserRecord? {
        try pool.read { db in try Self.user(id: id, db) }
    }

    static func user(id: Int64, _ db: Database) throws -> UserRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id]).map(Self.user)
    }

    static func user(_ row: Row) -> UserRecord {
        UserRecord(
            id: row["id"], name: row["name"], isAdmin: row["is_admin"], createdAt: row["created_at"],
            passwordHash: row["password_hash"], readThrough: row["read_through"])
    }

    public func removeUser(named name: String) throws -> Bool {
        try pool.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE name = ?", arguments: [name]) else {
                return false
            }
            // Article states and labels name articles without a foreign key (articles outlive them).
            try db.execute(sql: "DELETE FROM article_states WHERE user_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM article_labels WHERE user_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
            return true
        }
    }

    public func setPasswordHash(named name: String, hash: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE name = ?", arguments: [hash, name])
            guard db.changesCount > 0 else { return false }
            try db.execute(
                sql: """
                    DELETE FROM credentials WHERE kind = 'session' AND user_id = (SELECT id FROM users WHERE name = ?)
                    """, arguments: [name])
            return true
        }
    }

    public func userCount() throws -> Int {
        try pool.unsafeRead { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM users")) ?? 0 }
    }

    // MARK: Credentials

    public func addCredential(
        userID: Int64, kind: CredentialKind, digest: String, parent: Int64?, expiresAt: Int?, at time: Int
    ) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO credentials (user_id, kind, digest, parent_id, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [userID, kind.rawValue, digest, parent, time, expiresAt])
            return db.lastInsertedRowID
        }
    }

    public func credential(digest: String, kind: CredentialKind, at time: Int) throws -> (id: Int64, user: UserRecord)?
    {
        let found = try pool.read { db -> (Int64, UserRecord, Int?)? in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT c.id AS credential_id, c.last_used_at, u.* FROM credentials c
                            JOIN users u ON u.id = c.user_id
                            WHERE c.digest = ? AND c.kind = ? AND (c.expires_at IS NULL OR c.expires_at > ?)
                            """),
                    arguments: [digest, kind.rawValue, time])
            else { return nil }
            return (row["credential_id"], Self.user(row), row["last_used_at"])
        }
        guard let (id, user, lastUsed) = found else { return nil }
        // When it was last used, to the minute: a write only once a minute per credential.
        if lastUsed.map({ $0 < time - 60 }) ?? true {
            try pool.write { db in
                try db.execute(sql: "UPDATE credentials SET last_used_at = ? WHERE id = ?", arguments: [time, id])
            }
        }
        return (id, user)
    }

    public func removeCredentials(userID: Int64, kind: CredentialKind) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM credentials WHERE user_id = ? AND kind = ?", arguments: [userID, kind.rawValue])
            return db.changesCount
        }
    }

    public func removeCredential(digest: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM credentials WHERE digest = ?", arguments: [digest])
        }
    }

    // MARK: Read state

    public func itemStates(userID: Int64, articles: [Int64]) throws -> [Int64: ItemState] {
        guard !articles.isEmpty else { return [:] }
        return try pool.read { db in
            guard let user = try Self.user(id: userID, db) else { return [:] }
            return try Self.itemStates(user: user, articles: articles, db)
        }
    }

    static func itemStates(user: UserRecord, articles: [Int64], _ db: Database) throws -> [Int64: ItemState] {
        var states: [Int64: ItemState] = [:]
        for id in articles { states[id] = ItemState(read: id <= user.readThrough, starred: false) }
        for chunk in chunks(articles) {
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT article_id, read, starred FROM article_states
                        WHERE user_id = ? AND article_id IN (\(marks(chunk.count)))
                        """), arguments: arguments([user.id], chunk))
            {
                let id: Int64 = row["article_id"]
                let read: Bool? = row["read"]
                states[id] = ItemState(read: read ?? (id <= user.readThrough), starred: row["starred"])
            }
        }
        return states
    }

    public func pageState(userID: Int64, stories: [Int64], articles: [Int64]) throws -> PageState {
        try pool.read { db in
            guard let user = try Self.user(id: userID, db) else {
                return PageState(unreadReports: [:], articles: [:], newest: 0)
            }
            return PageState(
                unreadReports: stories.isEmpty ? [:] : try Self.unreadReports(user: user, stories: stories, db),
                articles: articles.isEmpty ? [:] : try Self.itemStates(user: user, articles: articles, db),
                newest: try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM articles")) ?? 0)
        }
    }

    public func unreadStories(userID: Int64, since time: Int, now: Int, limit: Int) throws -> [Int64] {
        try pool.read { db in
            guard let user = try Self.user(id: userID, db) else { return [] }
            return try Int64.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT s.id FROM stories s
                        WHERE s.last_at >= ? AND s.article_count > 0 AND EXISTS (
                            SELECT 1 FROM articles a
                            LEFT JOIN article_states st ON st.user_id = ? AND st.article_id = a.id
                            WHERE a.story_id = s.id AND COALESCE(st.read, a.id <= ?) = 0)
                        ORDER BY s.outlet_count - (? - s.last_at) / 43200.0 DESC, s.last_at DESC, s.id DESC LIMIT ?
                        """), arguments: [time, user.id, user.readThrough, now, limit])
        }
    }

    public func setRead(userID: Int64, articles: [Int64], read: Bool) throws {
        guard !articles.isEmpty else { return }
        try pool.write { db in
            for chunk in Self.chunks(articles) {
                try db.execute(
                    sql: """
                        INSERT INTO article_states (user_id, article_id, read)
                        SELECT ?, id, ? FROM articles WHERE id IN (\(Self.marks(chunk.count)))
                        ON CONFLICT (user_id, article_id) DO UPDATE SET read = excluded.read
                        """, arguments: Self.arguments([userID, read], chunk))
                try Self.dropDefaults(userID: userID, articles: chunk, db)
            }
        }
    }

    /// Drops the rows of these articles that say no more than the watermark does.
    static func dropDefaults(userID: Int64, articles: [Int64], _ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM article_states WHERE user_id = ? AND starred = 0
                    AND (read IS NULL OR read = (article_id <= (SELECT read_through FROM users WHERE id = ?)))
                    AND article_id IN (\(marks(articles.count)))
                """, arguments: arguments([userID, userID], articles))
    }

    public func setStarred(userID: Int64, articles: [Int64], starred: Bool, at time: Int) throws {
        guard !articles.isEmpty else { return }
        try pool.write { db in
            for chunk in Self.chunks(articles) {
                try db.execute(
                    sql: """
                        INSERT INTO article_states (user_id, article_id, starred, starred_at)
                        SELECT ?, id, ?, ? FROM articles WHERE id IN (\(Self.marks(chunk.count)))
                        ON CONFLICT (user_id, article_id) DO UPDATE SET
                            starred = excluded.starred, starred_at = excluded.starred_at
                        """, arguments: Self.arguments([userID, starred, starred ? time : nil], chunk))
                try Self.dropDefaults(userID: userID, articles: chunk, db)
            }
        }
    }

    public func setLabel(_ label: String, userID: Int64, articles: [Int64], on: Bool) throws {
        guard !articles.isEmpty else { return }
        try pool.write { db in
            for chunk in Self.chunks(articles) {
                if on {
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO article_labels (user_id, label, article_id)
                            SELECT ?, ?, id FROM articles WHERE id IN (\(Self.marks(chunk.count)))
                            """, arguments: Self.arguments([userID, label], chunk))
                } else {
                    try db.execute(
                        sql: """
                            DELETE FROM article_labels WHERE user_id = ? AND label = ?
                                AND article_id IN (\(Self.marks(chunk.count)))
                            """, arguments: Self.arguments([userID, label], chunk))
                }
            }
        }
    }

    public func labels(userID: Int64, articles: [Int64]) throws -> [Int64: [String]] {
        guard !articles.isEmpty else { return [:] }
        return try pool.read { db in
            var labels: [Int64: [String]] = [:]
            for chunk in Self.chunks(articles) {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT article_id, label FROM article_labels
                        WHERE user_id = ? AND article_id IN (\(Self.marks(chunk.count))) ORDER BY label
                        """, arguments: Self.arguments([userID], chunk))
                {
                    labels[row["article_id"], default: []].append(row["label"])
                }
            }
            return labels
        }
    }

    public func labels(userID: Int64) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT label FROM article_labels WHERE user_id = ? ORDER BY label",
                arguments: [userID])
        }
    }

    public func markRead(userID: Int64, stream: ItemStream, throughArticle: Int64) throws {
        try pool.write { db in
            guard let user = try Self.user(id: userID, db) else { return }
            if stream == .all {
                // Everything up to there becomes what the watermark says: read.
                try db.execute(
                    sql: "UPDATE users SET read_through = MAX(read_through, ?) WHERE id = ?",
                    arguments: [throughArticle, userID])
                try db.execute(
                    sql: "UPDATE article_states SET read = NULL WHERE user_id = ? AND article_id <= ?",
                    arguments: [userID, throughArticle])
                try db.execute(
                    sql: "DELETE FROM article_states WHERE user_id = ? AND read IS NULL AND starred = 0",
                    arguments: [userID])
                return
            }
            var filter = Self.streamFilter(stream, user: user)
            filter.sql += " AND a.id <= ? AND COALESCE(st.read, a.id <= ?) = 0"
            filter.arguments += [throughArticle, user.readThrough]
            try db.execute(
                sql: """
                    INSERT INTO article_states (user_id, article_id, read)
                    SELECT ?, a.id, 1 FROM articles a
                    LEFT JOIN article_states st ON st.user_id = ? AND st.article_id = a.id
                    WHERE \(filter.sql)
                    ON CONFLICT (user_id, article_id) DO UPDATE SET read = 1
                    """, arguments: StatementArguments([userID, userID] + filter.arguments))
            // Those at or below the watermark were only kept unread: read is what the watermark says.
            try db.execute(
                sql: """
                    DELETE FROM article_states WHERE user_id = ? AND read = 1 AND starred = 0 AND article_id <= ?
                    """, arguments: [userID, user.readThrough])
        }
    }

    public func lastArticle(fetchedBefore time: Int) throws -> Int64 {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM articles WHERE fetched_at < ?", arguments: [time]) ?? 0
        }
    }

    public func newestArticle() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM articles") ?? 0 }
    }

    public func unreadCounts(userID: Int64) throws -> UnreadCounts {
        try pool.read { db in
            guard let user = try Self.user(id: userID, db) else { return UnreadCounts(total: 0, bySource: [:]) }
            var counts: [Int64?: Int] = [:]
            // After the watermark everything is unread but what is marked read; before it, only what is kept
            // unread. The first count walks the (source, time) index, which holds every article's id.
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT source_id, COUNT(*) AS n FROM articles INDEXED BY articles_source_fetched
                        WHERE id > ? GROUP BY source_id
                        """), arguments: [user.readThrough])
            {
                counts[row["source_id"], default: 0] += row["n"]
            }
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.source_id, SUM(CASE WHEN st.read = 1 THEN -1 ELSE 1 END) AS n
                        FROM article_states st JOIN articles a ON a.id = st.article_id
                        WHERE st.user_id = ? AND ((st.read = 1 AND st.article_id > ?) OR (st.read = 0 AND st.article_id <= ?))
                        GROUP BY a.source_id
                        """), arguments: [userID, user.readThrough, user.readThrough])
            {
                counts[row["source_id"], default: 0] += row["n"]
            }
            var bySource: [Int64: Int] = [:]
            for case (let source?, let count) in counts where count > 0 { bySource[source] = count }
            return UnreadCounts(total: counts.values.reduce(0, +), bySource: bySource)
        }
    }

    public func unreadReports(userID: Int64, stories: [Int64]) throws -> [Int64: Int] {
        guard !stories.isEmpty else { return [:] }
        return try pool.read { db in
            guard let user = try Self.user(id: userID, db) else { return [:] }
            return try Self.unreadReports(user: user, stories: stories, db)
        }
    }

    static func unreadReports(user: UserRecord, stories: [Int64], _ db: Database) throws -> [Int64: Int] {
        var unread: [Int64: Int] = [:]
        for chunk in chunks(stories) {
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.story_id, COUNT(*) AS n FROM articles a
                        LEFT JOIN article_states st ON st.user_id = ? AND st.article_id = a.id
                        WHERE a.story_id IN (\(marks(chunk.count))) AND COALESCE(st.read, a.id <= ?) = 0
                        GROUP BY a.story_id
                        """), arguments: arguments([user.id], chunk, [user.readThrough]))
            {
                unread[row["story_id"]] = row["n"]
            }
        }
        return unread
    }

    public func itemIDs(userID: Int64, _ query: ItemQuery) throws -> [Int64] {
        try pool.read { db in
            let nobody = UserRecord(id: 0, name: "", isAdmin: false, createdAt: 0, passwordHash: "", readThrough: 0)
            guard let user = userID == 0 ? nobody : try Self.user(id: userID, db) else { return [] }
            var filter = Self.streamFilter(query.stream, user: user)
            for stream in query.including {
                let more = Self.streamFilter(stream, user: user)
                filter.sql += " AND (\(more.sql))"
                filter.arguments += more.arguments
            }
            for stream in query.excluding {
                let less = Self.streamFilter(stream, user: user)
                filter.sql += " AND NOT (\(less.sql))"
                filter.arguments += less.arguments
            }
            if let since = query.since {
                filter.sql += " AND a.fetched_at >= ?"
                filter.arguments.append(since)
            }
            if let until = query.until {
                filter.sql += " AND a.fetched_at < ?"
                filter.arguments.append(until)
            }
            if let after = query.after {
                filter.sql += query.oldestFirst ? " AND a.id > ?" : " AND a.id < ?"
                filter.arguments.append(after)
            }
            return try Int64.fetchAll(
                db,
                sql: """
                    SELECT a.id FROM articles a
                    LEFT JOIN article_states st ON st.user_id = ? AND st.article_id = a.id
                    WHERE \(filter.sql) ORDER BY a.id \(query.oldestFirst ? "ASC" : "DESC") LIMIT ?
                    """, arguments: StatementArguments([userID] + filter.arguments + [max(0, query.limit)]))
        }
    }

    /// The condition for articles (`a`, with the user's state row as `st`) in a stream.
    static func streamFilter(_ stream: ItemStream, user: UserRecord) -> (
        sql: String, arguments: [(any DatabaseValueConvertible)?]
    ) {
        switch stream {
        case .all: return ("1", [])
        case .source(let id): return ("a.source_id = ?", [id])
        case .folder(let name): return ("a.source_id IN (SELECT id FROM sources WHERE folder = ?)", [name])
        case .story(let id): return ("a.story_id = ?", [id])
        case .starred: return ("st.starred = 1", [])
        case .read: return ("COALESCE(st.read, a.id <= ?) = 1", [user.readThrough])
        case .keptUnread: return ("st.read = 0", [])
        case .label(let name):
            return (
                "EXISTS (SELECT 1 FROM article_labels l WHERE l.user_id = ? AND l.label = ? AND l.article_id = a.id)",
                [user.id, name]
            )
        }
    }

    public func items(_ ids: [Int64]) throws -> [ItemRecord] {
        guard !ids.isEmpty else { return [] }
        return try pool.read { db in
            var found: [Int64: ItemRecord] = [:]
            for chunk in Self.chunks(ids) {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.url, a.title, a.byline, a.published_at, a.fetched_at, a.source_id, a.html,
                            a.text, a.story_id, COALESCE(s.title, a.site_name) AS outlet, s.feed_url, s.site_url,
                            s.folder
                        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                        WHERE a.id IN (\(Self.marks(chunk.count)))
                        """, arguments: Self.arguments([], chunk))
                {
                    let item = ItemRecord(
                        id: row["id"], url: row["url"], title: row["title"], byline: row["byline"],
                        publishedAt: row["published_at"], fetchedAt: row["fetched_at"], outlet: row["outlet"],
                        sourceID: row["source_id"], feedURL: row["feed_url"], siteURL: row["site_url"],
                        folder: row["folder"], html: row["html"], text: row["text"], storyID: row["story_id"])
                    found[item.id] = item
                }
            }
            return ids.compactMap { found[$0] }
        }
    }

    public func storySummaries(_ ids: [Int64]) throws -> [Int64: StorySummary] {
        guard !ids.isEmpty else { return [:] }
        return try pool.read { db in
            var stories: [Int64: StorySummary] = [:]
            for id in Set(ids) {
                if let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT id, headline, first_at, last_at, article_count, flagged_count, first_article_id
                            FROM stories WHERE id = ?
                            """), arguments: [id])
                {
                    stories[id] = try Self.summary(row, db)
                }
            }
            return stories
        }
    }

    // MARK: Saved searches

    public func savedSearches(userID: Int64) throws -> [SavedSearch] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM saved_searches WHERE user_id = ? ORDER BY name", arguments: [userID]
            ).map { SavedSearch(id: $0["id"], name: $0["name"], query: $0["query"], createdAt: $0["created_at"]) }
        }
    }

    public func saveSearch(userID: Int64, name: String, query: String, at time: Int) throws -> SavedSearch {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO saved_searches (user_id, name, query, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query
                    """, arguments: [userID, name, query, time])
            let id =
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM saved_searches WHERE user_id = ? AND name = ?", arguments: [userID, name])
                ?? 0
            return SavedSearch(id: id, name: name, query: query, createdAt: time)
        }
    }

    public func removeSavedSearch(userID: Int64, id: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM saved_searches WHERE user_id = ? AND id = ?", arguments: [userID, id])
            return db.changesCount > 0
        }
    }

    // MARK: Folders

    public func renameFolder(_ from: String, to: String?) throws -> Int {
        try pool.write { db in
            try db.execute(sql: "UPDATE sources SET folder = ? WHERE folder = ?", arguments: [to, from])
            return db.changesCount
        }
    }

    public func updateSource(id: Int64, title: String?, folder: String??) throws -> Bool {
        try pool.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM sources WHERE id = ?", arguments: [id]) != nil else {
                return false
            }
            if let title {
                try db.execute(sql: "UPDATE sources SET title = ? WHERE id = ?", arguments: [title, id])
            }
            if let folder {
                try db.execute(sql: "UPDATE sources SET folder = ? WHERE id = ?", arguments: [folder, id])
            }
            return true
        }
    }

    // MARK: Helpers

    /// Lists of ids short enough for one statement's arguments.
    static func chunks(_ ids: [Int64]) -> [[Int64]] {
        stride(from: 0, to: ids.count, by: 500).map { Array(ids[$0..<min($0 + 500, ids.count)]) }
    }

    /// Values, then ids, then more values, as one statement's arguments.
    static func arguments(
        _ values: [(any DatabaseValueConvertible)?], _ ids: [Int64], _ after: [(any DatabaseValueConvertible)?] = []
    ) -> StatementArguments {
        StatementArguments(values + ids.map { $0 as (any DatabaseValueConvertible)? } + after)
    }

    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
