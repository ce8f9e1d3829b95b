import Foundation
import NewsdeskFeed
import NewsdeskFetch
import NewsdeskStore

/// One of any number of processes, on any number of machines, that share a desk's work through its
/// store: each claims due sources and polls them, queueing their new entries; claims queued entries
/// and fetches, extracts and checks their pages; and hands the articles over. The one process that
/// holds the filing leadership also stores the handed articles and places them in stories, its
/// grouping restarted from the store when it takes the leadership over. A worker that dies leaves
/// its claims to run out; others then take the work, and nothing is stored twice (articles are
/// stored by identity, so one filed again is found unchanged).
///
/// `Sendable` for a stated reason: its state is only touched by `run`, which is called once at a time,
/// so it can be handed to the task that runs it.
public final class Worker: @unchecked Sendable {
    public struct Settings: Sendable {
        public var desk = Desk.Settings()
        /// Names the worker's claims: unique among the processes sharing the store.
        public var name: String
        /// Seconds a claim lasts: a crashed worker's sources and entries are taken over after this.
        public var lease = 45
        /// Pages of one host in hand at once, across every worker.
        public var perHost = 2
        /// Milliseconds between two workers' claims of one host's pages (0: no spacing).
        public var hostSpacing = 500
        /// An entry claimed this many times without being handed over (it took its worker down, or
        /// longer than the lease each time) is kept from the feed's content, its page not tried again.
        public var feedOnlyAfter = 3
        /// Articles filed between two looks for other work.
        public var filingBatch = 200
        /// Seconds between looks when there is nothing to do.
        public var idleWait = 0.5

        public init(name: String) {
            self.name = name
        }
    }

    /// When `run` returns.
    public enum Stop: Sendable {
        /// Only when cancelled.
        case never
        /// As soon as no work is due, queued, claimed or waiting to be filed, by any worker.
        case whenIdle
    }

    /// What a worker did since the last progress it told of, and where the shared work stands.
    public struct Progress: Sendable {
        public var report: IngestReport
        public var backlog: WorkBacklog
        public var isFiling: Bool
        /// Seconds the oldest waiting article has waited to be filed (0 when none waits).
        public var filingLag: Int
    }

    private let store: any NewsStore & SharedWork
    private let fetcher: Fetcher
    private let settings: Settings
    private let clock: @Sendable () -> Double
    /// What names this worker's claims, and the lock that keeps them alive.
    private var identity: WorkerIdentity?
    private var presence: (any SessionLock)?
    private var lastSessionCheck = -Double.infinity
    /// Told when this process takes the filing leadership (true) and when it loses it (false).
    public var onLeadership: @Sendable (Bool) -> Void = { _ in }

    /// A worker over `store`; `clock` is the time in seconds since 1970.
    public init(
        store: any NewsStore & SharedWork, fetcher: Fetcher, settings: Settings,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.fetcher = fetcher
        self.settings = settings
        self.clock = clock
    }

    /// The name its claims carry.
    public var name: String { settings.name }

    enum Work: Sendable {
        case feed(SourceRecord, Desk.FeedOutcome, seconds: Double)
        case article(QueuedEntry, EntryJob?, ArticleInput?, StageTimes)
    }

    /// Works until cancelled or, with `.whenIdle`, until all the shared work is done. `progress` is told
    /// what was done every `every` seconds (and at the end). A store that fails (PostgreSQL going away) is
    /// reported through `failed` and tried again, ever more slowly up to a minute; work in hand goes on.
    public func run(
        until stop: Stop, every: Double = 10, progress: (Progress) -> Void = { _ in },
        failed: @escaping @Sendable (any Error) -> Void = { _ in }
    ) async throws -> IngestReport {
        var report = IngestReport()
        var total = IngestReport()
        let started = clock()
        var lastProgress = started
        var failures = 0
        let fetcher = self.fetcher
        let filing = FilingLoop(
            store: store, window: settings.desk.window, batch: settings.filingBatch, clock: clock, failed: failed,
            onLeadership: onLeadership)
        filing.start()
        defer {
            if let identity { try? store.releaseClaims(worker: identity) }
            presence?.release()
        }
        try await withThrowingTaskGroup(of: Work.self) { group in
            var running = 0
            while !Task.isCancelled {
                let now = clock()
                var idle = false
                do {
                    let worker = try keepSessions(now: now)
                    running += try claim(
                        into: &group, as: worker, running: running, now: now, fetcher: fetcher, report: &report)
                    if running == 0 {
                        idle = true
                        if stop == .whenIdle, try store.backlog(at: Int(now)).isEmpty { break }
                    }
                    failures = 0
                } catch {
                    failed(error)
                    dropPresence()
                    failures += 1
                    if running == 0 {
                        try? await Task.sleep(for: .seconds(min(60, 0.5 * Double(1 << min(failures, 7)))))
                        continue
                    }
                }
                if clock() - lastProgress >= every {
                    lastProgress = clock()
                    tell(progress, &report, filing, into: &total, now: lastProgress)
                }
                if idle {
                    // A batch run ends as soon as the last article is filed, not up to a wait later.
                    try? await Task.sleep(
                        for: .seconds(stop == .whenIdle ? min(settings.idleWait, 0.05) : settings.idleWait))
                    continue
                }
                guard running > 0, let work = try await group.next() else { continue }
                running -= 1
                do {
                    try receive(work, now: clock(), report: &report)
                } catch {
                    // The claim runs out and another worker (or this one) takes the work again.
                    failed(error)
                }
            }
            group.cancelAll()
        }
        await filing.stop()
        tell(progress, &report, filing, into: &total, now: clock())
        total.seconds = clock() - started
        return total
    }

    /// Tells what was done since last told, and adds it to `total`.
    private func tell(
        _ progress: (Progress) -> Void, _ report: inout IngestReport, _ filing: FilingLoop,
        into total: inout IngestReport, now: Double
    ) {
        let backlog = (try? store.backlog(at: Int(now))) ?? WorkBacklog()
        let (filed, isFiling) = filing.take()
        report.add(filed)
        progress(
            Progress(
                report: report, backlog: backlog, isFiling: isFiling,
                filingLag: backlog.oldestHandedAt.map { max(0, Int(now) - $0) } ?? 0))
        total.add(report)
        report = IngestReport()
    }

    /// Keeps this worker known, enlisting it again when its session was lost (looked at once a second).
    /// The identity to claim with.
    private func keepSessions(now: Double) throws -> WorkerIdentity {
        if now - lastSessionCheck >= 1 {
            lastSessionCheck = now
            if let presence, !presence.isHeld() { dropPresence() }
        }
        return try identity ?? enlist()
    }

    private func enlist() throws -> WorkerIdentity {
        let (identity, presence) = try store.enlist(worker: settings.name)
        self.identity = identity
        self.presence = presence
        return identity
    }

    /// Forgets the worker's identity: its claims have ended with its session.
    private func dropPresence() {
        presence?.release()
        presence = nil
        identity = nil
    }

    /// Claims entries, then sources, for the free places; starts their work. How many were started.
    private func claim(
        into group: inout ThrowingTaskGroup<Work, any Error>, as worker: WorkerIdentity, running: Int, now: Double,
        fetcher: Fetcher, report: inout IngestReport
    ) throws -> Int {
        var free = settings.desk.concurrency - running
        // Claimed a few at a time, not one for every page done: a claim is a transaction every worker waits on.
        guard free > 0, running == 0 || free >= max(1, settings.desk.concurrency / 4) else { return 0 }
        let entries = try store.claimEntries(
            worker: worker, at: Int(now), milliseconds: Int(now * 1000), lease: settings.lease, limit: free,
            perHost: settings.perHost, hostSpacing: settings.hostSpacing)
        let feedOnlyAfter = settings.feedOnlyAfter
        for entry in entries {
            let job = try? JSONDecoder().decode(EntryJob.self, from: Data(entry.payload.utf8))
            group.addTask {
                guard let job else { return .article(entry, nil, nil, StageTimes()) }
                let (input, times) = await Desk.prepare(
                    job, fetcher: fetcher, now: Int(now), feedOnly: entry.attempts >= feedOnlyAfter)
                return .article(entry, job, input, times)
            }
        }
        free -= entries.count
        let sources = try store.claimDueSources(
            worker: worker, at: Int(now), lease: settings.lease, limit: free)
        for source in sources {
            report.sourcesPolled += 1
            group.addTask {
                let (outcome, seconds) = await Desk.fetchFeed(source, fetcher: fetcher)
                return .feed(source, outcome, seconds: seconds)
            }
        }
        return entries.count + sources.count
    }

    /// Records a feed's outcome and queues its entries, or hands over an extracted article.
    private func receive(_ work: Work, now: Double, report: inout IngestReport) throws {
        let time = Int(now)
        switch work {
        case .feed(let source, let outcome, let seconds):
            report.stages.feeds += seconds
            let desk = DeskPolicy(settings.desk)
            switch outcome {
            case .notModified:
                try store.recordPollSuccess(
                    sourceID: source.id, etag: source.etag, lastModified: source.lastModified, newItems: 0,
                    nextPollAt: time + settings.desk.defaultInterval, at: time)
            case .failed(let message):
                report.sourcesFailed += 1
                try store.recordPollFailure(
                    sourceID: source.id, message: message, nextPollAt: time + desk.backoff(after: source.failures),
                    at: time)
            case .parsed(let feed, let validators):
                let jobs = try Desk.jobs(of: feed, from: source, store: store)
                let encoder = JSONEncoder()
                let entries = try jobs.map { job, _ in
                    EntryToQueue(
                        url: job.url, host: Self.host(of: job.url),
                        payload: String(decoding: try encoder.encode(job), as: UTF8.self))
                }
                try store.finishPoll(
                    sourceID: source.id, etag: validators.etag, lastModified: validators.lastModified,
                    newItems: jobs.count(where: \.isNew), nextPollAt: time + desk.interval(of: feed), entries: entries,
                    at: time)
            }
        case .article(let entry, let job, let input, let times):
            report.stages.fetch += times.fetch
            report.stages.extract += times.extract
            report.stages.check += times.check
            guard let job, let input else {
                // A payload this newsdesk cannot read (written by another version): nothing to fetch.
                try store.dropEntry(entry.id)
                return
            }
            try store.handOff(entry: entry.id, article: input, outlet: job.outlet, at: time)
        }
    }

    /// The host a page's politeness limits count under.
    static func host(of url: String) -> String {
        URLComponents(string: url)?.host?.lowercased() ?? ""
    }
}

/// The desk's polling rules, shared by the one-process desk and the workers.
struct DeskPolicy {
    var settings: Desk.Settings

    init(_ settings: Desk.Settings) {
        self.settings = settings
    }

    /// How long a source waits after its failure, given the failures before it: doubling, within bounds.
    func backoff(after failures: Int) -> Int {
        min(settings.maximumBackoff, settings.defaultInterval << min(failures + 1, 16))
    }

    /// The poll interval a feed asks for, within the settings' bounds.
    func interval(of feed: Feed) -> Int {
        min(settings.maximumInterval, max(settings.minimumInterval, feed.refreshInterval ?? settings.defaultInterval))
    }
}

extension IngestReport {
    /// Adds another report's counts and stage times (not its seconds).
    mutating func add(_ other: IngestReport) {
        sourcesPolled += other.sourcesPolled
        sourcesFailed += other.sourcesFailed
        newArticles += other.newArticles
        revisedArticles += other.revisedArticles
        fromFeed += other.fromFeed
        newStories += other.newStories
        copies += other.copies
        refusedArticles += other.refusedArticles
        stages.feeds += other.stages.feeds
        stages.fetch += other.stages.fetch
        stages.extract += other.stages.extract
        stages.check += other.stages.check
        stages.group += other.stages.group
        stages.store += other.stages.store
    }
}
