import Dispatch
import NIOConcurrencyHelpers
import NewsdeskCore
import NewsdeskStore
import NewsdeskStoreConformance
import PostgresNIO
import Testing

@testable import NewsdeskPostgres

@Suite(
    "PostgreSQL store",
    .enabled(
        if: PostgresTestDatabase.text != nil,
        "NEWSDESK_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against (see .ci/run)"))
struct PostgresStoreTests {
    /// The shared checks every store passes, each in a schema of its own.
    @Test(arguments: StoreCheck.allCases)
    func conformsToNewsStore(_ check: StoreCheck) throws {
        try PostgresTestDatabase.withSchema { url, schema in
            try check.run { try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger) }
        }
    }

    /// The shared checks every store that keeps accounts passes.
    @Test(arguments: AccountCheck.allCases)
    func conformsToAccountStore(_ check: AccountCheck) throws {
        try PostgresTestDatabase.withSchema { url, schema in
            try check.run { try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger) }
        }
    }

    @Test func migrationsRunOnceByName() throws {
        try PostgresTestDatabase.withSchema { url, schema in
            let store = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
            let names = PostgresMigrations.all.map(\.name)
            #expect(try store.appliedMigrations() == names)
            _ = try store.store(Fixtures.quake, at: 1)
            let reopened = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
            #expect(try reopened.appliedMigrations() == names)
            #expect(try reopened.articleCount() == 1)
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        try PostgresTestDatabase.withSchema { url, schema in
            _ = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
            try PostgresTestDatabase.admin(url, schema: schema) { session in
                try session.execute("INSERT INTO schema_migrations (name) VALUES ('v99 from the future')")
            }
            let error = try #require(throws: NewsdeskError.self) {
                try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
            }
            #expect(
                error.message
                    == "the database \(url) has a newer schema than this newsdesk (migration “v99 from the future”); "
                    + "upgrade newsdesk")
            #expect(error.code == .unsupported)
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func aWrongPasswordIsNamedWithoutRepeatingIt() throws {
        var url = try PostgresTestDatabase.url()
        url.password = "not-the-password"
        let error = try #require(throws: NewsdeskError.self) {
            try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        }
        #expect(error.message == "PostgreSQL at \(url.host):\(url.port) refused the password for user “\(url.user)”")
        #expect(!error.message.contains("not-the-password"))
    }

    @Test func aMissingDatabaseIsNamed() throws {
        var url = try PostgresTestDatabase.url()
        url.database = "newsdesk_no_such_database"
        let error = try #require(throws: NewsdeskError.self) {
            try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        }
        #expect(error.message == "PostgreSQL at \(url.host):\(url.port) has no database “newsdesk_no_such_database”")
    }

    @Test func manyThreadsStoreAtOnceWithoutDeadlockOrDoubles() throws {
        try PostgresTestDatabase.withSchema { url, schema in
            let store = try PostgresStore(url: url, schema: schema, connections: 3, logger: PostgresTestDatabase.logger)
            let inserted = NIOLockedValueBox(0)
            let failures = NIOLockedValueBox<[String]>([])
            // Sixteen calls on three connections: the same article eight times, and eight others.
            DispatchQueue.concurrentPerform(iterations: 16) { index in
                do {
                    var article = Fixtures.quake
                    if index % 2 == 1 {
                        article.url += "/\(index)"
                        article.guid = nil
                    }
                    if case .inserted = try store.store(article, at: 1) { inserted.withLockedValue { $0 += 1 } }
                } catch {
                    failures.withLockedValue { $0.append("\(error)") }
                }
            }
            #expect(failures.withLockedValue { $0 } == [])
            #expect(inserted.withLockedValue { $0 } == 9)
            #expect(try store.articleCount() == 9)
        }
    }

    @Test func aLostConnectionIsReplaced() throws {
        try PostgresTestDatabase.withSchema { url, schema in
            let store = try PostgresStore(url: url, schema: schema, connections: 1, logger: PostgresTestDatabase.logger)
            _ = try store.store(Fixtures.quake, at: 1)
            try PostgresTestDatabase.admin(url) { session in
                let ended = try session.execute(
                    """
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE application_name = \("newsdesk/" + schema)
                    """)
                #expect(ended == 1)
            }
            // The first call may find the connection gone while it runs; the next ones work.
            _ = try? store.articleCount()
            #expect(try store.articleCount() == 1)
            #expect(try store.store(Fixtures.quake, at: 2) == .unchanged(id: 1))
        }
    }
}

@Suite("PostgreSQL connection errors")
struct PostgresConnectionErrorTests {
    @Test func aRefusedConnectionIsNamed() throws {
        let url = PostgresURL(host: "127.0.0.1", port: 1, user: "newsdesk", password: "secret", database: "x")
        let error = try #require(throws: NewsdeskError.self) {
            try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        }
        #expect(error.message == "cannot connect to PostgreSQL at 127.0.0.1:1: connection refused")
    }
}
