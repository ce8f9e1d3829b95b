/// The time the fetcher waits by — between the starts of requests to one host, before a retry, and
/// for robots.txt to go stale. The system's monotonic clock in use; in tests a clock the test moves,
/// so politeness and backoff are checked exactly however busy the machine is.
public protocol FetchClock: Sendable {
    /// Time since the clock's own start.
    var now: Duration { get }
    /// Returns once `now` has reached `deadline` (at once when it has).
    func sleep(until deadline: Duration) async throws
}

/// The system's monotonic clock.
public struct SystemFetchClock: FetchClock {
    private let start = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - start }

    public func sleep(until deadline: Duration) async throws {
        try await Task.sleep(until: start + deadline, clock: .continuous)
    }
}
