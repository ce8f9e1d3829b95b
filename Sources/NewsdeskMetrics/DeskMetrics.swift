import NIOConcurrencyHelpers
import NewsdeskDesk
import Prometheus

/// What one Newsdesk process has done since it started, in the Prometheus text format: the desk's
/// polls, articles and stage times (from each pass's `IngestReport`), the work waiting for it, and the
/// reader's request latencies. One per process, shared by whoever records (the scheduler, the reader's
/// middleware, a worker's loop); `Sendable` because every metric is swift-prometheus's own atomic or
/// locked value.
public final class DeskMetrics: Sendable {
    /// The registry every metric here lives in; a process may add its own metrics to it.
    public let registry: PrometheusCollectorRegistry

    /// The stages of `StageTimes`, as the `stage` label names them.
    public static let stages = ["feeds", "fetch", "extract", "check", "group", "store"]

    /// Upper bounds of the request latency buckets: the reader answers cached pages in well under a
    /// millisecond and aims at 20 ms for a page built anew, 50 ms for a search.
    public static let requestBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    /// Upper bounds of the pass duration buckets, in seconds: from a pass with nothing new to an hour.
    public static let passBuckets: [Double] = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600]

    let polls: Counter
    let pollFailures: Counter
    let articlesStored: Counter
    let articlesRevised: Counter
    let articleCopies: Counter
    let articlesFromFeed: Counter
    let storiesOpened: Counter
    let stageSeconds: [Counter]
    let passDuration: ValueHistogram
    let passFailures: Counter
    let sourcesWaiting: Gauge
    let entriesWaiting: Gauge
    let groupingLag: Gauge
    let handoffWaiting: Gauge
    let filingLeader: Gauge
    /// The request metrics by their labels, found here without building their names again.
    let requestSeries = NIOLockedValueBox<[RequestSeries: (duration: DurationHistogram, count: Counter)]>([:])

    struct RequestSeries: Hashable {
        var route: String
        var method: String
        var status: String
    }

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func counter(_ name: String, _ help: String, labels: [(String, String)] = []) -> Counter {
            registry.makeCounter(descriptor: Self.name(name, unit: "total", help: help), labels: labels)
        }
        func gauge(_ name: String, unit: String = "", _ help: String, labels: [(String, String)] = []) -> Gauge {
            registry.makeGauge(descriptor: Self.name(name, unit: unit, help: help), labels: labels)
        }
        polls = counter("polls", "Sources polled.")
        pollFailures = counter("poll_failures", "Polls whose feed could not be fetched or read.")
        articlesStored = counter(
            "articles_stored", "New articles stored, copies and those kept from the feed included.")
        articlesRevised = counter("articles_revised", "Stored articles that came back changed: a new revision.")
        articleCopies = counter("article_copies", "New articles that are the same copy as one already stored.")
        articlesFromFeed = counter(
            "articles_from_feed", "New articles kept from the feed's own content: the page could not be used.")
        storiesOpened = counter("stories_opened", "Stories opened by a new article.")
        stageSeconds = Self.stages.map { stage in
            counter(
                "stage_seconds", "Seconds spent in each ingest stage, summed over feeds and articles.",
                labels: [("stage", stage)])
        }
        passDuration = registry.makeValueHistogram(
            descriptor: Self.name("pass_duration", unit: "seconds", help: "Ingest passes that polled a source."),
            buckets: Self.passBuckets)
        passFailures = counter("pass_failures", "Ingest passes that failed (the store could not be used).")
        let claimsHelp = "Work waiting to be claimed: due sources, and fetched entries queued."
        sourcesWaiting = gauge("claims_waiting", claimsHelp, labels: [("work", "sources")])
        entriesWaiting = gauge("claims_waiting", claimsHelp, labels: [("work", "entries")])
        groupingLag = gauge(
            "grouping_lag", unit: "seconds", "Age of the oldest article waiting to be filed into a story.")
        handoffWaiting = gauge("handoff_waiting", "Articles handed to the filer and not yet filed.")
        filingLeader = gauge("filing_leader", "1 while this process files articles into stories, else 0.")
    }

    static func name(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "newsdesk", metricName: name, unitName: unit, helpText: help)
    }

    // MARK: Recording

    /// Adds one ingest pass: its polls, articles and stage times, and its duration when it polled anything
    /// (a pass with nothing due says nothing about how long a pass takes).
    public func record(_ report: IngestReport) {
        polls.increment(by: Int64(report.sourcesPolled))
        pollFailures.increment(by: Int64(report.sourcesFailed))
        articlesStored.increment(by: Int64(report.newArticles))
        articlesRevised.increment(by: Int64(report.revisedArticles))
        articleCopies.increment(by: Int64(report.copies))
        articlesFromFeed.increment(by: Int64(report.fromFeed))
        storiesOpened.increment(by: Int64(report.newStories))
        let stages = report.stages
        for (counter, seconds) in zip(
            stageSeconds, [stages.feeds, stages.fetch, stages.extract, stages.check, stages.group, stages.store])
        where seconds > 0 {
            counter.increment(by: seconds)
        }
        if report.sourcesPolled > 0 && report.seconds > 0 { passDuration.record(report.seconds) }
    }

    /// Counts a pass that threw instead of reporting.
    public func recordFailedPass() {
        passFailures.increment()
    }

    /// Sets the work waiting to be claimed, as whoever hands out the claims counts it.
    public func setClaimsWaiting(sources: Int, entries: Int) {
        sourcesWaiting.set(to: Double(sources))
        entriesWaiting.set(to: Double(entries))
    }

    /// Sets how far story grouping is behind: the age in seconds of the oldest article waiting to be
    /// filed (0 when none waits), and how many wait.
    public func setGroupingLag(seconds: Double, waiting: Int) {
        groupingLag.set(to: max(0, seconds))
        handoffWaiting.set(to: Double(waiting))
    }

    /// Sets whether this process is the one filing articles into stories.
    public func setFilingLeader(_ isLeader: Bool) {
        filingLeader.set(to: isLeader ? 1 : 0)
    }

    /// Adds one answered request. `route` must be a route's pattern (`/stories/{id}`) or another name from
    /// a small fixed set, never a raw path: every distinct value is a series of its own.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestSeries(route: route, method: method, status: Self.statusClass(status))
        let series = requestSeries.withLockedValue { known in
            if let series = known[key] { return series }
            let labels = [("route", key.route), ("method", key.method), ("status", key.status)]
            let series = (
                duration: registry.makeDurationHistogram(
                    descriptor: Self.name(
                        "http_request_duration", unit: "seconds",
                        help: "Time the reader took to answer, by route pattern, method and status class."),
                    labels: labels, buckets: Self.requestBuckets),
                count: registry.makeCounter(
                    descriptor: Self.name(
                        "http_requests", unit: "total",
                        help: "Requests the reader answered, by route pattern, method and status class."),
                    labels: labels)
            )
            known[key] = series
            return series
        }
        series.duration.record(max(.zero, duration))
        series.count.increment()
    }

    /// `2xx` for 200 to 299, and so on; `other` outside 100 to 599.
    static func statusClass(_ status: Int) -> String {
        (100...599).contains(status) ? "\(status / 100)xx" : "other"
    }

    // MARK: Exposition

    /// Every metric in the Prometheus text exposition format (version 0.0.4), UTF-8.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The media type of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
