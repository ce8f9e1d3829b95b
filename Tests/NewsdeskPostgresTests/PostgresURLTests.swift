import NewsdeskCore
import Testing

@testable import NewsdeskPostgres

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test func theUsualForm() throws {
        let url = try PostgresURL("postgres://newsdesk:s3cret@db.example.com:6432/desk")
        #expect(
            url
                == PostgresURL(
                    host: "db.example.com", port: 6432, user: "newsdesk", password: "s3cret", database: "desk",
                    tls: .prefer))
        #expect(url.description == "postgres://newsdesk:…@db.example.com:6432/desk")
    }

    @Test func defaultsAndTheOtherScheme() throws {
        let url = try PostgresURL("postgresql://reader@localhost/news?sslmode=disable")
        #expect(url == PostgresURL(host: "localhost", user: "reader", password: nil, database: "news", tls: .disable))
        #expect(url.description == "postgres://reader@localhost:5432/news")
    }

    @Test func escapesAndIPv6() throws {
        let url = try PostgresURL("postgres://us%40er:p%40ss%3Aw%2Fd@[::1]:5433/my%20db?sslmode=require")
        #expect(url.user == "us@er")
        #expect(url.password == "p@ss:w/d")
        #expect(url.host == "::1")
        #expect(url.port == 5433)
        #expect(url.database == "my db")
        #expect(url.tls == .require)
        #expect(url.description == "postgres://us@er:…@[::1]:5433/my db")
    }

    @Test func sslModes() throws {
        let modes: [(String, PostgresURL.TLSMode)] = [
            ("disable", .disable), ("allow", .prefer), ("prefer", .prefer), ("require", .require),
            ("verify-ca", .verifyFull), ("verify-full", .verifyFull),
        ]
        for (mode, expected) in modes {
            #expect(try PostgresURL("postgres://u@h/d?sslmode=\(mode)").tls == expected)
        }
    }

    @Test func whatIsWrongIsNamedAndThePasswordNeverShown() throws {
        let cases: [(String, String)] = [
            ("mysql://u:p@h/d", "does not start with postgres:// or postgresql://"),
            ("newsdesk.sqlite", "does not start with postgres:// or postgresql://"),
            ("postgres://u:hunter2@h", "names no database"),
            ("postgres://u:hunter2@h/", "names no database"),
            ("postgres://h:5432/d", "names no user"),
            ("postgres://:hunter2@h/d", "names no user"),
            ("postgres://u:hunter2@/d", "names no host"),
            ("postgres://u:hunter2@h:port/d", "has a port that is not a number from 1 to 65535"),
            ("postgres://u:hunter2@h:70000/d", "has a port that is not a number from 1 to 65535"),
            ("postgres://u:hunter2@[::1/d", "has an unclosed [ in its host"),
            (
                "postgres://u:hunter2@h/d?sslmode=sometimes",
                "has sslmode=sometimes; use disable, prefer, require or verify-full"
            ),
            ("postgres://u:hunter2@h/d?timeout=3", "has the parameter “timeout”; only sslmode is understood"),
            ("postgres://u:hunter2%zz@h/d", "has a broken %-escape in its password"),
        ]
        for (text, problem) in cases {
            let error = try #require(throws: NewsdeskError.self) { try PostgresURL(text) }
            #expect(error.message == "the database URL \(problem) (expected postgres://user:password@host:port/name)")
            #expect(error.code == .unparseable)
            #expect(!error.message.contains("hunter2"))
        }
    }

    @Test func aURLIsToldFromAPath() {
        #expect(PostgresURL.isPostgres("postgres://u@h/d"))
        #expect(PostgresURL.isPostgres("postgresql://u@h/d"))
        #expect(!PostgresURL.isPostgres("newsdesk.sqlite"))
        #expect(!PostgresURL.isPostgres("/var/lib/postgres/newsdesk.sqlite"))
    }
}
