import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NewsdeskCore
import NewsdeskStore
import PostgresNIO

/// The work several processes share, in PostgreSQL itself: sources claimed with `FOR UPDATE SKIP
/// LOCKED`, entries claimed under a transaction-level advisory lock (so the per-host limits count every
/// worker's claims exactly), articles handed over through a table. Each worker, and the filing leader,
/// holds a session-level advisory lock on a connection of its own, which PostgreSQL ends with the
/// session: a claim counts while its worker's lock is held (`live_workers`) and its lease lasts. The
/// claim and filing locks are keyed by the schema, so desks in separate schemas do not wait for each other.
extension PostgresStore: SharedWork {
    /// "work" and "file" in ASCII: the first halves of the two advisory lock keys.
    static let claimLockClass: Int32 = 0x776F_726B
    static let filingLockClass: Int32 = 0x6669_6C65

    public func enlist(worker name: String) throws -> (WorkerIdentity, any SessionLock) {
        while true {
            let key = Int32.random(in: 1...Int32.max)
            if let lock = try sessionLock(PostgresMigrations.workerLockClass, key: key) {
                return (WorkerIdentity(name: name, key: key), lock)
            }
        }
    }

    public func claimDueSources(worker: WorkerIdentity, at time: Int, lease: Int, limit: Int) throws
        -> [SourceRecord]
    {
        guard limit > 0 else { return [] }
        return try connections.transaction { session in
            let sources = try session.rows(
                """
                SELECT \(unescaped: Self.sourceColumns) FROM sources
                WHERE next_poll_at <= \(time) AND NOT EXISTS (
                    SELECT 1 FROM source_claims c WHERE c.source_id = sources.id AND c.claimed_until >= \(time)
                        AND c.worker_key IN (SELECT key FROM live_workers))
                ORDER BY next_poll_at, id LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """
            ).map(Self.source)
            guard !sources.isEmpty else { return [] }
            try session.execute(
                """
                INSERT INTO source_claims (source_id, claimed_by, worker_key, claimed_until)
                SELECT unnest(\(sources.map(\.id))::bigint[]), \(worker.name), \(Int64(worker.key)), \(time + lease)
                ON CONFLICT (source_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by,
                    worker_key = EXCLUDED.worker_key, claimed_until = EXCLUDED.claimed_until
                """)
            return sources
        }
    }

    @discardableResult
    public func finishPoll(
        sourceID: Int64, etag: String?, lastModified: String?, newItems: Int, nextPollAt: Int,
        entries: [EntryToQueue], at time: Int
    ) throws -> Int {
        try connections.transaction { session in
            var queued = 0
            if !entries.isEmpty {
                queued = try session.execute(
                    """
                    INSERT INTO entry_queue (source_id, url, host, payload, queued_at)
                    SELECT \(sourceID), url, host, payload, \(time)
                    FROM unnest(\(entries.map(\.url))::text[], \(entries.map(\.host))::text[],
                        \(entries.map(\.payload))::text[]) WITH ORDINALITY AS e (url, host, payload, n)
                    ORDER BY n
                    ON CONFLICT (url) DO NOTHING
                    """)
            }
            try Self.recordPollSuccess(
                session, sourceID: sourceID, etag: etag, lastModified: lastModified, newItems: newItems,
                nextPollAt: nextPollAt, at: time)
            return queued
        }
    }

    public func claimEntries(
        worker: WorkerIdentity, at time: Int, milliseconds: Int, lease: Int, limit: Int, perHost: Int,
        hostSpacing: Int
    ) throws -> [QueuedEntry] {
        guard limit > 0, perHost > 0 else { return [] }
        return try connections.transaction { session in
            // One claimer at a time: the limits count the claims of every worker, committed.
            try session.send("SELECT pg_advisory_xact_lock(\(Self.claimLockClass), hashtext(current_schema()))")
            // The oldest waiting entries first, a few hundred of them: enough for the claim unless the
            // hosts they belong to are all at their limits, when the whole queue is looked at.
            let scan = max(256, limit * 16)
            var chosen = try Self.claimable(
                in: session, at: time, milliseconds: milliseconds, limit: limit, perHost: perHost,
                hostSpacing: hostSpacing, scan: scan)
            if chosen.count < limit {
                let waiting =
                    try session.value(
                        """
                        SELECT COUNT(*) FROM (SELECT 1 FROM entry_queue WHERE claimed_until IS NULL
                            OR claimed_until < \(time) OR worker_key NOT IN (SELECT key FROM live_workers)
                            LIMIT \(scan + 1)) w
                        """, as: Int.self) ?? 0
                if waiting > scan {
                    chosen = try Self.claimable(
                        in: session, at: time, milliseconds: milliseconds, limit: limit, perHost: perHost,
                        hostSpacing: hostSpacing, scan: Int.max)
                }
            }
            guard !chosen.isEmpty else { return [] }
            let claimed = try session.rows(
                """
                UPDATE entry_queue SET claimed_by = \(worker.name), worker_key = \(Int64(worker.key)),
                    claimed_until = \(time + lease), attempts = attempts + 1
                WHERE id = ANY(\(chosen.map(\.0))::bigint[])
                RETURNING id, source_id, url, payload, attempts
                """
            ).map { row in
                let (id, sourceID, url, payload, attempts) = try row.decode((Int64, Int64?, String, String, Int).self)
                return QueuedEntry(id: id, sourceID: sourceID, url: url, payload: payload, attempts: attempts)
            }
            if hostSpacing > 0 {
                try session.send(
                    """
                    INSERT INTO host_spacing (host, next_at_ms)
                    SELECT DISTINCT unnest(\(chosen.map(\.1))::text[]), \(milliseconds + hostSpacing)
                    ON CONFLICT (host) DO UPDATE SET next_at_ms = EXCLUDED.next_at_ms
                    """)
            }
            return claimed.sorted { $0.id < $1.id }
        }
    }

    /// Up to `limit` waiting entries (id and host) among the oldest `scan` that the per-host limits allow.
    private static func claimable(
        in session: Session, at time: Int, milliseconds: Int, limit: Int, perHost: Int, hostSpacing: Int, scan: Int
    ) throws -> [(Int64, String)] {
        try session.rows(
            """
            WITH candidates AS (
                SELECT id, host FROM entry_queue
                WHERE claimed_until IS NULL OR claimed_until < \(time)
                    OR worker_key NOT IN (SELECT key FROM live_workers)
                ORDER BY id LIMIT \(scan)
            ), busy AS (
                SELECT host, COUNT(*) AS n FROM entry_queue
                WHERE claimed_until >= \(time) AND worker_key IN (SELECT key FROM live_workers)
                GROUP BY host
            ), ready AS (
                SELECT id, host, ROW_NUMBER() OVER (PARTITION BY host ORDER BY id) AS rank FROM candidates
            )
            SELECT r.id, r.host FROM ready r
            LEFT JOIN busy b ON b.host = r.host
            LEFT JOIN host_spacing s ON s.host = r.host
            WHERE r.rank + COALESCE(b.n, 0) <= \(perHost)
                AND COALESCE(s.next_at_ms, 0) <= \(milliseconds)
                AND (\(hostSpacing) = 0 OR r.rank = 1)
            ORDER BY r.id LIMIT \(limit)
            """
        ).map { try $0.decode((Int64, String).self) }
    }

    public func handOff(entry id: Int64, article: ArticleInput, outlet: String?, at time: Int) throws {
        let encoded = String(decoding: try JSONEncoder().encode(article), as: UTF8.self)
        try connections.transaction { session in
            try session.send(
                "INSERT INTO hand_over (article, outlet, handed_at) VALUES (\(encoded), \(outlet), \(time))")
            try session.send("DELETE FROM entry_queue WHERE id = \(id)")
        }
    }

    public func dropEntry(_ id: Int64) throws {
        _ = try connections.withSession { session in
            try session.execute("DELETE FROM entry_queue WHERE id = \(id)")
        }
    }

    public func handedArticles(limit: Int) throws -> [HandedArticle] {
        let rows = try connections.withSession { session in
            try session.rows("SELECT id, article, outlet, handed_at FROM hand_over ORDER BY id LIMIT \(limit)")
                .map { try $0.decode((Int64, String, String?, Int).self) }
        }
        let decoder = JSONDecoder()
        return try rows.map { id, article, outlet, handedAt in
            HandedArticle(
                id: id, article: try decoder.decode(ArticleInput.self, from: Data(article.utf8)), outlet: outlet,
                handedAt: handedAt)
        }
    }

    public func finishHandOff(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        _ = try connections.withSession { session in
            try session.execute("DELETE FROM hand_over WHERE id = ANY(\(ids)::bigint[])")
        }
    }

    public func releaseClaims(worker: WorkerIdentity) throws {
        try connections.transaction { session in
            try session.execute("DELETE FROM source_claims WHERE worker_key = \(Int64(worker.key))")
            try session.execute(
                """
                UPDATE entry_queue SET claimed_by = NULL, worker_key = NULL, claimed_until = NULL
                WHERE worker_key = \(Int64(worker.key))
                """)
        }
    }

    public func backlog(at time: Int) throws -> WorkBacklog {
        try connections.withSession { session in
            guard
                let row = try session.rows(
                    """
                    WITH live_claims AS (
                        SELECT source_id FROM source_claims
                        WHERE claimed_until >= \(time) AND worker_key IN (SELECT key FROM live_workers)
                    ), entries AS (
                        SELECT COALESCE(claimed_until >= \(time)
                            AND worker_key IN (SELECT key FROM live_workers), false) AS claimed
                        FROM entry_queue
                    )
                    SELECT
                        (SELECT COUNT(*) FROM sources s WHERE s.next_poll_at <= \(time)
                            AND s.id NOT IN (SELECT source_id FROM live_claims)),
                        (SELECT COUNT(*) FROM live_claims),
                        (SELECT COUNT(*) FILTER (WHERE NOT claimed) FROM entries),
                        (SELECT COUNT(*) FILTER (WHERE claimed) FROM entries),
                        (SELECT COUNT(*) FROM hand_over),
                        (SELECT MIN(handed_at) FROM hand_over)
                    """
                ).first
            else { return WorkBacklog() }
            let (due, claimed, queued, fetching, handed, oldest) = try row.decode(
                (Int, Int, Int, Int, Int, Int?).self)
            var backlog = WorkBacklog()
            backlog.dueSources = due
            backlog.claimedSources = claimed
            backlog.queuedEntries = queued
            backlog.claimedEntries = fetching
            backlog.handedArticles = handed
            backlog.oldestHandedAt = oldest
            return backlog
        }
    }

    public func takeFilingLeadership() throws -> (any SessionLock)? {
        try sessionLock(Self.filingLockClass, key: nil)
    }

    /// Takes the session-level advisory lock (`lockClass`, `key`) on a connection of its own; nil when
    /// another session holds it. Without a key, the lock is the schema's.
    private func sessionLock(_ lockClass: Int32, key: Int32?) throws -> (any SessionLock)? {
        let connection = try connections.dedicated()
        let query: PostgresQuery =
            if let key {
                "SELECT pg_try_advisory_lock(\(lockClass), \(key))"
            } else {
                "SELECT pg_try_advisory_lock(\(lockClass), hashtext(current_schema()))"
            }
        do {
            let held = try connection.query(query, logger: connections.logger).wait().rows.first?.decode(Bool.self)
            if held == true { return PostgresSessionLock(connection: connection, connections: connections) }
        } catch {
            _ = try? connection.close().wait()
            throw PostgresFailure.describe(error, url: connections.url)
        }
        _ = try? connection.close().wait()
        return nil
    }
}

/// A session-level advisory lock, held as long as its connection lives. A process that dies, or loses its
/// connection, loses it with the session, and another process can take it.
///
/// `Sendable` for a stated reason: the connection is only used with `lock` held.
final class PostgresSessionLock: SessionLock, @unchecked Sendable {
    private let connection: PostgresConnection
    private let connections: Connections
    private let lock = NSLock()
    private var released = false

    init(connection: PostgresConnection, connections: Connections) {
        self.connection = connection
        self.connections = connections
    }

    func isHeld() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !released, !connection.isClosed else { return false }
        let alive = try? Self.wait(for: connection.query("SELECT 1", logger: connections.logger), seconds: 10)
        return alive != nil
    }

    func release() {
        lock.lock()
        defer { lock.unlock() }
        guard !released else { return }
        released = true
        guard !connection.isClosed else { return }
        // Unlocked before closing: the server ends a closed session a moment later, and the lock with it.
        _ = try? Self.wait(
            for: connection.query("SELECT pg_advisory_unlock_all()", logger: connections.logger), seconds: 10)
        _ = try? Self.wait(for: connection.close(), seconds: 10)
    }

    /// The future's value, or an error after `seconds`: a query sent as the server goes away can be left
    /// unanswered, and a lock must never hold its worker forever.
    static func wait<Value: Sendable>(for future: EventLoopFuture<Value>, seconds: Int64) throws -> Value {
        let promise = future.eventLoop.makePromise(of: Value.self)
        let settled = NIOLockedValueBox(false)
        let settle: @Sendable (Result<Value, any Error>) -> Void = { result in
            guard
                settled.withLockedValue({ done in
                    defer { done = true }; return !done
                })
            else { return }
            promise.completeWith(result)
        }
        let timer = future.eventLoop.scheduleTask(in: .seconds(seconds)) {
            settle(.failure(NewsdeskError(.unreadable, "PostgreSQL did not answer in \(seconds) s")))
        }
        future.whenComplete { result in
            timer.cancel()
            settle(result)
        }
        return try promise.futureResult.wait()
    }

    deinit {
        let connection = connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}
