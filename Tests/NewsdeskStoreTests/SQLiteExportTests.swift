import Foundation
import GRDB
import NewsdeskCore
import Testing

@testable import NewsdeskStore

@Suite("Reading a whole SQLite desk")
struct SQLiteExportTests {
    @Test func aMissingFileIsNamedAndNotCreated() throws {
        try withDatabasePath { path in
            let error = try #require(throws: NewsdeskError.self) { try SQLiteStore(existingDesk: path) }
            #expect(error.message == "\(path) does not exist")
            #expect(error.code == .notFound)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func aFolderIsNotADesk() throws {
        try withDatabasePath { path in
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let error = try #require(throws: NewsdeskError.self) { try SQLiteStore(existingDesk: folder) }
            #expect(error.message == "\(folder) is a directory, not a newsdesk database")
        }
    }

    @Test func aFileThatIsNotSQLiteIsNamed() throws {
        try withDatabasePath { path in
            try Data(String(repeating: "These are notes, not a database.\n", count: 10).utf8)
                .write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: NewsdeskError.self) { try SQLiteStore(existingDesk: path) }
            #expect(error.message == "\(path) is not a SQLite database")
        }
    }

    @Test func anotherProgramsDatabaseIsLeftAlone() throws {
        try withDatabasePath { path in
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            }
            let error = try #require(throws: NewsdeskError.self) { try SQLiteStore(existingDesk: path) }
            #expect(error.message == "\(path) is a SQLite database, but not a newsdesk one (no newsdesk tables)")
            let tables = try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
            #expect(tables == ["notes"])
        }
    }

    @Test func aNewerNewsdesksDeskIsRefused() throws {
        try withDatabasePath { path in
            _ = try SQLiteStore(path: path)
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 from the future')")
            }
            let error = try #require(throws: NewsdeskError.self) { try SQLiteStore(existingDesk: path) }
            #expect(
                error.message
                    == "\(path) was made by a newer newsdesk (migration “v99 from the future”); upgrade newsdesk")
        }
    }

    @Test func rowsComeInBatchesFromOneMoment() throws {
        try withDatabasePath { path in
            let created = try SQLiteStore(path: path)
            _ = try created.addSource(
                feedURL: "https://feeds.example.com/a", title: "A", siteURL: nil, folder: nil, at: 1)
            for number in 1...5 {
                _ = try created.store(
                    ArticleInput(
                        url: "https://news.example.com/\(number)", title: "Title \(number)", fetchedAt: number,
                        text: "Text \(number)."),
                    at: number, story: { id in .open(score: Double(id) / 10) })
            }
            #expect(
                try created.store(
                    ArticleInput(url: "https://news.example.com/1", title: "Title one", fetchedAt: 9, text: "Text 1."),
                    at: 9) == .revised(id: 1, revision: 2))
            let desk = try SQLiteStore(existingDesk: path)
            try desk.withSnapshot { snapshot in
                let counts = DeskCounts(sources: 1, articles: 5, revisions: 1, stories: 5)
                #expect(try snapshot.counts() == counts)
                // Written meanwhile, by another connection: not seen.
                _ = try created.store(
                    ArticleInput(url: "https://news.example.com/6", title: "Six", fetchedAt: 6, text: "Six."), at: 6)
                #expect(try snapshot.counts() == counts)
                var batches: [[Int64]] = []
                try snapshot.articles(batchSize: 2) { batch in batches.append(batch.map(\.id)) }
                #expect(batches == [[1, 2], [3, 4], [5]])
                var first: ExportedArticle?
                try snapshot.articles(batchSize: 10) { batch in first = batch.first }
                #expect(
                    first
                        == ExportedArticle(
                            id: 1, url: "https://news.example.com/1", guid: nil, sourceID: nil, title: "Title one",
                            byline: nil, publishedAt: nil, fetchedAt: 9, language: nil, siteName: nil, image: nil,
                            text: "Text 1.", html: "", fromFeed: false, findings: "[]",
                            contentHash: String(ContentHash.of(title: "Title one", text: "Text 1."), radix: 16),
                            revision: 2, storyID: 1, storyScore: 0.1, storyShared: "", copyOf: nil, entryKey: nil))
                var stories: [ExportedStory] = []
                try snapshot.stories(batchSize: 3) { stories += $0 }
                #expect(stories.map(\.id) == [1, 2, 3, 4, 5])
                #expect(
                    stories.first
                        == ExportedStory(
                            id: 1, headline: "Title 1", firstArticleID: 1, firstAt: 1, lastAt: 1, articleCount: 1,
                            outletCount: 1, flaggedCount: 0, headlineScore: 0.1))
                var revisions: [ExportedRevision] = []
                try snapshot.revisions(batchSize: 3) { revisions += $0 }
                #expect(
                    revisions == [
                        ExportedRevision(articleID: 1, revision: 1, title: "Title 1", text: "Text 1.", replacedAt: 9)
                    ])
                var sources: [SourceRecord] = []
                try snapshot.sources(batchSize: 3) { sources += $0 }
                #expect(sources == (try created.sources()))
            }
        }
    }
}
