import ArgumentParser
import Foundation
import Logging
import NewsdeskCore
import NewsdeskDesk
import NewsdeskPostgres
import NewsdeskStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a SQLite desk into an empty PostgreSQL database, and check the counts.",
        discussion: """
            Copies every source (with its polling state and health), story, article (its identity, \
            content, findings and place in its story) and revision, with their ids, in one transaction: \
            a failure leaves the PostgreSQL database as it was. The database must hold no sources, \
            articles, stories or revisions; its schema is made when missing. Afterwards each kind is \
            counted in PostgreSQL and compared with the desk: exit status 1 when any differs.
            """
    )

    @Option(help: "The SQLite desk to copy.")
    var from: String

    @Option(help: "The PostgreSQL database to copy it into: postgres://user:password@host:port/name.")
    var to: String

    @Option(help: "Rows written by each statement.")
    var batchSize = 1000

    @Flag(help: "One JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 10000") }
    }

    func run() async throws {
        let url: PostgresURL
        let result: DeskImport
        let seconds: Double
        do {
            url = try PostgresURL(to)
            let desk = try SQLiteStore(existingDesk: from)
            var logger = Logger(label: "newsdesk.migrate")
            logger.logLevel = .warning
            let target = try PostgresStore(url: url, connections: 2, logger: logger)
            defer { target.close() }
            let clock = ContinuousClock()
            let started = clock.now
            result = try target.importDesk(from: desk, batchSize: batchSize)
            seconds = Desk.seconds(clock.now - started)
        } catch {
            StandardError.write("newsdesk: \(error)")
            throw ExitCode(1)
        }
        let mismatches = result.mismatches
        let rows = result.stored.kinds.reduce(0) { $0 + $1.count }
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("from", from)
            writer.field("to", url.description)
            writer.rawField("seconds", String(format: "%.2f", seconds))
            for (name, counts) in [("sqlite", result.read), ("postgres", result.stored)] {
                writer.objectField(name) { object in
                    for kind in counts.kinds { object.field(kind.kind, kind.count) }
                }
            }
            writer.rawField("match", mismatches.isEmpty ? "true" : "false")
            writer.endObject()
            print(writer.output)
        } else {
            print(
                String(
                    format: "copied %@ to %@ in %.1f s (%.0f rows/s, %.0f articles/s)", from, url.description, seconds,
                    Double(rows) / max(seconds, 1e-9), Double(result.stored.articles) / max(seconds, 1e-9)))
            print("")
            print(Self.row("", "in SQLite", "in PostgreSQL"))
            for (read, stored) in zip(result.read.kinds, result.stored.kinds) {
                print(Self.row(read.kind, Self.grouped(read.count), Self.grouped(stored.count)))
            }
            print("")
            if mismatches.isEmpty { print("counts match") }
        }
        guard mismatches.isEmpty else {
            StandardError.write("newsdesk: the counts do not match: \(mismatches.joined(separator: "; "))")
            throw ExitCode(1)
        }
    }

    private static func row(_ kind: String, _ read: String, _ stored: String) -> String {
        kind.padding(toLength: 10, withPad: " ", startingAt: 0) + String(repeating: " ", count: max(0, 12 - read.count))
            + read + String(repeating: " ", count: max(0, 16 - stored.count)) + stored
    }

    /// 100000 as "100,000".
    private static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
