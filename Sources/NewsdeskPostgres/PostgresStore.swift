import Foundation
import Logging
import NewsdeskCore
import NewsdeskStore
import PostgresNIO

/// The store for a desk on several machines: one PostgreSQL database, through PostgresNIO, with the
/// same behaviour as `SQLiteStore` (the shared conformance checks hold both to it). Calls block, as
/// the protocol asks, on a few pooled connections served by the store's own event loop thread; each
/// call is one transaction, every value a bound parameter, and the schema comes from named migrations.
///
/// `Sendable`: its only state is the connection pool, which is.
public final class PostgresStore: NewsStore {
    let connections: Connections
    let generationMemo = GenerationMemo()
    /// Whether this store made the desk's tables: the database had none.
    public let isNew: Bool

    /// Connects to the database at `url` and brings its schema up to date. `schema` names the schema the
    /// tables live in (the connections' `search_path`; a plain lower-case identifier, already created),
    /// nil for the server's default; `connections` is how many calls can run at once.
    public init(
        url: PostgresURL, schema: String? = nil, connections size: Int = 4,
        logger: Logger = Logger(label: "newsdesk.postgres")
    ) throws {
        if let schema, !Self.isPlainIdentifier(schema) {
            throw NewsdeskError(.unparseable, "the schema name “\(schema)” is not a plain lower-case identifier")
        }
        connections = try Connections(url: url, schema: schema, size: size, logger: logger)
        do {
            isNew = try PostgresMigrations.migrate(connections).contains(PostgresMigrations.all[0].name)
        } catch {
            connections.shutDown()
            throw error
        }
    }

    /// Parses `url` (`postgres://user:password@host:port/name`) and connects.
    public convenience init(url: String, logger: Logger = Logger(label: "newsdesk.postgres")) throws {
        try self.init(url: PostgresURL(url), logger: logger)
    }

    deinit { connections.shutDown() }

    /// Closes the connections; calls after this throw.
    public func close() { connections.shutDown() }

    /// The migrations the database has had, in the order applied.
    public func appliedMigrations() throws -> [String] {
        try connections.withSession { session in
            try session.rows("SELECT name FROM schema_migrations ORDER BY applied_at, name").map {
                try $0.decode(String.self)
            }
        }
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (97...122).contains(first) else {
            return false
        }
        return name.utf8.count <= 63
            && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (97...122).contains($0) || (48...57).contains($0) }
    }

    public func articleCount() throws -> Int {
        try connections.withSession { session in try session.value("SELECT COUNT(*) FROM articles") ?? 0 }
    }

    public func articleCounts(since time: Int) throws -> [Int64: Int] {
        try connections.withSession { session in
            var counts: [Int64: Int] = [:]
            for row in try session.rows(
                """
                SELECT source_id, COUNT(*) FROM articles WHERE source_id IS NOT NULL AND fetched_at >= \(time)
                GROUP BY source_id
                """)
            {
                let (source, count) = try row.decode((Int64, Int).self)
                counts[source] = count
            }
            return counts
        }
    }

    /// The generation as last read: the reader asks before every page it serves from its cache, and a
    /// round trip to the server for each would cost more than the page. It is read again when this
    /// store has ended a transaction since (its own writes are seen at once), or after a tenth of a second
    /// (other processes' writes are seen within it).
    public func generation() throws -> Int {
        let now = ContinuousClock.now
        let transactions = connections.transactionCount
        if let known = generationMemo.value(at: now, transactions: transactions) { return known }
        let value = try connections.withSession { session in
            try session.value("SELECT value FROM meta WHERE key = 'generation'") ?? 0
        }
        generationMemo.keep(value, readAt: now, transactions: transactions)
        return value
    }

    /// The generation read last, when, and how many of this store's transactions had ended then.
    ///
    /// `Sendable` for a stated reason: its state is only touched with `lock` held.
    final class GenerationMemo: @unchecked Sendable {
        static let lifetime = Duration.milliseconds(100)
        private let lock = NSLock()
        private var known: (value: Int, readAt: ContinuousClock.Instant, transactions: Int)?

        func value(at now: ContinuousClock.Instant, transactions: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard let known, known.transactions == transactions, now - known.readAt < Self.lifetime else {
                return nil
            }
            return known.value
        }

        func keep(_ value: Int, readAt: ContinuousClock.Instant, transactions: Int) {
            lock.lock()
            defer { lock.unlock() }
            // A read that started earlier never replaces a later one.
            if let known, known.readAt > readAt { return }
            known = (value, readAt, transactions)
        }
    }
}
