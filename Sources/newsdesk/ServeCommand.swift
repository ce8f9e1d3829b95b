import ArgumentParser
import Foundation
import NewsdeskDesk
import NewsdeskStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the desk continuously: poll every source when it is due, until stopped.",
        discussion: """
            One desk, kept between passes: its story grouping holds the recent window and \\
            nothing older, however long it runs. Each pass is what `newsdesk ingest` does; \\
            between passes it sleeps until the next source is due (at most a minute, so \\
            sources added meanwhile are picked up). A pass that fails — the database \\
            unwritable, say — is reported and tried again at the next round.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var network: NetworkOptions

    @OptionGroup var desk: DeskOptions

    @Flag(help: "Print each pass's time per stage and the memory in use.")
    var stats = false

    func run() async throws {
        let store = try database.open()
        let fetcher = network.makeFetcher(maxBodyBytes: 10 * 1024 * 1024)
        let desk = try Desk(store: store, fetcher: fetcher, settings: desk.settings, now: Self.now)
        StandardError.write("newsdesk: serving \(database.database); \(try store.sources().count) sources")
        while !Task.isCancelled {
            do {
                let report = try await desk.ingestDue(now: Self.now)
                if report.sourcesPolled > 0 {
                    print(Self.timestamp() + " " + report.summary)
                    if stats {
                        let held = desk.held
                        print(
                            report.statistics
                                + String(
                                    format: "; memory now %.1f MB; holding %d open stories, %d terms, %d texts",
                                    ProcessMemory.currentMegabytes, held.stories, held.terms, held.texts))
                    }
                    fflush(nil)
                }
            } catch {
                StandardError.write("newsdesk: this pass failed, trying again later: \(error)")
            }
            let next = (try? store.sources().map(\.nextPollAt).min()) ?? nil
            let wait = max(1, min(60, (next ?? Self.now + 60) - Self.now))
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date())
    }
}
