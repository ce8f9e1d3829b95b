import Foundation
import Hummingbird
import Logging
import Mustache
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NewsdeskCore
import NewsdeskDesk
import NewsdeskHTML
import NewsdeskMetrics
import NewsdeskStore

/// How the reader is served.
public struct ReaderSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Needed to change sources when the server listens beyond loopback.
    public var adminToken: String?
    public var title = "Newsdesk"
    /// The largest request body accepted (an OPML upload), in bytes.
    public var maxBodyBytes = 2 * 1024 * 1024
    /// Keep rendered pages until the store changes (off only to measure rendering itself).
    public var pageCache = true
    /// Once the desk has users, let anyone read it without logging in (changing it still needs an admin).
    public var publicReading = false

    public init() {}
}

public struct ReaderContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is asking, once the desk has users and they showed a session or a token.
    public var user: UserRecord?

    /// The peer's address, as the login throttle counts it.
    public var remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    public var maxUploadSize: Int { 2 * 1024 * 1024 }
}

/// A page or API answer that is not the one asked for.
struct ReaderError: Error {
    var status: HTTPResponse.Status
    var message: String

    static func notFound(_ what: String) -> ReaderError { ReaderError(status: .notFound, message: "\(what) not found") }
    static func badRequest(_ message: String) -> ReaderError { ReaderError(status: .badRequest, message: message) }
}

/// The web reader: server-rendered pages over the store, its JSON API and
/// Atom feeds. Everything from outside (titles, texts, outlet HTML) is
/// escaped by the templates or goes through the sanitiser.
public final class Reader: Sendable {
    let store: any NewsStore
    let settings: ReaderSettings
    let library: MustacheLibrary
    let admin: AdminPolicy
    /// The desk's readers, when its store keeps accounts.
    let accounts: AccountService?
    let cache = PageCache()
    /// Story comparisons (figures, additions, lost figures), kept while a story's reports are unchanged.
    let comparisons = ComparisonCache()
    let sanitizedCache = SanitizedCache()
    let stateMemo = StateMemo()
    /// The process's metrics: served at /metrics, with every request timed into them; nil for neither.
    let metrics: DeskMetrics?
    /// Follows a feed or a site URL (fetching it); given by whoever runs the reader.
    let follow: @Sendable (String) async throws -> [SourceRecord]
    let now: @Sendable () -> Int
    let logger = Logger(label: "newsdesk.reader")

    public init(
        store: any NewsStore, settings: ReaderSettings, metrics: DeskMetrics? = nil,
        follow: @escaping @Sendable (String) async throws -> [SourceRecord],
        now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }
    ) throws {
        self.store = store
        self.settings = settings
        self.metrics = metrics
        self.follow = follow
        self.now = now
        library = try Templates.library()
        admin = AdminPolicy(token: settings.adminToken, listensOnLoopback: AdminPolicy.isLoopback(settings.host))
        accounts = (store as? any AccountStore).map(AccountService.init)
    }

    // MARK: Routes

    public func router() -> Router<ReaderContext> {
        // HEAD is answered wherever GET is: the same status and headers, no body.
        let router = Router(context: ReaderContext.self, options: .autoGenerateHeadEndpoints)
        let table = RouteTable()
        // First, so that it times everything after it, the 404 and 405 answers included.
        if let metrics { router.add(middleware: RequestMetricsMiddleware(metrics: metrics)) }
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(
            middleware: MethodRoutingMiddleware(table: table) { status, message, request in
                request.uri.path.hasPrefix("/api/") ? API.error(status, message) : self.errorPage(status, message)
            })
        router.add(middleware: AccessMiddleware(reader: self))
        router.get("/") { request, context in
            if let user = context.user, Query(request)["unread"] == "1" {
                return await self.personalPage(request, user: user) { try self.frontPage(unreadFor: user) }
            }
            return await self.page(request, user: context.user, ranksByTime: true) { try self.frontPage() }
        }
        router.get("/stories/:id") { request, context in
            let id = Result { try Self.id(context) }
            return await self.page(request, user: context.user) { try self.storyPage(try id.get()) }
        }
        router.get("/articles/:id") { request, context in
            let id = Result { try Self.id(context) }
            // Opening an article marks it read.
            if let user = context.user, let id = try? id.get() {
                try? await self.offload {
                    try self.accounts?.store.setRead(userID: user.id, articles: [id], read: true)
                }
                self.accounts?.stateChanged()
            }
            return await self.page(request, user: context.user) { try self.articlePage(try id.get()) }
        }
        router.get("/search") { request, context in
            if let user = context.user, Query(request)["unread"] == "1" {
                return await self.personalPage(request, user: user) { try self.searchPage(request, unreadFor: user) }
            }
            return await self.page(request, user: context.user) { try self.searchPage(request) }
        }
        router.get("/sources") { request, context in await self.sourcesResponse(request, user: context.user) }
        router.post("/sources") { request, context in
            await self.change(request, user: context.user) { form in try await self.addSource(form) }
        }
        router.post("/sources/remove") { request, context in
            await self.change(request, user: context.user) { form in try self.removeSource(form) }
        }
        router.post("/sources/import") { request, context in
            await self.change(request, user: context.user, multipart: true) { form in try self.importSources(form) }
        }
        router.get("/sources.opml") { _, _ in
            self.plain(try SourceList.exportOPML(store: self.store), type: "text/x-opml; charset=utf-8")
        }
        router.get("/feed.atom") { _, _ in await self.feed { try self.frontFeed() } }
        router.get("/search.atom") { request, _ in await self.feed { try self.searchFeed(request) } }
        router.get("/static/site.css") { _, _ in Self.asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in Self.asset(Assets.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        if let metrics {
            let endpoint = MetricsEndpoint(metrics: metrics, admin: admin)
            router.get("/metrics") { request, _ in
                endpoint.response(
                    to: request, user: self.hasUsers() ? self.identify(request) : nil, usersExist: self.hasUsers())
            }
        }
        API(reader: self).add(to: router)
        addLoginRoutes(to: router)
        addPersonalRoutes(to: router)
        MeAPI(reader: self).add(to: router)
        if let accounts {
            GoogleReader(reader: self, accounts: accounts).add(to: router)
            Fever(reader: self, accounts: accounts).add(to: router)
            router.get("/api/apps/openapi.json") { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "application/json; charset=utf-8"
                return Response(
                    status: .ok, headers: headers,
                    body: ResponseBody(byteBuffer: ByteBuffer(string: AppsOpenAPI.document)))
            }
        }
        table.record(router.routes)
        return router
    }

    static func id(_ context: ReaderContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw ReaderError.notFound("no such page:")
        }
        return id
    }

    // MARK: Answers

    /// Runs blocking work (SQLite reads, rendering) on the thread pool kept for it, so the server's own
    /// threads go on answering cached pages and moving bytes while a page is built.
    func offload<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// What `build` makes for the request, built on the thread pool, and kept in the page cache (when it
    /// is on) until the store changes, or for a minute at most when it `ranksByTime`.
    func cached(
        _ request: Request, ranksByTime: Bool, scan: Bool = false, owner: String = "",
        _ build: @escaping @Sendable () throws -> String
    ) async throws -> CachedPage {
        let make = { @Sendable in CachedPage(try build(), scan: scan) }
        guard settings.pageCache else { return try await offload(make) }
        let key = owner + request.uri.description
        do {
            let version = PageCache.Version(generation: try store.generation(), minute: ranksByTime ? now() / 60 : 0)
            return try await cache.page(key, version) { try await self.offload(make) }
        } catch let error as ReaderError {
            throw error
        } catch {
            // The store cannot be read (PostgreSQL gone away, a disk failing): the page as last built, if
            // there is one, rather than none.
            guard let kept = cache.latest(key) else { throw error }
            logger.warning("serving \(request.uri.path) as last built: \(error)")
            return kept
        }
    }

    /// A page, or the error page; pages are cached until the store changes, and those ranked by the
    /// time of reading (the front page) for a minute at most.
    func page(
        _ request: Request, user: UserRecord? = nil, ranksByTime: Bool = false,
        _ render: @escaping @Sendable () throws -> (title: String, html: String)
    ) async -> Response {
        do {
            let page = try await cached(request, ranksByTime: ranksByTime, scan: true) { try render().html }
            if let user { return await personalized(page, user: user, request: request) }
            return html(page.body)
        } catch let error as ReaderError {
            return errorPage(error.status, error.message)
        } catch {
            logger.error("page \(request.uri.path) failed: \(error)")
            return errorPage(.serviceUnavailable, "The desk cannot be read now: \(error)")
        }
    }

    /// The sources page: never cached, for its forms carry the visitor's CSRF token.
    func sourcesResponse(_ request: Request, user: UserRecord?) async -> Response {
        let csrf = CSRF.token(for: request)
        do {
            var response = html(
                try await offload { try self.sourcesPage(request, csrf: csrf.token, user: user).html })
            if csrf.isNew { CSRF.setCookie(csrf.token, on: &response) }
            return response
        } catch {
            logger.error("the sources page failed: \(error)")
            return errorPage(.serviceUnavailable, "The desk cannot be read now: \(error)")
        }
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    func plain(_ body: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func asset(_ body: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    func errorPage(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var context = common(title: status.reasonPhrase)
        context["heading"] = status == .notFound ? "Not found" : status.reasonPhrase
        context["message"] = message
        return html(render("error", context), status: status)
    }

    func feed(_ make: @escaping @Sendable () throws -> String) async -> Response {
        do {
            return plain(try await offload(make), type: "application/atom+xml; charset=utf-8")
        } catch let error as ReaderError {
            return errorPage(error.status, error.message)
        } catch {
            return errorPage(.serviceUnavailable, "The desk cannot be read now: \(error)")
        }
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// What every page's frame needs.
    func common(title: String, query: String = "") -> [String: Any] {
        ["siteTitle": settings.title, "pageTitle": title, "assetVersion": Assets.version, "query": query]
    }

    // MARK: Changing sources

    /// Runs a change of sources posted from a form: the CSRF token and the admin token checked first,
    /// then back to the sources page with what happened.
    func change(
        _ request: Request, user: UserRecord?, multipart: Bool = false,
        _ perform: ([String: [UInt8]]) async throws -> String
    ) async -> Response {
        var request = request
        let form: [String: [UInt8]]
        do {
            let body = try await request.collectBody(upTo: settings.maxBodyBytes)
            let bytes = Array(buffer: body)
            if multipart {
                guard let boundary = Forms.boundary(contentType: request.headers[.contentType] ?? "") else {
                    return errorPage(.badRequest, "The upload was not a multipart form.")
                }
                form = Forms.multipart(bytes, boundary: boundary)
            } else {
                form = Forms.urlEncoded(String(decoding: bytes, as: UTF8.self)).mapValues { Array($0.utf8) }
            }
        } catch {
            return errorPage(.contentTooLarge, "The form is larger than \(settings.maxBodyBytes / 1_048_576) MB.")
        }
        let text = { (name: String) in form[name].map { String(decoding: $0, as: UTF8.self) } }
        guard CSRF.isValid(request, formToken: text("csrf")) else {
            return errorPage(
                .forbidden, "The form had expired or came from another site; reload the page and try again.")
        }
        if let refusal = admin.refusal(offered: text("token"), user: user, usersExist: hasUsers()) {
            return errorPage(.forbidden, "Not changed: \(refusal).")
        }
        do {
            let message = try await perform(form)
            cache.clear()
            return .redirect(to: "/sources?message=" + Self.queryEscape(message))
        } catch {
            return .redirect(to: "/sources?message=" + Self.queryEscape("Not changed: \(error)"))
        }
    }

    func addSource(_ form: [String: [UInt8]]) async throws -> String {
        let url = form["url"].map { String(decoding: $0, as: UTF8.self) }?.trimmingCharacters(in: .whitespaces) ?? ""
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw NewsdeskError(.unparseable, "give a feed's or a site's http or https address")
        }
        let followed = try await follow(url)
        return "Following " + Display.list(followed.map { $0.title ?? $0.feedURL }) + "."
    }

    func removeSource(_ form: [String: [UInt8]]) throws -> String {
        let url = form["url"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard try store.removeSource(feedURL: url) else { throw NewsdeskError(.notFound, "\(url) is not followed") }
        return "No longer following \(url); its articles stay."
    }

    func importSources(_ form: [String: [UInt8]]) throws -> String {
        guard let opml = form["opml"], !opml.isEmpty else { throw NewsdeskError(.noContent, "no OPML file was sent") }
        let result = try SourceList.importOPML(opml, store: store, now: now())
        return "Imported \(result.listed) feeds: \(result.added) new, \(result.listed - result.added) already followed."
            + (result.problem.map { " (The file has a problem: \($0).)" } ?? "")
    }

    static func queryEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// Rendered pages, kept while the store has not changed (and, for the time-ranked front page, for a
/// minute). A page asked for again while it is being built waits for that build instead of starting
/// another. At most `capacity` pages: new pages go to a recent half, which, when full, becomes the older
/// half in place of the last; a page asked for from the older half moves back to the recent one. So a
/// crawler walking through every article cannot push out the pages readers keep asking for.
final class PageCache: Sendable {
    /// What a page was built from.
    struct Version: Equatable {
        var generation: Int
        var minute: Int
    }

    private typealias Page = (version: Version, body: CachedPage)

    private struct State {
        var recent: [String: Page] = [:]
        var older: [String: Page] = [:]
        var building: [String: (version: Version, task: Task<CachedPage, any Error>)] = [:]
    }

    private let state = NIOLockedValueBox(State())
    private let half: Int

    init(capacity: Int = 2_000) {
        half = max(1, capacity / 2)
    }

    /// The page kept under `key` for `version`, else the one being built, else one `build` makes now.
    func page(_ key: String, _ version: Version, build: @escaping @Sendable () async throws -> CachedPage)
        async throws -> CachedPage
    {
        enum Found {
            case page(CachedPage)
            case building(Task<CachedPage, any Error>, isOurs: Bool)
        }
        let found = state.withLockedValue { state -> Found in
            if let kept = state.recent[key], kept.version == version { return .page(kept.body) }
            if let kept = state.older.removeValue(forKey: key), kept.version == version {
                keep(key, kept, in: &state)
                return .page(kept.body)
            }
            if let building = state.building[key], building.version == version {
                return .building(building.task, isOurs: false)
            }
            let task = Task { try await build() }
            state.building[key] = (version, task)
            return .building(task, isOurs: true)
        }
        switch found {
        case .page(let body):
            return body
        case .building(let task, let isOurs):
            let result = await task.result
            if isOurs {
                state.withLockedValue { state in
                    // Unless a build for a newer version has taken its place meanwhile.
                    if state.building[key]?.version == version { state.building[key] = nil }
                    if case .success(let body) = result { keep(key, (version, body), in: &state) }
                }
            }
            return try result.get()
        }
    }

    /// The page last kept under `key`, whatever it was built from.
    func latest(_ key: String) -> CachedPage? {
        state.withLockedValue { state in (state.recent[key] ?? state.older[key])?.body }
    }

    private func keep(_ key: String, _ page: Page, in state: inout State) {
        if state.recent[key] == nil && state.recent.count >= half {
            state.older = state.recent
            state.recent = [:]
        }
        state.recent[key] = page
    }

    func clear() {
        state.withLockedValue { state in
            state.recent.removeAll()
            state.older.removeAll()
        }
    }
}

/// A page as the cache keeps it: its body, and for a page a user may be shown, the stories and
/// articles it shows (read once, when it is built), whose state the user's answer carries.
struct CachedPage: Sendable {
    let body: String
    let stories: [Int64]
    let articles: [Int64]
    /// Which build this is: no two builds share a number.
    let build: Int

    private static let builds = NIOLockedValueBox(0)

    init(_ body: String, scan: Bool) {
        self.body = body
        build = Self.builds.withLockedValue { count in
            count &+= 1
            return count
        }
        stories = scan ? Self.ids(in: body, attribute: "data-story=\"") : []
        articles = scan ? Self.ids(in: body, attribute: "data-article=\"") : []
    }

    /// The ids a page shows under an attribute (`data-story="12"`), in order, once each.
    static func ids(in html: String, attribute: String) -> [Int64] {
        var ids: [Int64] = []
        var seen = Set<Int64>()
        let marker = Array(attribute.utf8)
        html.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while let found = Self.find(marker, in: bytes, from: index) {
                index = found + marker.count
                var value: Int64 = 0
                var digits = 0
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, digits < 18 {
                    value = value * 10 + Int64(bytes[index] - 48)
                    digits += 1
                    index += 1
                }
                if digits > 0, seen.insert(value).inserted { ids.append(value) }
            }
        }
        return ids
    }

    private static func find(_ marker: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = marker.first, marker.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - marker.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < marker.count, bytes[index + matched] == marker[matched] { matched += 1 }
                if matched == marker.count { return index }
            }
            index += 1
        }
        return nil
    }
}
