import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NewsdeskCore

/// The one HTTP client for feeds and pages, on AsyncHTTPClient.
///
/// Every hop of a request is checked before it is made: only http and https,
/// and the host's addresses resolved and checked against the address policy
/// (loopback, private, link-local, CGNAT, multicast, metadata… are refused
/// unless allowed). The connection is pinned to the checked address, so DNS
/// cannot answer differently a moment later. Redirects are followed here,
/// hop by hop, at most `maxRedirects`, each hop checked again.
///
/// Bodies are limited after decompression, so neither a huge page nor a
/// gzip bomb gets through; a request has connect, read and total time
/// limits. Requests to one host are at most `connectionsPerHost` at a time
/// and start at least `perHostDelay` apart; all requests share a global
/// limit. Timeouts, network errors, 5xx and 429 are retried with backoff,
/// honouring `Retry-After`. Article pages honour robots.txt.
public final class Fetcher: Sendable {
    public let settings: FetchSettings
    private let policy: AddressPolicy
    private let clients: ClientPool
    private let politeness: Politeness
    private let robots: RobotsCache
    private let clock: any FetchClock

    public init(settings: FetchSettings = FetchSettings(), clock: any FetchClock = SystemFetchClock()) {
        self.settings = settings
        self.clock = clock
        policy = AddressPolicy(
            allowPrivateNetwork: settings.allowPrivateNetwork,
            allowedAddresses: settings.allowedAddresses.compactMap(IPAddress.init))
        clients = ClientPool(settings: settings)
        politeness = Politeness(
            perHost: settings.connectionsPerHost, global: settings.maxConcurrentRequests, delay: settings.perHostDelay,
            clock: clock)
        robots = RobotsCache(clock: clock)
    }

    /// Closes every connection. Call once, when done.
    public func shutdown() async {
        await clients.shutdown()
    }

    /// Fetches `url`, following redirects and retrying transient failures.
    public func fetch(_ url: String, accept purpose: FetchPurpose = .page, validators: Validators? = nil) async throws
        -> FetchResponse
    {
        let target = try Target(url)
        if purpose == .page && settings.respectRobots {
            try await checkRobots(target)
        }
        var attempt = 0
        while true {
            do {
                return try await followingRedirects(target, purpose: purpose, validators: validators)
            } catch let error as FetchError where error.isTransient && attempt < settings.retries {
                let backoff = settings.retryBackoff * (1 << attempt)
                let wait = error.retryAfter.map { max($0, backoff) } ?? backoff
                guard wait <= settings.maxRetryAfter else {
                    throw FetchError(
                        error.kind, error.message + " (asked to retry after \(wait))", status: error.status)
                }
                attempt += 1
                try await clock.sleep(until: clock.now + wait)
            }
        }
    }

    private func followingRedirects(_ start: Target, purpose: FetchPurpose, validators: Validators?) async throws
        -> FetchResponse
    {
        var current = start
        var visited: Set<String> = [start.url]
        var redirects = 0
        while true {
            var response = try await single(current, purpose: purpose, validators: validators)
            if [301, 302, 303, 307, 308].contains(response.status), let location = response.headers["location"] {
                guard redirects < settings.maxRedirects else {
                    throw FetchError(
                        .tooManyRedirects, "more than \(settings.maxRedirects) redirects from \(start.url)")
                }
                guard let next = URL(string: location, relativeTo: URL(string: current.url))?.absoluteString else {
                    throw FetchError(.badURL, "redirect to an unusable location: \(location)")
                }
                let nextTarget = try Target(next)
                guard visited.insert(nextTarget.url).inserted else {
                    throw FetchError(.tooManyRedirects, "redirect loop at \(nextTarget.url)")
                }
                current = nextTarget
                redirects += 1
                continue
            }
            response.redirects = redirects
            if response.status >= 400 {
                let reason = HTTPResponseStatus(statusCode: response.status).reasonPhrase
                var error = FetchError(
                    .http, "HTTP \(response.status) \(reason) from \(current.url)", status: response.status)
                error.retryAfter = response.headers["retry-after"].flatMap(Self.retryAfter)
                throw error
            }
            return response
        }
    }

    /// One request, no redirects followed.
    private func single(_ target: Target, purpose: FetchPurpose, validators: Validators?) async throws -> FetchResponse
    {
        let addresses = try await HostResolver.resolve(target.host)
        var refusals: [String] = []
        var chosen: IPAddress?
        for address in addresses {
            if let refusal = policy.refusal(for: address) {
                refusals.append(refusal)
            } else {
                chosen = address
                break
            }
        }
        guard let address = chosen else {
            throw FetchError(
                .refused,
                "refused \(target.url): \(refusals.first ?? "no usable address") (allow with --allow-private-network)")
        }
        let client = await clients.client(host: target.host, address: IPAddress(target.host) == nil ? address : nil)
        await politeness.acquire(host: target.host)
        do {
            let response = try await perform(target, client: client, purpose: purpose, validators: validators)
            await politeness.release(host: target.host)
            return response
        } catch {
            await politeness.release(host: target.host)
            throw Self.describe(error, url: target.url, settings: settings)
        }
    }

    private func perform(_ target: Target, client: HTTPClient, purpose: FetchPurpose, validators: Validators?)
        async throws -> FetchResponse
    {
        var request = HTTPClientRequest(url: target.url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        switch purpose {
        case .feed:
            request.headers.add(
                name: "Accept",
                value: "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, "
                    + "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
        case .page:
            request.headers.add(name: "Accept", value: "text/html, application/xhtml+xml, */*;q=0.8")
        case .robots:
            request.headers.add(name: "Accept", value: "text/plain, */*;q=0.5")
        }
        if let etag = validators?.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let modified = validators?.lastModified { request.headers.add(name: "If-Modified-Since", value: modified) }

        let started = ContinuousClock.now
        let deadline = NIODeadline.now() + TimeAmount(settings.totalTimeout)
        let response = try await client.execute(request, deadline: deadline)
        var headers: [String: String] = [:]
        for (name, value) in response.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { $0 + ", " + value } ?? value
        }
        let limit = settings.maxBodyBytes
        if let declared = headers["content-length"].flatMap({ Int($0) }), declared > limit,
            headers["content-encoding"] == nil
        {
            throw FetchError(.tooLarge, "\(target.url) is \(declared) bytes, over the \(limit)-byte limit")
        }
        var body: [UInt8] = []
        if response.status != .notModified {
            for try await chunk in response.body {
                guard body.count + chunk.readableBytes <= limit else {
                    throw FetchError(.tooLarge, "\(target.url) is over the \(limit)-byte limit")
                }
                body.append(contentsOf: chunk.readableBytesView)
                if ContinuousClock.now - started > settings.totalTimeout {
                    throw FetchError(.timeout, "\(target.url) took longer than \(settings.totalTimeout)")
                }
            }
        }
        return FetchResponse(
            url: target.url, status: Int(response.status.code), headers: headers, body: body,
            validators: Validators(etag: headers["etag"], lastModified: headers["last-modified"]), redirects: 0)
    }

    /// AsyncHTTPClient's and NIO's errors as one-line fetch errors.
    static func describe(_ error: any Error, url: String, settings: FetchSettings) -> FetchError {
        if let error = error as? FetchError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return FetchError(.timeout, "connecting to \(url) timed out")
            case .readTimeout: return FetchError(.timeout, "\(url) stopped sending (read timeout)")
            case .deadlineExceeded: return FetchError(.timeout, "\(url) took longer than \(settings.totalTimeout)")
            case .remoteConnectionClosed: return FetchError(.network, "\(url) closed the connection")
            default: return FetchError(.network, "\(url): \(error)")
            }
        }
        if error is NIOHTTPDecompression.DecompressionError {
            return FetchError(.tooLarge, "\(url) decompresses to more than \(settings.maxBodyBytes) bytes")
        }
        if error is CancellationError { return FetchError(.timeout, "\(url): cancelled") }
        if let error = error as? NIOConnectionError {
            let reason = error.connectionErrors.first.map { reasonText($0.error) } ?? "\(error)"
            return FetchError(.network, "cannot connect to \(url): \(reason)")
        }
        if let error = error as? IOError {
            return FetchError(.network, "cannot connect to \(url): \(reasonText(error))")
        }
        return FetchError(.network, "\(url): \(error)")
    }

    /// "Connection refused" rather than NIO's full description.
    private static func reasonText(_ error: any Error) -> String {
        if let io = error as? IOError, let text = strerror(io.errnoCode) { return String(cString: text) }
        return "\(error)"
    }

    /// "120" seconds or an HTTP date.
    static func retryAfter(_ value: String) -> Duration? {
        let trimmed = value.trimmingCharacters(in: " \t")
        if let seconds = Int(trimmed) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSinceNow.rounded(.up))))
    }

    // MARK: robots.txt

    private func checkRobots(_ target: Target) async throws {
        let origin = target.origin
        let rules: RobotsRules
        if let cached = await robots.rules(for: origin) {
            rules = cached
        } else {
            let loaded = await loadRobots(origin)
            // A fetch cut short because the work was cancelled says nothing about the site: kept, it
            // would refuse every page of the site for as long as it is kept.
            try Task.checkCancellation()
            rules = loaded.rules
            await robots.store(rules, for: origin, keptFor: loaded.keptFor)
        }
        guard rules.allows(target.pathAndQuery, agent: "newsdesk") else {
            throw FetchError(.robots, "\(target.url) is disallowed by \(origin)/robots.txt")
        }
    }

    /// RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one (5xx, network) allows
    /// nothing. A file read is kept for a day; an unreachable one is asked for again after 15 minutes.
    private func loadRobots(_ origin: String) async -> (rules: RobotsRules, keptFor: Duration) {
        let day = Duration.seconds(86_400)
        do {
            let response = try await followingRedirects(
                try Target(origin + "/robots.txt"), purpose: .robots, validators: nil)
            return (RobotsRules(String(decoding: response.body.prefix(512 * 1024), as: UTF8.self)), day)
        } catch let error as FetchError {
            if error.kind == .http, let status = error.status, status >= 400 && status < 500 { return (.allowAll, day) }
            if error.kind == .refused || error.kind == .badURL { return (.allowAll, day) }
            return (.disallowAll, .seconds(900))
        } catch {
            return (.disallowAll, .seconds(900))
        }
    }
}

/// A URL the fetcher will request: http or https with a host.
struct Target {
    let url: String
    let scheme: String
    let host: String
    let origin: String
    let pathAndQuery: String

    init(_ text: String) throws {
        let trimmed = text.trimmingSpaces()
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw FetchError(.badURL, "not a URL: \(text)")
        }
        guard scheme == "http" || scheme == "https" else {
            throw FetchError(.badURL, "only http and https URLs can be fetched, not \(scheme): \(text)")
        }
        guard var host = components.host, !host.isEmpty else { throw FetchError(.badURL, "no host in \(text)") }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.url = components.string ?? trimmed
        self.scheme = scheme
        self.host = host.lowercased()
        let port = components.port.map { ":\($0)" } ?? ""
        let hostPart = host.contains(":") ? "[\(host)]" : host
        origin = "\(scheme)://\(hostPart.lowercased())\(port)"
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        pathAndQuery = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// One AsyncHTTPClient per host and checked address, so connections are
/// pooled and pinned to the address the policy approved.
actor ClientPool {
    private let settings: FetchSettings
    private var clients: [String: HTTPClient] = [:]

    init(settings: FetchSettings) {
        self.settings = settings
    }

    func client(host: String, address: IPAddress?) -> HTTPClient {
        let key = host + "|" + (address.map { "\($0)" } ?? "")
        if let existing = clients[key] { return existing }
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(
            connect: TimeAmount(settings.connectTimeout), read: TimeAmount(settings.readTimeout))
        configuration.decompression = .enabled(limit: .size(settings.maxBodyBytes))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.connectionsPerHost)
        // A refused or failed connection is an answer: the fetcher's own retries (with backoff) decide what next.
        configuration.connectionPool.retryConnectionEstablishment = false
        if let address { configuration.dnsOverride = [host: "\(address)"] }
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        clients[key] = client
        return client
    }

    func shutdown() async {
        for client in clients.values { try? await client.shutdown() }
        clients.removeAll()
    }
}

/// Per-host and global limits on requests in flight, and a least delay
/// between the starts of requests to one host.
actor Politeness {
    private let perHost: Int
    private let global: Int
    private let delay: Duration
    private let clock: any FetchClock
    private var active: [String: Int] = [:]
    private var totalActive = 0
    private var nextStart: [String: Duration] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(perHost: Int, global: Int, delay: Duration, clock: any FetchClock) {
        self.perHost = max(1, perHost)
        self.global = max(1, global)
        self.delay = delay
        self.clock = clock
    }

    /// Waits for a free place and the host's next start; returns that start, on the clock.
    @discardableResult
    func acquire(host: String) async -> Duration {
        while active[host, default: 0] >= perHost || totalActive >= global {
            await withCheckedContinuation { waiters.append($0) }
        }
        active[host, default: 0] += 1
        totalActive += 1
        let now = clock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start + delay
        if start > now { try? await clock.sleep(until: start) }
        return start
    }

    func release(host: String) {
        active[host, default: 1] -= 1
        if active[host] == 0 { active[host] = nil }
        totalActive -= 1
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }
}

/// robots.txt rules per origin, each kept for as long as its reading says.
actor RobotsCache {
    private let clock: any FetchClock
    private var entries: [String: (rules: RobotsRules, expires: Duration)] = [:]

    init(clock: any FetchClock) {
        self.clock = clock
    }

    func rules(for origin: String) -> RobotsRules? {
        guard let entry = entries[origin], clock.now < entry.expires else { return nil }
        return entry.rules
    }

    func store(_ rules: RobotsRules, for origin: String, keptFor lifetime: Duration) {
        entries[origin] = (rules, clock.now + lifetime)
    }
}
