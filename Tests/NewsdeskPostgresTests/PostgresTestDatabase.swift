import Foundation
import Logging
import PostgresNIO

@testable import NewsdeskPostgres

/// The test server, from `NEWSDESK_TEST_POSTGRES_URL` (for instance
/// `postgres://newsdesk:newsdesk@127.0.0.1:5432/newsdesk_test`); the tests that need it are skipped
/// without it. Each test gets a schema of its own, dropped afterwards, so tests run side by side.
enum PostgresTestDatabase {
    static let variable = "NEWSDESK_TEST_POSTGRES_URL"
    static let text = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }

    static func url() throws -> PostgresURL {
        guard let text else { throw NewsdeskTestSkipped() }
        return try PostgresURL(text)
    }

    struct NewsdeskTestSkipped: Error {}

    /// Warnings and errors only: every test migrates a schema, and says so at info level.
    static let logger = {
        var logger = Logger(label: "newsdesk.postgres.test")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with a new, empty schema's name, and drops the schema and all in it afterwards.
    static func withSchema(_ body: (PostgresURL, String) throws -> Void) throws {
        let url = try url()
        let schema = "newsdesk_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try admin(url) { session in try session.execute("CREATE SCHEMA \(unescaped: schema)") }
        defer {
            try? admin(url) { session in try session.execute("DROP SCHEMA \(unescaped: schema) CASCADE") }
        }
        try body(url, schema)
    }

    /// Statements outside any store: the schema's creation, a migration from the future, a lost connection.
    static func admin(_ url: PostgresURL, schema: String? = nil, _ body: (Session) throws -> Void) throws {
        let connections = try Connections(url: url, schema: schema, size: 1, logger: logger)
        defer { connections.shutDown() }
        try connections.withSession(body)
    }
}
