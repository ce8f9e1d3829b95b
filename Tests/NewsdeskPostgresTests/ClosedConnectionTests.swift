import NewsdeskCore
import PostgresNIO
import Testing

@testable import NewsdeskPostgres

@Suite(
    "A connection the server closed",
    .enabled(
        if: PostgresTestDatabase.text != nil,
        "NEWSDESK_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against (see .ci/run)"))
struct ClosedConnectionTests {
    /// The server ends the session in the middle of a transaction (as a restart does): the next statement
    /// fails at once, in one line, rather than wait forever for an answer that cannot come.
    @Test func failsTheNextStatementAtOnce() throws {
        try PostgresTestDatabase.withSchema { url, schema in
            let connections = try Connections(url: url, schema: schema, size: 1, logger: PostgresTestDatabase.logger)
            defer { connections.shutDown() }
            let error = try #require(throws: NewsdeskError.self) {
                try connections.transaction { session in
                    try session.execute("SELECT 1")
                    try PostgresTestDatabase.admin(url) { admin in
                        try admin.execute(
                            """
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE application_name = \("newsdesk/" + schema)
                            """)
                    }
                    // Until the connection is seen closed, a statement fails with the server's own FATAL error.
                    while !session.connection.isClosed { _ = try? session.execute("SELECT 1") }
                    try session.execute("SELECT 1")
                }
            }
            #expect(error.message == "lost the connection to PostgreSQL at \(url.host):\(url.port)")
            // The next call has a new connection.
            #expect(try connections.withSession { try $0.value("SELECT 2", as: Int.self) } == 2)
        }
    }
}
