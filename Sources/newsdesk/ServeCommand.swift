import ArgumentParser
import Foundation
import Hummingbird
import NewsdeskDesk
import NewsdeskFetch
import NewsdeskMetrics
import NewsdeskStore
import NewsdeskWeb

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web reader and its JSON API, and poll every source when it is due.",
        discussion: """
            The reader (front page, stories, articles, search, sources, Atom feeds, /api/v1) \
            listens on http://127.0.0.1:8080 by default. In the same process the desk polls each \
            source when it is due, as `newsdesk ingest` does, keeping its story grouping between \
            passes; a pass that fails is reported and the reader keeps serving. Beyond loopback \
            (--host 0.0.0.0), changing sources needs --admin-token (or NEWSDESK_ADMIN_TOKEN). \
            Slow and greedy clients are cut off: a connection is closed when idle for --idle-timeout \
            (also when a response waits that long for the client to read it), or when a request's \
            head (line and headers) takes longer than --header-timeout to arrive; at most \
            --max-connections are open at once (by default three quarters of the open-file limit, \
            so the server never runs out of descriptors), and more wait in the listen backlog. \
            Request bodies \
            over the limit (2 MB for forms, 64 KB for the API) get 413. Stop with Ctrl-C.
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

    @Flag(help: "Once the desk has users, still let anyone read it without logging in.")
    var publicReading = false

    @Flag(help: "Print each pass's time per stage and the memory in use.")
    var stats = false

    @Flag(help: "Render every page anew instead of keeping it until the store changes (to measure rendering).")
    var noPageCache = false

    @Option(help: "Seconds before closing an idle connection, or one not reading its response (0: never).")
    var idleTimeout = 60

    @Option(help: "Seconds a client has to send a whole request head, line and headers (0: no limit).")
    var headerTimeout = 10

    @Option(
        help: """
            Connections open at once; more wait to be accepted until one closes (0: no limit; \
            by default three quarters of the open-file limit).
            """)
    var maxConnections: Int?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        if let adminToken, adminToken.count < 12 {
            throw ValidationError("--admin-token must be at least 12 characters")
        }
        guard (0...86_400).contains(idleTimeout), (0...86_400).contains(headerTimeout) else {
            throw ValidationError("--idle-timeout and --header-timeout must be from 0 to 86400 (seconds)")
        }
        guard (maxConnections ?? 0) >= 0 else {
            throw ValidationError("--idle-timeout, --header-timeout and --max-connections cannot be negative")
        }
    }

    func run() async throws {
        let store = try await database.openWaiting()
        let fetcher = network.makeFetcher(maxBodyBytes: 10 * 1024 * 1024)
        var settings = ReaderSettings()
        settings.host = host
        settings.port = port
        settings.adminToken = adminToken ?? ProcessInfo.processInfo.environment["NEWSDESK_ADMIN_TOKEN"]
        settings.pageCache = !noPageCache
        settings.publicReading = publicReading
        let metrics = DeskMetrics()
        metrics.setFilingLeader(!noIngest)
        let reader = try Reader(store: store, settings: settings, metrics: metrics) { url in
            try await SourceList.follow(url, store: store, fetcher: fetcher, now: Self.now)
        }
        let host = host
        let sourceCount = try store.sources().count
        let limits = ConnectionLimits(
            idleSeconds: idleTimeout, headerSeconds: headerTimeout,
            maxConnections: maxConnections ?? Self.connectionsTheFileLimitAllows())
        let application = Application(
            router: reader.router(),
            server: limits.server,
            configuration: limits.applied(to: .init(address: .hostname(host, port: port), serverName: "Newsdesk")),
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
                if let worker = WorkerCommand.worker(on: store, fetcher: fetcher, desk: desk, network: network) {
                    // On a shared database, the scheduler is one of the workers.
                    group.addTask {
                        _ = try await worker.run(
                            until: .never, every: 10, progress: WorkerCommand.reporting(to: metrics),
                            failed: WorkerCommand.reportFailure)
                    }
                } else {
                    group.addTask {
                        try await Self.schedule(
                            store: store, fetcher: fetcher, settings: deskSettings, stats: stats, metrics: metrics)
                    }
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
    static func schedule(
        store: any NewsStore, fetcher: Fetcher, settings: Desk.Settings, stats: Bool, metrics: DeskMetrics
    ) async throws {
        let desk = try Desk(store: store, fetcher: fetcher, settings: settings, now: now)
        while !Task.isCancelled {
            do {
                let report = try await desk.ingestDue(now: now)
                metrics.record(report)
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
                metrics.recordFailedPass()
                StandardError.write("newsdesk: this pass failed, trying again later: \(error)")
            }
            let next = (try? store.sources().map(\.nextPollAt).min()) ?? nil
            let wait = max(1, min(60, (next ?? now + 60) - now))
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }

    /// Three quarters of the open files the process may have, the rest kept for the database, fetches
    /// and logs; at least 64 (and at most a million).
    static func connectionsTheFileLimitAllows() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        let files = Int(clamping: limit.rlim_cur)  // "unlimited" is the largest number it holds
        return min(1_000_000, max(64, files / 4 * 3))
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
