import ArgumentParser
import Foundation
import NewsdeskDesk
import NewsdeskFetch

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Poll the sources that are due once, store their new articles, and exit (for cron).",
        discussion: """
            For every new entry of a due feed: fetch the page, extract and check the article, find \
            the same copy or the story it belongs to, and store it — each article in its own \
            transaction, so an interrupted run loses nothing stored and a new run skips it. An entry \
            whose headline or update time changed in the feed is fetched again, and a changed \
            article is stored as a new revision. A page that cannot be fetched or extracted keeps \
            the feed's own content, marked as such. A failing source is retried later, ever more \
            slowly, with its error in `sources list`.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var network: NetworkOptions

    @OptionGroup var desk: DeskOptions

    @Flag(help: "Also print the time per stage, articles per second and peak memory.")
    var stats = false

    func run() async throws {
        let store = try database.open()
        let fetcher = network.makeFetcher(maxBodyBytes: 10 * 1024 * 1024)
        let now = Int(Date().timeIntervalSince1970)
        let report: IngestReport
        do {
            if let worker = WorkerCommand.worker(on: store, fetcher: fetcher, desk: desk, network: network) {
                // On a shared database, as one more worker: until no work is left, its own or others'.
                report = try await worker.run(until: .whenIdle, failed: WorkerCommand.reportFailure)
            } else {
                let desk = try Desk(store: store, fetcher: fetcher, settings: desk.settings, now: now)
                report = try await desk.ingestDue(now: now)
            }
        } catch {
            await fetcher.shutdown()
            throw error
        }
        await fetcher.shutdown()
        print(report.summary)
        if stats { print(report.statistics) }
    }
}

/// How the desk works, for `ingest` and `serve`.
struct DeskOptions: ParsableArguments {
    @Option(help: "Days a story stays open after its last report.")
    var windowDays: Double = 3

    @Option(help: "Feeds and pages fetched and extracted at once.")
    var concurrency = 16

    @Option(
        help: """
            On PostgreSQL: seconds a worker's claim on a source or a page lasts; a crashed worker's \
            work is taken over after this.
            """)
    var claimSeconds = 45

    func validate() throws {
        try Self.validate(windowDays: windowDays)
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be from 1 to 1024") }
        guard (5...86_400).contains(claimSeconds) else {
            throw ValidationError("--claim-seconds must be from 5 to 86400")
        }
    }

    /// A story window of more than a second and at most a hundred years (`inf` and `nan` are numbers too).
    static func validate(windowDays: Double) throws {
        guard windowDays.isFinite, windowDays * 86_400 >= 1, windowDays <= 36_500 else {
            throw ValidationError("--window-days must be more than 0 and at most 36500")
        }
    }

    var settings: Desk.Settings {
        var settings = Desk.Settings()
        settings.window = Int(windowDays * 86_400)
        settings.concurrency = concurrency
        return settings
    }
}

extension IngestReport {
    var summary: String {
        "polled \(sourcesPolled) sources (\(sourcesFailed) failed): \(newArticles) new articles"
            + " (\(fromFeed) from the feed alone), \(revisedArticles) revised, \(newStories) new stories, "
            + "\(copies) copies"
    }

    /// The pass's speed and the seconds of each stage.
    var statistics: String {
        let stored = newArticles + revisedArticles
        let rate: Double = seconds > 0 ? Double(stored) / seconds : 0
        let pipeline: Double = stages.extract + stages.check + stages.group + stages.store
        let perArticle: Double = stored > 0 ? pipeline * 1000 / Double(stored) : 0
        let memory: Double = ProcessMemory.peakMegabytes
        return String(
            format: "%.2f s, %.1f articles/s; stage seconds (summed over articles): feeds %.3f, fetch %.3f, "
                + "extract %.3f, check %.3f, group %.3f, store %.3f; extract+check+group+store %.2f ms an "
                + "article; peak memory %.1f MB",
            seconds, rate, stages.feeds, stages.fetch, stages.extract, stages.check, stages.group, stages.store,
            perArticle, memory)
    }
}

/// The process's memory, as the kernel counts it.
enum ProcessMemory {
    /// The most resident memory the process has used, in MB.
    static var peakMegabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// The resident memory now, in MB (from /proc; 0 where there is none).
    static var currentMegabytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = status.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
