import Foundation
import NewsdeskCore
import NewsdeskStore

/// The filing side of a worker, on a thread of its own so that storing (blocking on the database)
/// overlaps fetching and extracting: it takes the filing leadership when no process holds it, and
/// while it holds it files the handed articles in order, its story grouping restarted from the store
/// when it takes over. Every other process goes on handing articles over meanwhile.
///
/// `Sendable` for a stated reason: the leadership and the grouping are only touched by the loop's
/// thread; what others read (the report, whether it files, whether to stop) is behind `lock`.
final class FilingLoop: @unchecked Sendable {
    private let store: any NewsStore & SharedWork
    private let window: Int
    private let batch: Int
    private let clock: @Sendable () -> Double
    private let failed: @Sendable (any Error) -> Void
    private let onLeadership: @Sendable (Bool) -> Void

    private let lock = NSLock()
    private var stopping = false
    private var report = IngestReport()
    private var filing = false
    private var ended: CheckedContinuation<Void, Never>?
    private var hasEnded = false

    // The loop's own.
    private var leadership: (any SessionLock)?
    private var filer: ArticleFiler?
    private var lastTry = -Double.infinity

    init(
        store: any NewsStore & SharedWork, window: Int, batch: Int, clock: @escaping @Sendable () -> Double,
        failed: @escaping @Sendable (any Error) -> Void, onLeadership: @escaping @Sendable (Bool) -> Void
    ) {
        self.store = store
        self.window = window
        self.batch = batch
        self.clock = clock
        self.failed = failed
        self.onLeadership = onLeadership
    }

    func start() {
        DetachedThread.run { self.loop() }
    }

    /// Asks the loop to stop, and waits until it has, the leadership released.
    func stop() async {
        await withCheckedContinuation { continuation in
            lock.lock()
            stopping = true
            if hasEnded {
                lock.unlock()
                continuation.resume()
            } else {
                ended = continuation
                lock.unlock()
            }
        }
    }

    /// What was filed since last asked, and whether this process files now.
    func take() -> (report: IngestReport, isFiling: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let taken = report
        report = IngestReport()
        return (taken, filing)
    }

    private var shouldStop: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func loop() {
        var failures = 0
        while !shouldStop {
            var filed = 0
            do {
                try keepLeadership()
                var done = IngestReport()
                filed = try fileHanded(report: &done)
                lock.lock()
                report.add(done)
                lock.unlock()
                failures = 0
            } catch {
                failed(error)
                dropLeadership()
                failures += 1
                Self.sleep(min(60, 0.5 * Double(1 << min(failures, 7))), unless: { self.shouldStop })
                continue
            }
            if filed == 0 { Self.sleep(0.05, unless: { self.shouldStop }) }
        }
        dropLeadership()
        lock.lock()
        hasEnded = true
        let continuation = ended
        ended = nil
        lock.unlock()
        continuation?.resume()
    }

    /// Takes the leadership when free (tried every two seconds), lets it go when its session is gone.
    private func keepLeadership() throws {
        let now = clock()
        if let leadership {
            if now - lastTry < 1 { return }
            lastTry = now
            if leadership.isHeld() { return }
            dropLeadership()
        }
        guard now - lastTry >= 2 else { return }
        lastTry = now
        guard let taken = try store.takeFilingLeadership() else { return }
        do {
            filer = try ArticleFiler(store: store, window: window, now: Int(now))
        } catch {
            taken.release()
            throw error
        }
        leadership = taken
        setFiling(true)
    }

    private func dropLeadership() {
        guard let leadership else { return }
        leadership.release()
        self.leadership = nil
        filer = nil
        setFiling(false)
    }

    private func setFiling(_ value: Bool) {
        lock.lock()
        filing = value
        lock.unlock()
        onLeadership(value)
    }

    /// Files up to a batch of handed articles, when this process holds the leadership. How many it filed.
    private func fileHanded(report: inout IngestReport) throws -> Int {
        guard let filer, let leadership else { return 0 }
        let handed = try store.handedArticles(limit: batch)
        // Looked at again before each batch: no two processes file at once.
        guard !handed.isEmpty, leadership.isHeld() else { return 0 }
        let clock = ContinuousClock()
        let started = clock.now
        let now = Int(self.clock())
        for article in handed {
            do {
                _ = try filer.file(article.article, outlet: article.outlet, now: now, report: &report)
            } catch {
                // The store refused this article, or the store is gone. Only in the first case, seen by
                // the store still answering, is the article left out, so it does not stop the others.
                guard (try? store.backlog(at: now)) != nil else { throw error }
                report.refusedArticles += 1
            }
        }
        // Taken off together: a leader that dies before files the batch again, and finds it stored.
        try store.finishHandOff(handed.map(\.id))
        // Reading and clearing the hand-over table is the filer's storing too.
        let spent = Desk.seconds(clock.now - started)
        report.stages.store += max(0, spent - report.stages.group - report.stages.store)
        return handed.count
    }

    /// Sleeps for `seconds`, waking every tenth of a second to see whether to stop.
    private static func sleep(_ seconds: Double, unless stop: () -> Bool) {
        var left = seconds
        while left > 0, !stop() {
            let step = min(left, 0.1)
            usleep(UInt32(step * 1_000_000))
            left -= step
        }
    }
}
