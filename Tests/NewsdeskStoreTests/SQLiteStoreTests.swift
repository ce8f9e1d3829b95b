import Foundation
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
