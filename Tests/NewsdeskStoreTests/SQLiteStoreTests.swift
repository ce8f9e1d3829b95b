import Foundation
import GRDB
import NewsdeskStoreConformance
import Testing

@testable import NewsdeskStore

/// A database path in a fresh temporary folder, removed afterwards.
func withDatabasePath(_ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try body(folder.appendingPathComponent("newsdesk.sqlite").path)
}

@Suite("SQLite store")
struct SQLiteStoreTests {
    /// The shared checks every store passes, on a new database file each.
    @Test(arguments: StoreCheck.allCases)
    func conformsToNewsStore(_ check: StoreCheck) throws {
        try withDatabasePath { path in try check.run { try SQLiteStore(path: path) } }
    }

    /// The shared checks every store that keeps accounts passes.
    @Test(arguments: AccountCheck.allCases)
    func conformsToAccountStore(_ check: AccountCheck) throws {
        try withDatabasePath { path in try check.run { try SQLiteStore(path: path) } }
    }

    /// A user's state is a row only where it says more than the watermark: marking everything read
    /// leaves only the starred rows.
    @Test func readStateKeepsOnlyWhatTheWatermarkCannotSay() throws {
        try withDatabasePath { path in
            let store = try SQLiteStore(path: path)
            let ids = try (1...6).map { number in
                try store.store(
                    ArticleInput(
                        url: "https://x.example/\(number)", title: "A \(number)", fetchedAt: number, text: "t"),
                    at: number
                ).id
            }
            let user = try store.addUser(name: "alice", passwordHash: "h", isAdmin: false, at: 1).id
            let rows = {
                try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article_states") }
            }
            try store.setRead(userID: user, articles: ids, read: true)
            #expect(try rows() == 6)
            try store.setStarred(userID: user, articles: [ids[0]], starred: true, at: 9)
            try store.markRead(userID: user, stream: .all, throughArticle: ids[5])
            #expect(try rows() == 1)
            try store.setRead(userID: user, articles: [ids[1]], read: true)
            #expect(try rows() == 1)
            try store.setRead(userID: user, articles: [ids[1]], read: false)
            #expect(try rows() == 2)
            try store.setRead(userID: user, articles: [ids[1]], read: true)
            #expect(try rows() == 1)
        }
    }

    @Test func opensInWALMode() throws {
        try withDatabasePath { path in
            let store = try SQLiteStore(path: path)
            #expect(try store.journalMode() == "wal")
        }
    }
}

@Suite("Starter sources")
struct StarterSourcesTests {
    /// The list a new database starts with is the project's OPML file, word for word.
    @Test func matchTheOPMLFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/starter-sources.opml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(StarterSources.opml + "\n" == text)
        #expect(StarterSources.opml.components(separatedBy: "xmlUrl=").count - 1 == 20)
    }
}
