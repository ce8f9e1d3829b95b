import NewsdeskDesk
import Testing

@testable import NewsdeskMetrics

/// The exposition as lines, and every sample line by its name and labels.
func exposition(_ metrics: DeskMetrics) -> [String] {
    String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n").map(String.init)
}

/// A pass of three polls (one failing) that stored five new articles (one a copy, one kept from the feed),
/// revised two and opened two stories.
func knownReport() -> IngestReport {
    var report = IngestReport()
    report.sourcesPolled = 3
    report.sourcesFailed = 1
    report.newArticles = 5
    report.revisedArticles = 2
    report.copies = 1
    report.fromFeed = 1
    report.newStories = 2
    report.seconds = 4.25
    report.stages.feeds = 1.5
    report.stages.fetch = 2.25
    report.stages.extract = 0.75
    report.stages.check = 0.125
    report.stages.group = 0.5
    report.stages.store = 0.25
    return report
}

@Suite("Desk metrics")
struct DeskMetricsTests {
    @Test func aPassAddsItsCountsAndStageTimes() {
        let metrics = DeskMetrics()
        metrics.record(knownReport())
        metrics.record(knownReport())
        let lines = Set(exposition(metrics))
        let expected = [
            "newsdesk_polls_total 6",
            "newsdesk_poll_failures_total 2",
            "newsdesk_articles_stored_total 10",
            "newsdesk_articles_revised_total 4",
            "newsdesk_article_copies_total 2",
            "newsdesk_articles_from_feed_total 2",
            "newsdesk_stories_opened_total 4",
            "newsdesk_stage_seconds_total{stage=\"feeds\"} 3.0",
            "newsdesk_stage_seconds_total{stage=\"fetch\"} 4.5",
            "newsdesk_stage_seconds_total{stage=\"extract\"} 1.5",
            "newsdesk_stage_seconds_total{stage=\"check\"} 0.25",
            "newsdesk_stage_seconds_total{stage=\"group\"} 1.0",
            "newsdesk_stage_seconds_total{stage=\"store\"} 0.5",
            "newsdesk_pass_duration_seconds_bucket{le=\"2.5\"} 0",
            "newsdesk_pass_duration_seconds_bucket{le=\"5.0\"} 2",
            "newsdesk_pass_duration_seconds_bucket{le=\"+Inf\"} 2",
            "newsdesk_pass_duration_seconds_sum 8.5",
            "newsdesk_pass_duration_seconds_count 2",
            "newsdesk_pass_failures_total 0",
            "# TYPE newsdesk_polls_total counter",
            "# HELP newsdesk_polls_total Sources polled.",
            "# TYPE newsdesk_pass_duration_seconds histogram",
        ]
        for line in expected {
            #expect(lines.contains(line), "\(line)")
        }
    }

    @Test func aPassWithNothingDueCountsNoDuration() {
        let metrics = DeskMetrics()
        var idle = IngestReport()
        idle.seconds = 0.01
        metrics.record(idle)
        metrics.recordFailedPass()
        let lines = Set(exposition(metrics))
        #expect(lines.contains("newsdesk_polls_total 0"))
        #expect(lines.contains("newsdesk_pass_duration_seconds_count 0"))
        #expect(lines.contains("newsdesk_pass_failures_total 1"))
    }

    @Test func everyMetricIsThereFromTheStart() {
        let lines = exposition(DeskMetrics())
        let types = lines.filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }.sorted()
        #expect(
            types == [
                "newsdesk_article_copies_total", "newsdesk_articles_from_feed_total", "newsdesk_articles_revised_total",
                "newsdesk_articles_stored_total", "newsdesk_claims_waiting", "newsdesk_filing_leader",
                "newsdesk_grouping_lag_seconds", "newsdesk_handoff_waiting", "newsdesk_pass_duration_seconds",
                "newsdesk_pass_failures_total", "newsdesk_poll_failures_total", "newsdesk_polls_total",
                "newsdesk_stage_seconds_total", "newsdesk_stories_opened_total",
            ])
        // Six stages, each its own series.
        #expect(lines.filter { $0.hasPrefix("newsdesk_stage_seconds_total{") }.count == 6)
    }

    @Test func theGaugesHoldWhatWasLastSet() {
        let metrics = DeskMetrics()
        metrics.setClaimsWaiting(sources: 4, entries: 17)
        metrics.setGroupingLag(seconds: 12.5, waiting: 30)
        metrics.setFilingLeader(true)
        metrics.setClaimsWaiting(sources: 3, entries: 17)
        let lines = Set(exposition(metrics))
        #expect(lines.contains("newsdesk_claims_waiting{work=\"sources\"} 3.0"))
        #expect(lines.contains("newsdesk_claims_waiting{work=\"entries\"} 17.0"))
        #expect(lines.contains("newsdesk_grouping_lag_seconds 12.5"))
        #expect(lines.contains("newsdesk_handoff_waiting 30.0"))
        #expect(lines.contains("newsdesk_filing_leader 1.0"))
        metrics.setFilingLeader(false)
        #expect(exposition(metrics).contains("newsdesk_filing_leader 0.0"))
    }

    @Test func requestsGoIntoTheHistogramByRoutePatternMethodAndStatusClass() {
        let metrics = DeskMetrics()
        metrics.recordRequest(route: "/stories/{id}", method: "GET", status: 200, duration: .milliseconds(3))
        metrics.recordRequest(route: "/stories/{id}", method: "GET", status: 204, duration: .milliseconds(30))
        metrics.recordRequest(route: "unmatched", method: "GET", status: 404, duration: .microseconds(200))
        let lines = Set(exposition(metrics))
        let story = "route=\"/stories/{id}\",method=\"GET\",status=\"2xx\""
        let expected = [
            "# TYPE newsdesk_http_request_duration_seconds histogram",
            "newsdesk_http_request_duration_seconds_bucket{\(story),le=\"0.002\"} 0",
            "newsdesk_http_request_duration_seconds_bucket{\(story),le=\"0.005\"} 1",
            "newsdesk_http_request_duration_seconds_bucket{\(story),le=\"0.05\"} 2",
            "newsdesk_http_request_duration_seconds_bucket{\(story),le=\"+Inf\"} 2",
            "newsdesk_http_request_duration_seconds_sum{\(story)} 0.033",
            "newsdesk_http_request_duration_seconds_count{\(story)} 2",
            "newsdesk_http_requests_total{\(story)} 2",
            "newsdesk_http_request_duration_seconds_bucket{route=\"unmatched\",method=\"GET\",status=\"4xx\",le=\"0.0005\"} 1",
            "newsdesk_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"4xx\"} 1",
        ]
        for line in expected {
            #expect(lines.contains(line), "\(line)")
        }
    }

    @Test func statusClasses() {
        #expect(DeskMetrics.statusClass(200) == "2xx")
        #expect(DeskMetrics.statusClass(304) == "3xx")
        #expect(DeskMetrics.statusClass(499) == "4xx")
        #expect(DeskMetrics.statusClass(503) == "5xx")
        #expect(DeskMetrics.statusClass(99) == "other")
        #expect(DeskMetrics.statusClass(600) == "other")
    }

    /// Each line a comment or `name{labels} value`, every name Newsdesk's: what a Prometheus scraper parses.
    @Test func everyLineIsInTheTextFormat() throws {
        let metrics = DeskMetrics()
        metrics.record(knownReport())
        metrics.setGroupingLag(seconds: 3, waiting: 1)
        metrics.recordRequest(route: "/search", method: "HEAD", status: 200, duration: .milliseconds(1))
        let sample = try Regex(#"^newsdesk_[a-z_]+(\{[a-z_]+="[^"\\\n]*"(,[a-z_]+="[^"\\\n]*")*\})? -?[0-9.e+-]+$"#)
        let comment = try Regex(#"^# (HELP|TYPE) newsdesk_[a-z_]+ .+$"#)
        for line in exposition(metrics) {
            #expect(line.wholeMatch(of: sample) != nil || line.wholeMatch(of: comment) != nil, "\(line)")
        }
    }
}
