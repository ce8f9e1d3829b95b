import NewsdeskCore
import NewsdeskStore
import PostgresNIO

/// Users, their secrets' digests and their read state on PostgreSQL: the same watermark as the SQLite
/// store (read up to `read_through`, unread after it, a row only where an article differs from that or
/// is starred), and the same answers to every call.
extension PostgresStore: AccountStore {
    static let userColumns = "id, name, password_hash, is_admin, created_at, read_through"

    static func user(_ row: PostgresRow) throws -> UserRecord {
        let column = Columns(row)
        return UserRecord(
            id: try column["id"], name: try column["name"], isAdmin: try column["is_admin"],
            createdAt: try column["created_at"], passwordHash: try column["password_hash"],
            readThrough: try column["read_through"])
    }

    // MARK: Users

    public func addUser(name: String, passwordHash: String, isAdmin: Bool, at time: Int) throws -> UserRecord {
        try connections.transaction { session in
            guard
                let id = try session.value(
                    """
                    INSERT INTO users (name, password_hash, is_admin, created_at)
                    VALUES (\(name), \(passwordHash), \(isAdmin), \(time))
                    ON CONFLICT (name) DO NOTHING RETURNING id
                    """, as: Int64.self)
            else { throw NewsdeskError(.unsupported, "there is already a user named \(name)") }
            return UserRecord(
                id: id, name: name, isAdmin: isAdmin, createdAt: time, passwordHash: passwordHash, readThrough: 0)
        }
    }

    public func users() throws -> [UserRecord] {
        try connections.withSession { session in
            try session.rows("SELECT \(unescaped: Self.userColumns) FROM users ORDER BY name").map(Self.user)
        }
    }

    public func user(named name: String) throws -> UserRecord? {
        try connections.withSession { session in
            try session.rows("SELECT \(unescaped: Self.userColumns) FROM users WHERE name = \(name)").first.map(
                Self.user)
        }
    }

    public func user(id: Int64) throws -> UserRecord? {
        try connections.withSession { session in try Self.user(id: id, session) }
    }

    static func user(id: Int64, _ session: Session) throws -> UserRecord? {
        if id == 0 {
            return UserRecord(id: 0, name: "", isAdmin: false, createdAt: 0, passwordHash: "", readThrough: 0)
        }
        return try session.rows("SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(id)").first.map(
            Self.user)
    }

    public func removeUser(named name: String) throws -> Bool {
        // States, labels, credentials and saved searches go with the user (ON DELETE CASCADE).
        try connections.transaction { session in try session.execute("DELETE FROM users WHERE name = \(name)") > 0 }
    }

    public func setPasswordHash(named name: String, hash: String) throws -> Bool {
        try connections.transaction { session in
            guard try session.execute("UPDATE users SET password_hash = \(hash) WHERE name = \(name)") > 0 else {
                return false
            }
            try session.execute(
                """
                DELETE FROM credentials WHERE kind = 'session' AND user_id = (SELECT id FROM users WHERE name = \(name))
                """)
            return true
        }
    }

    public func userCount() throws -> Int {
        try connections.withSession { session in try session.value("SELECT COUNT(*) FROM users", as: Int.self) ?? 0 }
    }

    // MARK: Credentials

    public func addCredential(
        userID: Int64, kind: CredentialKind, digest: String, parent: Int64?, expiresAt: Int?, at time: Int
    ) throws -> Int64 {
        try connections.transaction { session in
            guard
                let id = try session.value(
                    """
                    INSERT INTO credentials (user_id, kind, digest, parent_id, created_at, expires_at)
                    VALUES (\(userID), \(kind.rawValue), \(digest), \(parent), \(time), \(expiresAt)) RETURNING id
                    """, as: Int64.self)
            else { throw NewsdeskError(.unreadable, "the credential was not stored") }
            return id
        }
    }

    public func credential(digest: String, kind: CredentialKind, at time: Int) throws -> (id: Int64, user: UserRecord)?
    {
        try connections.withSession { session in
            guard
                let row = try session.rows(
                    """
                    SELECT c.id AS credential_id, c.last_used_at, u.id, u.name, u.password_hash, u.is_admin,
                        u.created_at, u.read_through
                    FROM credentials c JOIN users u ON u.id = c.user_id
                    WHERE c.digest = \(digest) AND c.kind = \(kind.rawValue)
                        AND (c.expires_at IS NULL OR c.expires_at > \(time))
                    """
                ).first
            else { return nil }
            let column = Columns(row)
            let id: Int64 = try column["credential_id"]
            let lastUsed: Int? = try column["last_used_at"]
            // When it was last used, to the minute: a write only once a minute per credential.
            if lastUsed.map({ $0 < time - 60 }) ?? true {
                try session.execute("UPDATE credentials SET last_used_at = \(time) WHERE id = \(id)")
            }
            return (id, try Self.user(row))
        }
    }

    public func removeCredentials(userID: Int64, kind: CredentialKind) throws -> Int {
        try connections.transaction { session in
            try session.execute("DELETE FROM credentials WHERE user_id = \(userID) AND kind = \(kind.rawValue)")
        }
    }

    public func removeCredential(digest: String) throws {
        try connections.transaction { session in
            _ = try session.execute("DELETE FROM credentials WHERE digest = \(digest)")
        }
    }

    // MARK: Read state

    public func itemStates(userID: Int64, articles: [Int64]) throws -> [Int64: ItemState] {
        guard !articles.isEmpty else { return [:] }
        return try connections.withSession { session in
            guard let user = try Self.user(id: userID, session) else { return [:] }
            return try Self.itemStates(user: user, articles: articles, session)
        }
    }

    static func itemStates(user: UserRecord, articles: [Int64], _ session: Session) throws -> [Int64: ItemState] {
        var states: [Int64: ItemState] = [:]
        for id in articles { states[id] = ItemState(read: id <= user.readThrough, starred: false) }
        for row in try session.rows(
            """
            SELECT article_id, read, starred FROM article_states
            WHERE user_id = \(user.id) AND article_id = ANY(\(articles)::bigint[])
            """)
        {
            let (id, read, starred) = try row.decode((Int64, Bool?, Bool).self)
            states[id] = ItemState(read: read ?? (id <= user.readThrough), starred: starred)
        }
        return states
    }

    public func pageState(userID: Int64, stories: [Int64], articles: [Int64]) throws -> PageState {
        try connections.withSession { session in
            guard let user = try Self.user(id: userID, session) else {
                return PageState(unreadReports: [:], articles: [:], newest: 0)
            }
            return PageState(
                unreadReports: stories.isEmpty ? [:] : try Self.unreadReports(user: user, stories: stories, session),
                articles: articles.isEmpty ? [:] : try Self.itemStates(user: user, articles: articles, session),
                newest: try session.value("SELECT COALESCE(MAX(id), 0) FROM articles", as: Int64.self) ?? 0)
        }
    }

    public func unreadStories(userID: Int64, since time: Int, now: Int, limit: Int) throws -> [Int64] {
        try connections.withSession { session in
            guard let user = try Self.user(id: userID, session) else { return [] }
            return try session.rows(
                """
                SELECT s.id FROM stories s
                WHERE s.last_at >= \(time) AND s.article_count > 0 AND EXISTS (
                    SELECT 1 FROM articles a
                    LEFT JOIN article_states st ON st.user_id = \(user.id) AND st.article_id = a.id
                    WHERE a.story_id = s.id AND NOT COALESCE(st.read, a.id <= \(user.readThrough)))
                ORDER BY s.outlet_count - (\(now) - s.last_at) / 43200.0::float8 DESC, s.last_at DESC, s.id DESC
                LIMIT \(limit)
                """
            ).map { try $0.decode(Int64.self) }
        }
    }

    public func setRead(userID: Int64, articles: [Int64], read: Bool) throws {
        guard !articles.isEmpty else { return }
        try connections.transaction { session in
            try session.execute(
                """
                INSERT INTO article_states (user_id, article_id, read)
                SELECT \(userID), id, \(read) FROM articles WHERE id = ANY(\(articles)::bigint[])
                ON CONFLICT (user_id, article_id) DO UPDATE SET read = excluded.read
                """)
            try Self.dropDefaults(userID: userID, articles: articles, session)
        }
    }

    /// Drops the rows of these articles that say no more than the watermark does.
    static func dropDefaults(userID: Int64, articles: [Int64], _ session: Session) throws {
        try session.execute(
            """
            DELETE FROM article_states st USING users u
            WHERE st.user_id = \(userID) AND u.id = st.user_id AND NOT st.starred
                AND (st.read IS NULL OR st.read = (st.article_id <= u.read_through))
                AND st.article_id = ANY(\(articles)::bigint[])
            """)
    }

    public func setStarred(userID: Int64, articles: [Int64], starred: Bool, at time: Int) throws {
        guard !articles.isEmpty else { return }
        let starredAt: Int? = starred ? time : nil
        try connections.transaction { session in
            try session.execute(
                """
                INSERT INTO article_states (user_id, article_id, starred, starred_at)
                SELECT \(userID), id, \(starred), \(starredAt) FROM articles WHERE id = ANY(\(articles)::bigint[])
                ON CONFLICT (user_id, article_id) DO UPDATE SET
                    starred = excluded.starred, starred_at = excluded.starred_at
                """)
            try Self.dropDefaults(userID: userID, articles: articles, session)
        }
    }

    public func setLabel(_ label: String, userID: Int64, articles: [Int64], on: Bool) throws {
        guard !articles.isEmpty else { return }
        try connections.transaction { session in
            if on {
                try session.execute(
                    """
                    INSERT INTO article_labels (user_id, label, article_id)
                    SELECT \(userID), \(label), id FROM articles WHERE id = ANY(\(articles)::bigint[])
                    ON CONFLICT DO NOTHING
                    """)
            } else {
                try session.execute(
                    """
                    DELETE FROM article_labels WHERE user_id = \(userID) AND label = \(label)
                        AND article_id = ANY(\(articles)::bigint[])
                    """)
            }
        }
    }

    public func labels(userID: Int64, articles: [Int64]) throws -> [Int64: [String]] {
        guard !articles.isEmpty else { return [:] }
        return try connections.withSession { session in
            var labels: [Int64: [String]] = [:]
            for row in try session.rows(
                """
                SELECT article_id, label FROM article_labels
                WHERE user_id = \(userID) AND article_id = ANY(\(articles)::bigint[]) ORDER BY label
                """)
            {
                let (id, label) = try row.decode((Int64, String).self)
                labels[id, default: []].append(label)
            }
            return labels
        }
    }

    public func labels(userID: Int64) throws -> [String] {
        try connections.withSession { session in
            try session.rows("SELECT DISTINCT label FROM article_labels WHERE user_id = \(userID) ORDER BY label")
                .map { try $0.decode(String.self) }
        }
    }

    public func markRead(userID: Int64, stream: ItemStream, throughArticle: Int64) throws {
        try connections.transaction { session in
            guard let user = try Self.user(id: userID, session), userID != 0 else { return }
            if stream == .all {
                // Everything up to there becomes what the watermark says: read.
                try session.execute(
                    "UPDATE users SET read_through = GREATEST(read_through, \(throughArticle)) WHERE id = \(userID)")
                try session.execute(
                    """
                    UPDATE article_states SET read = NULL WHERE user_id = \(userID) AND article_id <= \(throughArticle)
                    """)
                try session.execute(
                    "DELETE FROM article_states WHERE user_id = \(userID) AND read IS NULL AND NOT starred")
                return
            }
            var query = StreamQuery()
            query.add("INSERT INTO article_states (user_id, article_id, read) SELECT ")
            try query.bind(userID)
            query.add(", a.id, true FROM articles a LEFT JOIN article_states st ON st.user_id = ")
            try query.bind(userID)
            query.add(" AND st.article_id = a.id WHERE ")
            try query.filter(stream, user: user)
            query.add(" AND a.id <= ")
            try query.bind(throughArticle)
            query.add(" AND NOT COALESCE(st.read, a.id <= ")
            try query.bind(user.readThrough)
            query.add(") ON CONFLICT (user_id, article_id) DO UPDATE SET read = true")
            try session.execute(query.query)
            // Those at or below the watermark were only kept unread: read is what the watermark says.
            try session.execute(
                """
                DELETE FROM article_states WHERE user_id = \(userID) AND read AND NOT starred
                    AND article_id <= \(user.readThrough)
                """)
        }
    }

    public func lastArticle(fetchedBefore time: Int) throws -> Int64 {
        try connections.withSession { session in
            try session.value("SELECT COALESCE(MAX(id), 0) FROM articles WHERE fetched_at < \(time)", as: Int64.self)
                ?? 0
        }
    }

    public func newestArticle() throws -> Int64 {
        try connections.withSession { session in
            try session.value("SELECT COALESCE(MAX(id), 0) FROM articles", as: Int64.self) ?? 0
        }
    }

    public func unreadCounts(userID: Int64) throws -> UnreadCounts {
        try connections.withSession { session in
            guard let user = try Self.user(id: userID, session) else { return UnreadCounts(total: 0, bySource: [:]) }
            var counts: [Int64?: Int] = [:]
            for row in try session.rows(
                "SELECT source_id, COUNT(*) FROM articles WHERE id > \(user.readThrough) GROUP BY source_id")
            {
                let (source, count) = try row.decode((Int64?, Int).self)
                counts[source, default: 0] += count
            }
            for row in try session.rows(
                """
                SELECT a.source_id, SUM(CASE WHEN st.read THEN -1 ELSE 1 END)::bigint
                FROM article_states st JOIN articles a ON a.id = st.article_id
                WHERE st.user_id = \(userID) AND ((st.read AND st.article_id > \(user.readThrough))
                    OR (NOT st.read AND st.article_id <= \(user.readThrough)))
                GROUP BY a.source_id
                """)
            {
                let (source, count) = try row.decode((Int64?, Int).self)
                counts[source, default: 0] += count
            }
            var bySource: [Int64: Int] = [:]
            for case (let source?, let count) in counts where count > 0 { bySource[source] = count }
            return UnreadCounts(total: counts.values.reduce(0, +), bySource: bySource)
        }
    }

    public func unreadReports(userID: Int64, stories: [Int64]) throws -> [Int64: Int] {
        guard !stories.isEmpty else { return [:] }
        return try connections.withSession { session in
            guard let user = try Self.user(id: userID, session) else { return [:] }
            return try Self.unreadReports(user: user, stories: stories, session)
        }
    }

    static func unreadReports(user: UserRecord, stories: [Int64], _ session: Session) throws -> [Int64: Int] {
        var unread: [Int64: Int] = [:]
        for row in try session.rows(
            """
            SELECT a.story_id, COUNT(*) FROM articles a
            LEFT JOIN article_states st ON st.user_id = \(user.id) AND st.article_id = a.id
            WHERE a.story_id = ANY(\(stories)::bigint[]) AND NOT COALESCE(st.read, a.id <= \(user.readThrough))
            GROUP BY a.story_id
            """)
        {
            let (story, count) = try row.decode((Int64, Int).self)
            unread[story] = count
        }
        return unread
    }

    public func itemIDs(userID: Int64, _ query: ItemQuery) throws -> [Int64] {
        try connections.withSession { session in
            guard let user = try Self.user(id: userID, session) else { return [] }
            var sql = StreamQuery()
            sql.add("SELECT a.id FROM articles a LEFT JOIN article_states st ON st.user_id = ")
            try sql.bind(userID)
            sql.add(" AND st.article_id = a.id WHERE ")
            try sql.filter(query.stream, user: user)
            for stream in query.including {
                sql.add(" AND (")
                try sql.filter(stream, user: user)
                sql.add(")")
            }
            for stream in query.excluding {
                sql.add(" AND NOT COALESCE((")
                try sql.filter(stream, user: user)
                sql.add("), false)")
            }
            if let since = query.since {
                sql.add(" AND a.fetched_at >= ")
                try sql.bind(since)
            }
            if let until = query.until {
                sql.add(" AND a.fetched_at < ")
                try sql.bind(until)
            }
            if let after = query.after {
                sql.add(query.oldestFirst ? " AND a.id > " : " AND a.id < ")
                try sql.bind(after)
            }
            sql.add(" ORDER BY a.id \(query.oldestFirst ? "ASC" : "DESC") LIMIT ")
            try sql.bind(max(0, query.limit))
            return try session.rows(sql.query).map { try $0.decode(Int64.self) }
        }
    }

    public func items(_ ids: [Int64]) throws -> [ItemRecord] {
        guard !ids.isEmpty else { return [] }
        return try connections.withSession { session in
            var found: [Int64: ItemRecord] = [:]
            for row in try session.rows(
                """
                SELECT a.id, a.url, a.title, a.byline, a.published_at, a.fetched_at, a.source_id, a.html, a.text,
                    a.story_id, COALESCE(s.title, a.site_name) AS outlet, s.feed_url, s.site_url, s.folder
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ANY(\(ids)::bigint[])
                """)
            {
                let column = Columns(row)
                let item = ItemRecord(
                    id: try column["id"], url: try column["url"], title: try column["title"],
                    byline: try column["byline"], publishedAt: try column["published_at"],
                    fetchedAt: try column["fetched_at"], outlet: try column["outlet"],
                    sourceID: try column["source_id"], feedURL: try column["feed_url"],
                    siteURL: try column["site_url"], folder: try column["folder"], html: try column["html"],
                    text: try column["text"], storyID: try column["story_id"])
                found[item.id] = item
            }
            return ids.compactMap { found[$0] }
        }
    }

    public func storySummaries(_ ids: [Int64]) throws -> [Int64: StorySummary] {
        guard !ids.isEmpty else { return [:] }
        return try connections.withSession { session in
            let stories = try session.rows(
                "\(unescaped: Self.summarySelect) WHERE st.id = ANY(\(Array(Set(ids)))::bigint[])"
            ).map(Self.summary)
            return Dictionary(stories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    // MARK: Saved searches

    public func savedSearches(userID: Int64) throws -> [SavedSearch] {
        try connections.withSession { session in
            try session.rows(
                "SELECT id, name, query, created_at FROM saved_searches WHERE user_id = \(userID) ORDER BY name"
            ).map { row in
                let (id, name, query, created) = try row.decode((Int64, String, String, Int).self)
                return SavedSearch(id: id, name: name, query: query, createdAt: created)
            }
        }
    }

    public func saveSearch(userID: Int64, name: String, query: String, at time: Int) throws -> SavedSearch {
        try connections.transaction { session in
            let id =
                try session.value(
                    """
                    INSERT INTO saved_searches (user_id, name, query, created_at)
                    VALUES (\(userID), \(name), \(query), \(time))
                    ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query RETURNING id
                    """, as: Int64.self) ?? 0
            return SavedSearch(id: id, name: name, query: query, createdAt: time)
        }
    }

    public func removeSavedSearch(userID: Int64, id: Int64) throws -> Bool {
        try connections.transaction { session in
            try session.execute("DELETE FROM saved_searches WHERE user_id = \(userID) AND id = \(id)") > 0
        }
    }

    // MARK: Folders

    public func renameFolder(_ from: String, to: String?) throws -> Int {
        try connections.transaction { session in
            try session.execute("UPDATE sources SET folder = \(to) WHERE folder = \(from)")
        }
    }

    public func updateSource(id: Int64, title: String?, folder: String??) throws -> Bool {
        try connections.transaction { session in
            guard try session.value("SELECT id FROM sources WHERE id = \(id)", as: Int64.self) != nil else {
                return false
            }
            if let title { try session.execute("UPDATE sources SET title = \(title) WHERE id = \(id)") }
            if let folder { try session.execute("UPDATE sources SET folder = \(folder) WHERE id = \(id)") }
            return true
        }
    }
}

/// A statement built a piece at a time, every value bound as a parameter.
struct StreamQuery {
    private var sql = ""
    private var binds = PostgresBindings()

    mutating func add(_ text: String) { sql += text }

    mutating func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws {
        try binds.append(value)
        sql += "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }

    /// The condition for articles (`a`, with the user's state row as `st`) in a stream.
    mutating func filter(_ stream: ItemStream, user: UserRecord) throws {
        switch stream {
        case .all: add("true")
        case .source(let id):
            add("a.source_id = ")
            try bind(id)
        case .folder(let name):
            add("a.source_id IN (SELECT id FROM sources WHERE folder = ")
            try bind(name)
            add(")")
        case .story(let id):
            add("a.story_id = ")
            try bind(id)
        case .starred: add("COALESCE(st.starred, false)")
        case .read:
            add("COALESCE(st.read, a.id <= ")
            try bind(user.readThrough)
            add(")")
        case .keptUnread: add("COALESCE(st.read = false, false)")
        case .label(let name):
            add("EXISTS (SELECT 1 FROM article_labels l WHERE l.user_id = ")
            try bind(user.id)
            add(" AND l.label = ")
            try bind(name)
            add(" AND l.article_id = a.id)")
        }
    }
}
