import Foundation
import Hummingbird
import HummingbirdTesting
import NewsdeskDesk
import NewsdeskMetrics
import Testing

@testable import NewsdeskWeb

/// The sample lines of a scrape, without the HELP and TYPE comments.
func samples(_ body: String) -> Set<String> {
    Set(body.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
}

@Suite("/metrics")
struct MetricsTests {
    @Test func aScrapeIsPrometheusTextAndNeverCached() async throws {
        let fixture = try Fixture()
        let metrics = DeskMetrics()
        var report = IngestReport()
        report.sourcesPolled = 2
        report.newArticles = 7
        metrics.record(report)
        let app = Application(router: try fixture.reader(metrics: metrics).router())
        try await app.test(.router) { client in
            let (response, body) = try await get(client, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(samples(body).isSuperset(of: ["newsdesk_polls_total 2", "newsdesk_articles_stored_total 7"]))
            // The page cache holds pages until the store changes; a scrape shows every change at once.
            var more = IngestReport()
            more.newArticles = 1
            metrics.record(more)
            let (_, again) = try await get(client, "/metrics")
            #expect(samples(again).contains("newsdesk_articles_stored_total 8"))
            let head = try await client.execute(uri: "/metrics", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func requestsAreCountedByRoutePatternNeverByTheirPath() async throws {
        let fixture = try Fixture()
        let metrics = DeskMetrics()
        let app = Application(router: try fixture.reader(metrics: metrics).router())
        try await app.test(.router) { client in
            #expect(try await get(client, "/stories/\(fixture.story)").0.status == .ok)
            #expect(try await get(client, "/stories/\(fixture.story)").0.status == .ok)
            #expect(try await get(client, "/stories/424242").0.status == .notFound)
            #expect(try await get(client, "/api/v1/articles/\(fixture.agency)").0.status == .ok)
            #expect(try await get(client, "/no/such/page/\(UUID().uuidString)").0.status == .notFound)
            #expect(try await client.execute(uri: "/search", method: .delete).status == .methodNotAllowed)
            let (_, body) = try await get(client, "/metrics")
            let lines = samples(body)
            let story = "route=\"/stories/{id}\",method=\"GET\""
            for line in [
                "newsdesk_http_requests_total{\(story),status=\"2xx\"} 2",
                "newsdesk_http_request_duration_seconds_count{\(story),status=\"2xx\"} 2",
                "newsdesk_http_request_duration_seconds_bucket{\(story),status=\"2xx\",le=\"+Inf\"} 2",
                "newsdesk_http_requests_total{\(story),status=\"4xx\"} 1",
                "newsdesk_http_requests_total{route=\"/api/v1/articles/{id}\",method=\"GET\",status=\"2xx\"} 1",
                "newsdesk_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"4xx\"} 1",
                "newsdesk_http_requests_total{route=\"unmatched\",method=\"DELETE\",status=\"4xx\"} 1",
            ] {
                #expect(lines.contains(line), "\(line)")
            }
            // No raw path or id in any label.
            #expect(!body.contains("/stories/\(fixture.story)"))
            #expect(!body.contains("424242"))
            #expect(!body.contains("/no/such"))
            // Each route, method and status class is one series: 5 here.
            #expect(lines.filter { $0.hasPrefix("newsdesk_http_requests_total{") }.count == 5)
            // The scrape itself is counted once it is answered.
            let (_, next) = try await get(client, "/metrics")
            #expect(
                samples(next).contains(
                    "newsdesk_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"2xx\"} 1"))
        }
    }

    @Test func withAnAdminTokenAScrapeNeedsItAsABearerToken() async throws {
        let fixture = try Fixture()
        let token = "metrics-token-0123456789"
        let app = Application(router: try fixture.reader(token: token, metrics: DeskMetrics()).router())
        try await app.test(.router) { client in
            let missing = try await client.execute(uri: "/metrics", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer realm=\"newsdesk\"")
            #expect(!String(buffer: missing.body).contains("newsdesk_"))
            let wrong = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer not-the-token-at-all"])
            #expect(wrong.status == .unauthorized)
            let basic = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: token])
            #expect(basic.status == .unauthorized)
            let right = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(right.status == .ok)
            #expect(String(buffer: right.body).contains("newsdesk_polls_total 0"))
        }
    }

    @Test func beyondLoopbackWithoutATokenNobodyScrapes() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader(host: "0.0.0.0", metrics: DeskMetrics()).router())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .forbidden)
            #expect(!String(buffer: response.body).contains("newsdesk_"))
            // The reader itself is still open to all.
            #expect(try await get(client, "/").0.status == .ok)
        }
    }

    @Test func aReaderWithoutMetricsHasNoMetricsPage() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            let (response, _) = try await get(client, "/metrics")
            #expect(response.status == .notFound)
        }
    }

    @Test func theMetricsServerAnswersOnlyMetrics() async throws {
        let metrics = DeskMetrics()
        metrics.setFilingLeader(true)
        metrics.setClaimsWaiting(sources: 2, entries: 40)
        let server = MetricsServer(metrics: metrics, port: 0)
        try await server.application().test(.live) { client in
            let (response, body) = try await get(client, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(
                samples(body).isSuperset(of: [
                    "newsdesk_filing_leader 1.0", "newsdesk_claims_waiting{work=\"entries\"} 40.0",
                ]))
            #expect(try await get(client, "/").0.status == .notFound)
            #expect(try await get(client, "/api/v1/stories").0.status == .notFound)
            #expect(try await client.execute(uri: "/metrics", method: .post).status == .notFound)
        }
    }

    @Test func theMetricsServerKeepsTheTokenRule() async throws {
        let token = "worker-metrics-token-42"
        let guarded = MetricsServer(metrics: DeskMetrics(), port: 0, adminToken: token)
        try await Application(router: guarded.router()).test(.router) { client in
            #expect(try await get(client, "/metrics").0.status == .unauthorized)
            let right = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "bearer \(token)"])
            #expect(right.status == .ok)
        }
        let open = MetricsServer(metrics: DeskMetrics(), host: "0.0.0.0", port: 0)
        try await Application(router: open.router()).test(.router) { client in
            let (response, _) = try await get(client, "/metrics")
            #expect(response.status == .forbidden)
        }
    }
}
