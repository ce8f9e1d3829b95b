import ArgumentParser
import Foundation
import Hummingbird
import NewsdeskDesk
import NewsdeskFetch
import NewsdeskStore
import NewsdeskWeb

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web reader and its JSON API, and poll every source when it is due.",
        discussion: """
            The reader (front page, stories, articles, search, sources, Atom feeds, /api/v1) \\
            listens on http://127.0.0.1:8080 by default. In the same process the desk polls each \\
            source when it is due, as `newsdesk ingest` does, keeping its story grouping between \\
            passes; a pass that fails is reported and the reader keeps serving. Beyond loopback \\
            (--host 0.0.0.0), changing sources needs --admin-token (or NEWSDESK_ADMIN_TOKEN). \\
            Stop with Ctrl-C.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var network: NetworkOptions

    @OptionGroup var desk: DeskOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The token that allows changing sources from the web (else NEWSDESK_ADMIN_TOKEN).")
    var adminToken: String?

    @Flag(help: "Only serve the reader; do not poll the sources.")
    var noIngest = false

    @Flag(help: "Print each pass's time per stage and the memory in use.")
    var stats = false

    @Flag(help: "Render every page anew instead of keeping it until the store changes (to measure rendering).")
    var noPageCache = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        if let adminToken, adminToken.count < 12 {
            throw ValidationError("--admin-token must be at least 12 characters")
        }
    }

    func run() async throws {
        let store = try database.open()
        let fetcher = network.makeFetcher(maxBodyBytes: 10 * 1024 * 1024)
        var settings = ReaderSettings()
        settings.host = host
        settings.port = port
        settings.adminToken = adminToken ?? ProcessInfo.processInfo.environment["NEWSDESK_ADMIN_TOKEN"]
        settings.pageCache = !noPageCache
        let reader = try Reader(store: store, settings: settings) { url in
            try await SourceList.follow(url, store: store, fetcher: fetcher, now: Self.now)
        }
        let host = host
        let sourceCount = try store.sources().count
        let application = Application(
            router: reader.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "Newsdesk"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                print(
                    "newsdesk: serving http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ — \(sourceCount) sources"
                )
                fflush(nil)
            })
        if settings.adminToken == nil && !["127.0.0.1", "localhost", "::1"].contains(host) {
            StandardError.write(
                "newsdesk: warning: listening beyond loopback without --admin-token: sources cannot be changed from the web"
            )
        }
        let deskSettings = desk.settings
        let ingest = !noIngest
        let stats = stats
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService() }
            if ingest {
                group.addTask {
                    try await Self.schedule(store: store, fetcher: fetcher, settings: deskSettings, stats: stats)
                }
            }
            // The server ends on SIGINT or SIGTERM; the scheduler goes with it.
            try await group.next()
            group.cancelAll()
        }
        await fetcher.shutdown()
    }

    /// Polls the due sources, sleeps until the next is due (a minute at most, so sources added meanwhile
    /// are picked up), and again, until cancelled. A failing pass is reported and tried again.
    static func schedule(store: any NewsStore, fetcher: Fetcher, settings: Desk.Settings, stats: Bool) async throws {
        let desk = try Desk(store: store, fetcher: fetcher, settings: settings, now: now)
        while !Task.isCancelled {
            do {
                let report = try await desk.ingestDue(now: now)
                if report.sourcesPolled > 0 {
                    print(timestamp() + " " + report.summary)
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
            let wait = max(1, min(60, (next ?? now + 60) - now))
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
