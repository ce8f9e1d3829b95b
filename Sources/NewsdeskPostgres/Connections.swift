import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NewsdeskCore
import PostgresNIO

/// A few connections to one database, each lent to one call at a time, opened when first needed and
/// opened again after a failure. PostgresNIO runs on the pool's own event loop threads, and callers
/// block on its futures from theirs: never on one of those threads, and never on Swift concurrency's,
/// so a query cannot wait for a thread its own caller holds, however few cores there are.
///
/// `Sendable` for a stated reason: its mutable state is only touched with `condition` locked.
final class Connections: @unchecked Sendable {
    let url: PostgresURL
    let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let configuration: PostgresConnection.Configuration
    private let size: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0
    private var isShutDown = false
    private var transactionsEnded = 0

    init(url: PostgresURL, schema: String?, size: Int, logger: Logger) throws {
        self.url = url
        self.logger = logger
        self.size = max(1, size)
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: try Self.tls(url))
        configuration.options.connectTimeout = .seconds(10)
        // The application name tells the desk's sessions apart in pg_stat_activity. Commits do not wait
        // for the disk, as SQLite's WAL with synchronous=NORMAL does not: a crash of the server or the
        // machine can lose the last moment's transactions, whole and in order, never corrupt the rest —
        // and the desk fetches what it lost again, as the crash tests show.
        configuration.options.additionalStartupParameters = [
            ("application_name", schema.map { "newsdesk/\($0)" } ?? "newsdesk"),
            ("synchronous_commit", "off"),
        ]
        if let schema { configuration.options.additionalStartupParameters.append(("search_path", schema)) }
        self.configuration = configuration
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    private static func tls(_ url: PostgresURL) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.tls {
        case .disable: return .disable
        case .verifyFull: return .require(try NIOSSLContext(configuration: tls))
        case .prefer, .require:
            // As libpq: without verify-full, TLS protects from listeners, not from an impostor.
            tls.certificateVerification = .none
            let context = try NIOSSLContext(configuration: tls)
            return url.tls == .prefer ? .prefer(context) : .require(context)
        }
    }

    /// How many transactions have ended (committed or not) through this pool: what this process has
    /// written since a moment is seen by this count moving.
    var transactionCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return transactionsEnded
    }

    /// Runs `body` in one transaction: BEGIN, the body's statements, COMMIT; ROLLBACK when anything throws,
    /// and the error thrown again. A connection found broken when the transaction begins is replaced once.
    @discardableResult
    func transaction<T>(_ body: (Session) throws -> T) throws -> T {
        defer {
            condition.lock()
            transactionsEnded &+= 1
            condition.unlock()
        }
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try withSession { session in
                    // BEGIN goes with the body's first statement; a connection found broken by it is replaced.
                    let begin = session.connection.query("BEGIN", logger: logger)
                    do {
                        let value = try body(session)
                        try session.execute("COMMIT")
                        return value
                    } catch {
                        do { _ = try begin.wait() } catch { throw Retry(error: error) }
                        _ = try? session.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let retry as Retry {
                guard attempt < 2, PostgresFailure.isConnectionLost(retry.error) else {
                    throw PostgresFailure.describe(retry.error, url: url)
                }
            }
        }
    }

    private struct Retry: Error {
        var error: any Error
    }

    /// Runs `body` on a connection of its own, outside any transaction: for single statements.
    func withSession<T>(_ body: (Session) throws -> T) throws -> T {
        let connection = try lease()
        var reusable = true
        defer { release(connection, reusable: reusable && !connection.isClosed) }
        do {
            return try body(Session(connection: connection, logger: logger))
        } catch let error as PSQLError {
            reusable = !PostgresFailure.isConnectionLost(error)
            throw PostgresFailure.describe(error, url: url)
        } catch let error as PostgresFailure.ConnectionClosed {
            reusable = false
            throw PostgresFailure.describe(error, url: url)
        } catch let retry as Retry {
            reusable = false
            throw retry
        }
    }

    private func lease() throws -> PostgresConnection {
        condition.lock()
        while true {
            if isShutDown {
                condition.unlock()
                throw NewsdeskError(.unreadable, "the PostgreSQL store at \(url) is closed")
            }
            if let connection = idle.popLast() {
                guard connection.isClosed else {
                    condition.unlock()
                    return connection
                }
                open -= 1
                continue
            }
            if open < size { break }
            condition.wait()
        }
        open += 1
        nextID += 1
        let id = nextID
        condition.unlock()
        do {
            return try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw PostgresFailure.describe(error, url: url)
        }
    }

    /// A connection outside the pool, for a session that must last (a session-level lock); the caller closes it.
    func dedicated() throws -> PostgresConnection {
        condition.lock()
        let closed = isShutDown
        nextID += 1
        let id = nextID
        condition.unlock()
        if closed { throw NewsdeskError(.unreadable, "the PostgreSQL store at \(url) is closed") }
        do {
            return try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw PostgresFailure.describe(error, url: url)
        }
    }

    private func release(_ connection: PostgresConnection, reusable: Bool) {
        condition.lock()
        if reusable && !isShutDown {
            idle.append(connection)
        } else {
            open -= 1
            // Kept until closed: PostgresNIO traps when a connection goes before its closing is done
            // (a connection the server ended is closed by the channel, not yet by its state).
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
        condition.signal()
        condition.unlock()
    }

    /// Closes the idle connections and stops the event loop; calls after this throw.
    func shutDown() {
        condition.lock()
        guard !isShutDown else {
            condition.unlock()
            return
        }
        isShutDown = true
        let closing = idle
        idle = []
        condition.broadcast()
        condition.unlock()
        for connection in closing { try? connection.close().wait() }
        if MultiThreadedEventLoopGroup.currentEventLoop == nil {
            try? group.syncShutdownGracefully()
        } else {
            group.shutdownGracefully { _ in }
        }
    }
}

/// One connection, lent to one call: its statements, each waited for — or, for statements whose
/// answer nothing needs, sent at once and waited for with the next one (PostgresNIO queues them on the
/// connection, so a transaction's writes do not each wait for the caller's thread to wake).
struct Session {
    let connection: PostgresConnection
    let logger: Logger
    private let sent = Sent()

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// The statements sent and not yet waited for, in order.
    private final class Sent {
        var futures: [EventLoopFuture<PostgresQueryResult>] = []
    }

    /// Sends a statement without waiting: its failure is thrown by the next statement waited for.
    /// The answer can be read once a later statement (the COMMIT) has been waited for.
    @discardableResult
    func send(_ query: PostgresQuery) throws -> EventLoopFuture<PostgresQueryResult> {
        let answer = try dispatch(query)
        sent.futures.append(answer)
        return answer
    }

    /// Writes a statement to the connection. PostgresNIO 1.33.2 never answers a statement written to
    /// a connection the server has already closed (a restart, `pg_terminate_backend`, a failed statement's
    /// FATAL error), so waiting would never end: such a statement fails at once as a lost connection.
    private func dispatch(_ query: PostgresQuery) throws -> EventLoopFuture<PostgresQueryResult> {
        guard !connection.isClosed else { throw PostgresFailure.ConnectionClosed() }
        return connection.query(query, logger: logger)
    }

    /// Waits for the statements sent before; the first failure is thrown.
    private func settle() throws {
        let futures = sent.futures
        sent.futures = []
        var failure: (any Error)?
        for future in futures {
            do { _ = try future.wait() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    /// The rows a statement returns.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        let answer = try dispatch(query)
        try settle()
        return try answer.wait().rows
    }

    /// Runs a statement; how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        let answer = try dispatch(query)
        try settle()
        return try answer.wait().metadata.rows ?? 0
    }

    /// The first column of the first row, if there is one.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        guard let row = try rows(query).first else { return nil }
        return try row.decode(T.self)
    }
}
