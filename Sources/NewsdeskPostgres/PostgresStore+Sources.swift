import NewsdeskCore
import NewsdeskStore
import PostgresNIO

extension PostgresStore {
    static let sourceColumns = """
        id, feed_url, title, site_url, folder, added_at, etag, last_modified, last_success_at, last_error_at,
        last_error, next_poll_at, failures, items_seen
        """

    public func addSource(feedURL: String, title: String?, siteURL: String?, folder: String?, at time: Int) throws
        -> SourceRecord
    {
        try connections.transaction { session in
            try session.execute(
                """
                INSERT INTO sources (feed_url, title, site_url, folder, added_at)
                VALUES (\(feedURL), \(title), \(siteURL), \(folder), \(time))
                ON CONFLICT (feed_url) DO NOTHING
                """)
            guard
                let row = try session.rows(
                    "SELECT \(unescaped: Self.sourceColumns) FROM sources WHERE feed_url = \(feedURL)"
                ).first
            else { throw NewsdeskError(.unreadable, "the source \(feedURL) was not stored") }
            return try Self.source(row)
        }
    }

    public func removeSource(feedURL: String) throws -> Bool {
        try connections.transaction { session in
            try session.execute("DELETE FROM sources WHERE feed_url = \(feedURL)") > 0
        }
    }

    public func sources() throws -> [SourceRecord] {
        try connections.withSession { session in
            try session.rows("SELECT \(unescaped: Self.sourceColumns) FROM sources ORDER BY id").map(Self.source)
        }
    }

    public func dueSources(at time: Int) throws -> [SourceRecord] {
        try connections.withSession { session in
            try session.rows(
                """
                SELECT \(unescaped: Self.sourceColumns) FROM sources WHERE next_poll_at <= \(time)
                ORDER BY next_poll_at, id
                """
            ).map(Self.source)
        }
    }

    public func recordPollSuccess(
        sourceID: Int64, etag: String?, lastModified: String?, newItems: Int, nextPollAt: Int, at time: Int
    ) throws {
        try connections.transaction { session in
            try Self.recordPollSuccess(
                session, sourceID: sourceID, etag: etag, lastModified: lastModified, newItems: newItems,
                nextPollAt: nextPollAt, at: time)
        }
    }

    /// Records a successful poll and ends the source's claim.
    static func recordPollSuccess(
        _ session: Session, sourceID: Int64, etag: String?, lastModified: String?, newItems: Int, nextPollAt: Int,
        at time: Int
    ) throws {
        try session.send(
            """
            UPDATE sources SET etag = \(etag), last_modified = \(lastModified), last_success_at = \(time),
                failures = 0, items_seen = items_seen + \(newItems), next_poll_at = \(nextPollAt)
            WHERE id = \(sourceID)
            """)
        try session.send("DELETE FROM source_claims WHERE source_id = \(sourceID)")
    }

    public func recordPollFailure(sourceID: Int64, message: String, nextPollAt: Int, at time: Int) throws {
        try connections.transaction { session in
            try session.execute(
                """
                UPDATE sources SET last_error_at = \(time), last_error = \(message), failures = failures + 1,
                    next_poll_at = \(nextPollAt)
                WHERE id = \(sourceID)
                """)
            try session.execute("DELETE FROM source_claims WHERE source_id = \(sourceID)")
        }
    }

    static func source(_ row: PostgresRow) throws -> SourceRecord {
        let column = Columns(row)
        return SourceRecord(
            id: try column["id"], feedURL: try column["feed_url"], title: try column["title"],
            siteURL: try column["site_url"], folder: try column["folder"], addedAt: try column["added_at"],
            etag: try column["etag"], lastModified: try column["last_modified"],
            lastSuccessAt: try column["last_success_at"], lastErrorAt: try column["last_error_at"],
            lastError: try column["last_error"], nextPollAt: try column["next_poll_at"],
            failures: try column["failures"], itemsSeen: try column["items_seen"])
    }
}
