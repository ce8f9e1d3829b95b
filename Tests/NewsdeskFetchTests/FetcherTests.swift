import Foundation
import NIOCore
import NIOHTTP1
import NewsdeskCore
import NewsdeskTestSupport
import Testing

@testable import NewsdeskFetch

/// Settings for fetching from the test server: only 127.0.0.1 is allowed among the private addresses,
/// and backoff is short. Timeouts are long, so a busy machine never turns a slow answer into a retry:
/// the tests of timeouts set their own, far shorter than the server's delay.
func testSettings(_ adjust: (inout FetchSettings) -> Void = { _ in }) -> FetchSettings {
    var settings = FetchSettings()
    settings.allowedAddresses = ["127.0.0.1"]
    settings.perHostDelay = .zero
    settings.retryBackoff = .milliseconds(10)
    settings.connectTimeout = .seconds(60)
    settings.readTimeout = .seconds(60)
    settings.totalTimeout = .seconds(120)
    adjust(&settings)
    return settings
}

/// A clock the fetcher's waits move: a wait until a later time moves the clock there at once and is
/// written down. So politeness and backoff are checked exactly, however busy the machine is.
final class VirtualClock: FetchClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time = Duration.zero
    private var waits: [Duration] = []

    var now: Duration { lock.withLock { time } }

    /// Every deadline waited for that lay ahead of the clock, in the order asked.
    var deadlines: [Duration] { lock.withLock { waits } }

    /// Time passing with nobody waiting.
    func advance(by duration: Duration) {
        lock.withLock { time += duration }
    }

    func sleep(until deadline: Duration) async throws {
        lock.withLock {
            if deadline > time {
                waits.append(deadline)
                time = deadline
            }
        }
        await Task.yield()
    }
}

/// Runs `body` with a started server and a fetcher, and stops both.
func withServer(
    settings: FetchSettings = testSettings(), clock: any FetchClock = SystemFetchClock(),
    route: @escaping TestServer.Route, _ body: (TestServer, Fetcher) async throws -> Void
) async throws {
    let server = try await TestServer.start(route: route)
    let fetcher = Fetcher(settings: settings, clock: clock)
    do {
        try await body(server, fetcher)
    } catch {
        await fetcher.shutdown()
        await server.stop()
        throw error
    }
    await fetcher.shutdown()
    await server.stop()
}

/// The error a fetch throws, or nil when it succeeds.
func fetchError(_ fetcher: Fetcher, _ url: String, _ purpose: FetchPurpose = .feed) async -> FetchError? {
    do {
        _ = try await fetcher.fetch(url, accept: purpose)
        return nil
    } catch {
        return error as? FetchError
    }
}

@Suite("Fetcher against a local server")
struct FetcherTests {
    static let feed = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>"

    @Test func fetchesWithUserAgentAndCharset() async throws {
        try await withServer(route: { _, _, _ in
            .text(Self.feed, headers: [("Content-Type", "application/rss+xml; charset=ISO-8859-1")])
        }) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/feed.xml", accept: .feed)
            #expect(response.status == 200)
            #expect(response.body == Array(Self.feed.utf8))
            #expect(response.charset == "ISO-8859-1")
            let agent = server.requests.first?.headers["user-agent"] ?? ""
            #expect(agent.hasPrefix("Newsdesk/") && agent.contains("+https://"))
            #expect(server.requests.first?.headers["accept"]?.contains("application/rss+xml") == true)
        }
    }

    @Test func contactURLGoesInTheUserAgent() async throws {
        let settings = testSettings { $0.contactURL = "https://desk.example.org/about" }
        try await withServer(settings: settings, route: { _, _, _ in .text("ok") }) { server, fetcher in
            _ = try await fetcher.fetch(server.base + "/", accept: .feed)
            #expect(server.requests.first?.headers["user-agent"] == "Newsdesk/0.4 (+https://desk.example.org/about)")
        }
    }

    @Test func decompressesGzip() async throws {
        let body = Array(String(repeating: "news ", count: 1000).utf8)
        try await withServer(route: { _, _, _ in
            .ok(headers: [("Content-Encoding", "gzip")], body: Gzip.compress(body))
        }) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/gz", accept: .feed)
            #expect(response.body == body)
            #expect(server.requests.first?.headers["accept-encoding"]?.contains("gzip") == true)
        }
    }

    @Test func decompressesDeflate() async throws {
        let body = Array(String(repeating: "wire ", count: 1000).utf8)
        try await withServer(route: { _, _, _ in
            .ok(headers: [("Content-Encoding", "deflate")], body: Gzip.compress(body, zlib: true))
        }) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/deflate", accept: .feed)
            #expect(response.body == body)
        }
    }

    @Test func conditionalRequestGets304() async throws {
        try await withServer(route: { _, headers, _ in
            if headers["if-none-match"] == "\"v1\"" || headers["if-modified-since"] == "Mon, 30 Nov 2026 08:00:00 GMT" {
                return .ok(.notModified)
            }
            return .text(Self.feed, headers: [("ETag", "\"v1\""), ("Last-Modified", "Mon, 30 Nov 2026 08:00:00 GMT")])
        }) { server, fetcher in
            let first = try await fetcher.fetch(server.base + "/feed.xml", accept: .feed)
            #expect(first.validators == Validators(etag: "\"v1\"", lastModified: "Mon, 30 Nov 2026 08:00:00 GMT"))
            let second = try await fetcher.fetch(server.base + "/feed.xml", accept: .feed, validators: first.validators)
            #expect(second.notModified)
            #expect(second.body.isEmpty)
            let byDate = try await fetcher.fetch(
                server.base + "/feed.xml", accept: .feed,
                validators: Validators(lastModified: first.validators.lastModified))
            #expect(byDate.status == 304)
        }
    }

    @Test func followsRedirectsUpToTheLimit() async throws {
        try await withServer(route: { path, _, _ in
            if path.hasPrefix("/hop/") {
                let left = Int(path.dropFirst(5)) ?? 0
                return left == 0 ? .text("arrived") : .redirect("/hop/\(left - 1)", .movedPermanently)
            }
            return .text("?", .notFound)
        }) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/hop/5", accept: .feed)
            #expect(response.body == Array("arrived".utf8))
            #expect(response.redirects == 5)
            #expect(response.url == server.base + "/hop/0")
            let error = await fetchError(fetcher, server.base + "/hop/6")
            #expect(error?.kind == .tooManyRedirects)
        }
    }

    @Test func stopsARedirectLoop() async throws {
        try await withServer(route: { path, _, _ in
            path == "/a" ? .redirect("/b") : .redirect("/a")
        }) { server, fetcher in
            let error = await fetchError(fetcher, server.base + "/a")
            #expect(error?.kind == .tooManyRedirects)
            #expect(error?.message.contains("loop") == true)
            #expect(server.requests.count == 2)
        }
    }

    @Test(arguments: [
        "http://10.0.0.5/feed", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/", "http://0.0.0.0/",
        "http://[::ffff:192.168.0.1]/", "http://100.64.0.1/", "ftp://example.com/feed", "file:///etc/passwd",
    ])
    func refusesARedirectToAPrivateAddressOrOtherScheme(_ target: String) async throws {
        try await withServer(route: { path, _, _ in
            path == "/go" ? .redirect(target) : .text("never")
        }) { server, fetcher in
            let error = await fetchError(fetcher, server.base + "/go")
            #expect(error?.kind == .refused || error?.kind == .badURL, "\(target): \(String(describing: error))")
            #expect(server.requests.count == 1)
        }
    }

    @Test func refusesLoopbackUnlessAllowed() async throws {
        try await withServer(route: { _, _, _ in .text("secret") }) { server, _ in
            let strict = Fetcher(settings: testSettings { $0.allowedAddresses = [] })
            let error = await fetchError(strict, server.base + "/")
            await strict.shutdown()
            #expect(error?.kind == .refused)
            #expect(error?.message.contains("127.0.0.1 is a loopback address") == true)
            #expect(server.requests.isEmpty)
            let open = Fetcher(
                settings: testSettings {
                    $0.allowedAddresses = []; $0.allowPrivateNetwork = true
                })
            let response = try await open.fetch(server.base + "/", accept: .feed)
            await open.shutdown()
            #expect(response.status == 200)
        }
    }

    @Test func aSlowServerTimesOut() async throws {
        let settings = testSettings {
            $0.readTimeout = .milliseconds(300); $0.retries = 0
        }
        try await withServer(settings: settings, route: { _, _, _ in .delayed(.seconds(3), .text("late")) }) {
            server, fetcher in
            let error = await fetchError(fetcher, server.base + "/slow")
            #expect(error?.kind == .timeout)
        }
    }

    @Test func aTricklingBodyHitsTheTotalTimeout() async throws {
        let settings = testSettings {
            $0.totalTimeout = .milliseconds(700); $0.retries = 0
        }
        try await withServer(settings: settings, route: { _, _, _ in .trickle(every: .milliseconds(50)) }) {
            server, fetcher in
            let error = await fetchError(fetcher, server.base + "/trickle")
            #expect(error?.kind == .timeout)
        }
    }

    @Test func anEndlessBodyHitsTheSizeLimit() async throws {
        let settings = testSettings { $0.maxBodyBytes = 1_000_000 }
        try await withServer(settings: settings, route: { _, _, _ in .endless }) { server, fetcher in
            let error = await fetchError(fetcher, server.base + "/endless")
            #expect(error?.kind == .tooLarge)
        }
    }

    @Test func aDeclaredLengthOverTheLimitIsRefusedUpFront() async throws {
        let settings = testSettings { $0.maxBodyBytes = 1000 }
        try await withServer(settings: settings, route: { _, _, _ in .ok(body: Array(repeating: 65, count: 5000)) }) {
            server, fetcher in
            let error = await fetchError(fetcher, server.base + "/big")
            #expect(error?.kind == .tooLarge)
        }
    }

    @Test func aGzipBombIsStoppedAtTheDecompressedLimit() async throws {
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 20_000_000))
        let settings = testSettings { $0.maxBodyBytes = 2_000_000 }
        try await withServer(
            settings: settings,
            route: { _, _, _ in
                .ok(headers: [("Content-Encoding", "gzip")], body: bomb)
            }
        ) { server, fetcher in
            #expect(bomb.count < 100_000)
            let error = await fetchError(fetcher, server.base + "/bomb")
            #expect(error?.kind == .tooLarge)
        }
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        try await withServer(route: { _, _, count in
            count < 3 ? .text("busy", .serviceUnavailable) : .text("fine")
        }) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/flaky", accept: .feed)
            #expect(response.body == Array("fine".utf8))
            #expect(server.requests.count == 3)
        }
    }

    @Test func givesUpAfterTheRetries() async throws {
        try await withServer(route: { _, _, _ in .text("down", .internalServerError) }) { server, fetcher in
            let error = await fetchError(fetcher, server.base + "/down")
            #expect(error?.kind == .http)
            #expect(error?.status == 500)
            #expect(server.requests.count == 3)
        }
    }

    @Test func doesNotRetryANotFound() async throws {
        try await withServer(route: { _, _, _ in .text("no", .notFound) }) { server, fetcher in
            let error = await fetchError(fetcher, server.base + "/missing")
            #expect(error?.status == 404)
            #expect(error?.message.contains("HTTP 404 Not Found") == true)
            #expect(server.requests.count == 1)
        }
    }

    @Test func honoursRetryAfterOn429() async throws {
        let clock = VirtualClock()
        try await withServer(
            clock: clock,
            route: { _, _, count in
                count == 1 ? .text("slow down", .tooManyRequests, headers: [("Retry-After", "1")]) : .text("ok")
            }
        ) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/limited", accept: .feed)
            #expect(response.status == 200)
            #expect(server.requests.count == 2)
            // The header's second, not the 10 ms backoff.
            #expect(clock.deadlines == [.seconds(1)])
        }
    }

    @Test func backsOffTwiceAsLongEachRetry() async throws {
        let clock = VirtualClock()
        let settings = testSettings {
            $0.retryBackoff = .seconds(1); $0.retries = 3
        }
        try await withServer(
            settings: settings, clock: clock,
            route: { _, _, count in count <= 3 ? .text("down", .badGateway) : .text("ok") }
        ) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/flaky", accept: .feed)
            #expect(response.status == 200)
            #expect(server.requests.count == 4)
            #expect(clock.deadlines == [.seconds(1), .seconds(3), .seconds(7)])
        }
    }

    @Test func aRetryAfterTooLongFailsInstead() async throws {
        let settings = testSettings { $0.maxRetryAfter = .seconds(5) }
        try await withServer(
            settings: settings,
            route: { _, _, _ in
                .text("later", .tooManyRequests, headers: [("Retry-After", "3600")])
            }
        ) { server, fetcher in
            let error = await fetchError(fetcher, server.base + "/later")
            #expect(error?.status == 429)
            #expect(error?.message.contains("retry after") == true)
            #expect(server.requests.count == 1)
        }
    }

    /// Header values at their extremes are read, never trapped on: the wait is refused, the length ignored.
    @Test(arguments: [
        "9223372036854775807", "99999999999999999999999", "Fri, 31 Dec 99999 23:59:59 GMT", "-1", "soon",
    ])
    func absurdHeaderValuesAreRead(_ retryAfter: String) async throws {
        let clock = VirtualClock()
        let settings = testSettings {
            $0.retries = 1; $0.retryBackoff = .seconds(1)
        }
        try await withServer(
            settings: settings, clock: clock,
            route: { _, _, count in
                count == 1
                    ? .text("later", .serviceUnavailable, headers: [("Retry-After", retryAfter)])
                    : .text("ok", headers: [("Last-Modified", "Fri, 31 Dec 99999 23:59:59 GMT")])
            }
        ) { server, fetcher in
            let outcome = await fetchError(fetcher, server.base + "/later")
            if ["9223372036854775807", "Fri, 31 Dec 99999 23:59:59 GMT"].contains(retryAfter) {
                #expect(outcome?.message.contains("asked to retry after") == true)
                #expect(server.requests.count == 1)
            } else {
                // Unreadable or negative: the fetcher's own backoff.
                #expect(outcome == nil)
                #expect(clock.deadlines == [.seconds(1)])
            }
        }
    }

    @Test func limitsConnectionsPerHostAndSpacesThem() async throws {
        let clock = VirtualClock()
        let settings = testSettings {
            $0.connectionsPerHost = 2; $0.perHostDelay = .milliseconds(200)
        }
        try await withServer(
            settings: settings, clock: clock, route: { _, _, _ in .delayed(.milliseconds(100), .text("ok")) }
        ) { server, fetcher in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<6 {
                    group.addTask { try await fetcher.fetch(server.base + "/page/\(index)", accept: .feed).status }
                }
                for try await status in group { #expect(status == 200) }
            }
            #expect(server.requests.count == 6)
            #expect(server.peakConcurrency <= 2)
            // The first starts at once; each later one waits until 200 ms after the one before.
            #expect(clock.deadlines == (1...5).map { .milliseconds(200 * $0) })
        }
    }

    @Test func spacesStartsPerHostAndHoldsBothLimits() async {
        /// Requests in flight, per host and in all, and the most seen.
        actor Load {
            var active: [String: Int] = [:]
            var peakPerHost = 0
            var peak = 0
            func begin(_ host: String) {
                active[host, default: 0] += 1
                peakPerHost = max(peakPerHost, active[host]!)
                peak = max(peak, active.values.reduce(0, +))
            }
            func end(_ host: String) { active[host]! -= 1 }
        }
        let clock = VirtualClock()
        let load = Load()
        let politeness = Politeness(perHost: 2, global: 3, delay: .milliseconds(500), clock: clock)
        let starts = await withTaskGroup(of: (String, Duration).self) { group in
            for index in 0..<12 {
                let host = ["a.example", "b.example", "c.example"][index % 3]
                group.addTask {
                    let start = await politeness.acquire(host: host)
                    await load.begin(host)
                    for _ in 0..<3 { await Task.yield() }
                    await load.end(host)
                    await politeness.release(host: host)
                    return (host, start)
                }
            }
            var starts: [String: [Duration]] = [:]
            for await (host, start) in group { starts[host, default: []].append(start) }
            return starts
        }
        for host in ["a.example", "b.example", "c.example"] {
            let times = (starts[host] ?? []).sorted()
            #expect(times.count == 4)
            for (earlier, later) in zip(times, times.dropFirst()) { #expect(later - earlier >= .milliseconds(500)) }
        }
        #expect(await load.peakPerHost <= 2)
        #expect(await load.peak <= 3)
    }

    @Test func aGlobalLimitHoldsAcrossHosts() async throws {
        let settings = testSettings { $0.maxConcurrentRequests = 1 }
        try await withServer(settings: settings, route: { _, _, _ in .delayed(.milliseconds(100), .text("ok")) }) {
            server, fetcher in
            // Two host names for the one server: per-host limits would let both run at once.
            let hosts = ["127.0.0.1", "localhost"]
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<4 {
                    let url = "http://\(hosts[index % 2]):\(server.port)/\(index)"
                    group.addTask { try await fetcher.fetch(url, accept: .feed).status }
                }
                for try await status in group { #expect(status == 200) }
            }
            #expect(server.requests.count == 4)
            #expect(server.peakConcurrency == 1)
        }
    }

    @Test func robotsTxtIsHonouredForPagesOnly() async throws {
        try await withServer(route: { path, _, _ in
            switch path {
            case "/robots.txt": return .text("User-agent: *\nDisallow: /private/\n")
            default: return .text("<html>page</html>")
            }
        }) { server, fetcher in
            let allowed = try await fetcher.fetch(server.base + "/news/1", accept: .page)
            #expect(allowed.status == 200)
            let error = await fetchError(fetcher, server.base + "/private/2", .page)
            #expect(error?.kind == .robots)
            // A feed the user follows is fetched whatever robots.txt says.
            let feed = try await fetcher.fetch(server.base + "/private/feed.xml", accept: .feed)
            #expect(feed.status == 200)
            // robots.txt is fetched once per host.
            #expect(server.requests.filter { $0.path == "/robots.txt" }.count == 1)
        }
    }

    /// An unreachable robots.txt refuses the site's pages, but only for 15 minutes, not the day a file
    /// read is kept: a site down for a moment is not closed to the desk for a day.
    @Test func anUnreachableRobotsTxtIsAskedForAgainSoon() async throws {
        let clock = VirtualClock()
        try await withServer(
            settings: testSettings { $0.retries = 0 }, clock: clock,
            route: { path, _, count in
                switch path {
                case "/robots.txt": return count == 1 ? .text("down", .serviceUnavailable) : .text("User-agent: *\n")
                default: return .text("<html>page</html>")
                }
            }
        ) { server, fetcher in
            #expect(await fetchError(fetcher, server.base + "/news/1", .page)?.kind == .robots)
            clock.advance(by: .seconds(899))
            #expect(await fetchError(fetcher, server.base + "/news/2", .page)?.kind == .robots)
            clock.advance(by: .seconds(2))
            #expect(await fetchError(fetcher, server.base + "/news/3", .page) == nil)
            #expect(server.requests.map(\.path) == ["/robots.txt", "/robots.txt", "/news/3"])
        }
    }

    @Test func aMissingRobotsTxtAllowsEverything() async throws {
        try await withServer(route: { path, _, _ in
            path == "/robots.txt" ? .text("", .notFound) : .text("page")
        }) { server, fetcher in
            let response = try await fetcher.fetch(server.base + "/any", accept: .page)
            #expect(response.status == 200)
        }
    }

    @Test func anUnreachableHostIsAClearError() async throws {
        let fetcher = Fetcher(settings: testSettings { $0.retries = 0 })
        // Port 9 (discard) is closed on the test machine.
        let error = await fetchError(fetcher, "http://127.0.0.1:9/feed.xml")
        await fetcher.shutdown()
        #expect(error?.kind == .network)
        #expect(error?.message.contains("cannot connect to http://127.0.0.1:9/feed.xml") == true)
    }

    @Test func anUnresolvableHostIsAClearError() async throws {
        let fetcher = Fetcher(settings: testSettings { $0.retries = 0 })
        let error = await fetchError(fetcher, "http://no-such-host.invalid/feed.xml")
        await fetcher.shutdown()
        #expect(error?.kind == .dns)
        #expect(error?.message.hasPrefix("cannot resolve no-such-host.invalid") == true)
    }
}
