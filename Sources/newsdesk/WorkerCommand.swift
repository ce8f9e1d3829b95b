import ArgumentParser
import Foundation
import NewsdeskCore
import NewsdeskDesk
import NewsdeskFetch
import NewsdeskStore

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

    @Flag(help: "At the end, also print the time per stage, articles per second and peak memory.")
    var stats = false

    @Option(help: "Seconds between two lines of progress (when something was done).")
    var progressSeconds = 60.0

    func validate() throws {
        guard progressSeconds.isFinite, progressSeconds >= 1 else {
            throw ValidationError("--progress-seconds must be at least 1")
        }
    }

    func run() async throws {
        guard database.isPostgres else {
            throw ValidationError(
                "newsdesk worker needs a PostgreSQL database (--database postgres://…); on SQLite, "
                    + "`newsdesk serve` or `newsdesk ingest` does all the work in one process")
        }
        let store = try database.open()
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
        let work = Task {
            try await worker.run(until: stop, every: every, progress: Self.printProgress, failed: Self.reportFailure)
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
