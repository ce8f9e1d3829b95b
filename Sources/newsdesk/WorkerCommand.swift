import ArgumentParser
import Foundation
import NewsdeskCore
import NewsdeskDesk
import NewsdeskFetch
import NewsdeskMetrics
import NewsdeskStore
import NewsdeskWeb

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Share a PostgreSQL desk's work with other processes: poll, fetch, extract, check and file.",
        discussion: """
            Any number of workers, on any number of machines, and `serve`'s own scheduler share the \
            work through the database: each due source and each fetched entry is claimed by exactly \
            one of them for --claim-seconds, after which a crashed worker's claims are taken over; \
            the per-host limits (--host-connections pages of one host at once, --host-delay-ms between \
            two of them) hold across all workers. One process at a time files the extracted articles \
            into stories (the filing leadership, a PostgreSQL advisory lock); when it stops, another \
            takes over. If the database goes away, the worker says so and tries again, ever more \
            slowly, up to a minute apart. Stop with Ctrl-C: its claims are released at once.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var network: NetworkOptions

    @OptionGroup var desk: DeskOptions

    @Flag(help: "Exit once no work is due, queued, in hand or waiting to be filed (for batch runs and tests).")
    var exitWhenIdle = false

    @Option(help: "Serve Prometheus metrics at /metrics on this port (0: not at all).")
    var metricsPort = 0

    @Option(help: "The address the metrics listen on.")
    var metricsHost = "127.0.0.1"

    @Option(help: "The token a scraper must send as a bearer token (else NEWSDESK_ADMIN_TOKEN; none: open).")
    var adminToken: String?

    @Flag(help: "At the end, also print the time per stage, articles per second and peak memory.")
    var stats = false

    @Option(help: "Seconds between two lines of progress (when something was done).")
    var progressSeconds = 60.0

    func validate() throws {
        guard progressSeconds.isFinite, progressSeconds >= 1 else {
            throw ValidationError("--progress-seconds must be at least 1")
        }
        guard (0...65_535).contains(metricsPort) else {
            throw ValidationError("--metrics-port must be from 0 to 65535")
        }
    }

    func run() async throws {
        guard database.isPostgres else {
            throw ValidationError(
                "newsdesk worker needs a PostgreSQL database (--database postgres://…); on SQLite, "
                    + "`newsdesk serve` or `newsdesk ingest` does all the work in one process")
        }
        let store = try await database.openWaiting()
        let fetcher = network.makeFetcher(maxBodyBytes: 10 * 1024 * 1024)
        guard let worker = Self.worker(on: store, fetcher: fetcher, desk: desk, network: network) else {
            await fetcher.shutdown()
            throw NewsdeskError(.unreadable, "the database at \(database.location) cannot share work")
        }
        print("newsdesk: worker \(worker.name) on \(database.redactedLocation)")
        fflush(nil)
        let report: IngestReport
        let stop: Worker.Stop = exitWhenIdle ? .whenIdle : .never
        let every = progressSeconds
        let metrics = DeskMetrics()
        let metricsServer =
            metricsPort == 0
            ? nil
            : MetricsServer(
                metrics: metrics, host: metricsHost, port: metricsPort,
                adminToken: adminToken ?? ProcessInfo.processInfo.environment["NEWSDESK_ADMIN_TOKEN"])
        let work = Task {
            try await withThrowingTaskGroup(of: IngestReport?.self) { group in
                if let metricsServer {
                    group.addTask {
                        try await metricsServer.run()
                        return nil
                    }
                }
                group.addTask {
                    try await worker.run(
                        until: stop, every: min(every, 10), progress: Self.reporting(to: metrics),
                        failed: Self.reportFailure)
                }
                // The worker's report ends the run; the metrics server goes with it.
                while let done = try await group.next() {
                    if let report = done {
                        group.cancelAll()
                        return report
                    }
                }
                return IngestReport()
            }
        }
        // Ctrl-C and SIGTERM end the work in hand and release the claims, so others take them at once.
        let signals = Self.cancelling(work, on: [SIGINT, SIGTERM])
        defer { signals.forEach { $0.cancel() } }
        do {
            report = try await work.value
        } catch {
            await fetcher.shutdown()
            throw error
        }
        await fetcher.shutdown()
        print(report.summary)
        if stats { print(report.statistics) }
    }

    /// Signal sources that cancel `task` when one of `signals` arrives (instead of ending the process).
    static func cancelling<T>(_ task: Task<T, any Error>, on signals: [Int32]) -> [any DispatchSourceSignal] {
        signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
    }

    /// A worker for `store` when it can share its work (PostgreSQL), nil for one that cannot (SQLite).
    static func worker(on store: any NewsStore, fetcher: Fetcher, desk: DeskOptions, network: NetworkOptions)
        -> Worker?
    {
        guard let shared = store as? any NewsStore & SharedWork else { return nil }
        var settings = Worker.Settings(name: Self.uniqueName())
        settings.desk = desk.settings
        settings.lease = desk.claimSeconds
        settings.perHost = network.hostConnections
        settings.hostSpacing = network.hostDelayMs
        let worker = Worker(store: shared, fetcher: fetcher, settings: settings)
        let name = settings.name
        worker.onLeadership = { leading in
            print("newsdesk: worker \(name) " + (leading ? "files the stories now" : "no longer files the stories"))
            fflush(nil)
        }
        return worker
    }

    /// The host's name, the process id and a random part: unique among the workers sharing a database.
    static func uniqueName() -> String {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count)
        let name = String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(name)/\(getpid())/\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }

    static func reportFailure(_ error: any Error) {
        StandardError.write("newsdesk: \(error); trying again")
    }

    /// What a worker tells of its progress, recorded in `metrics` and printed when something was done.
    static func reporting(to metrics: DeskMetrics) -> (Worker.Progress) -> Void {
        { progress in
            metrics.record(progress.report)
            metrics.setClaimsWaiting(
                sources: progress.backlog.dueSources, entries: progress.backlog.queuedEntries)
            metrics.setGroupingLag(seconds: Double(progress.filingLag), waiting: progress.backlog.handedArticles)
            metrics.setFilingLeader(progress.isFiling)
            printProgress(progress)
        }
    }

    static func printProgress(_ progress: Worker.Progress) {
        let report = progress.report
        guard report.sourcesPolled + report.newArticles + report.revisedArticles > 0 else { return }
        let backlog = progress.backlog
        print(
            ServeCommand.timestamp() + " " + report.summary
                + "; waiting: \(backlog.dueSources) sources, \(backlog.queuedEntries) pages, "
                + "\(backlog.handedArticles) to file" + (progress.isFiling ? "; filing stories" : ""))
        fflush(nil)
    }
}
