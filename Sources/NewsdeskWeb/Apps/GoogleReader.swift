import Foundation
import HTTPTypes
import Hummingbird
import NewsdeskStore

/// The Google Reader API at /api/greader, as FreshRSS and Miniflux serve it to apps (NetNewsWire, Reeder,
/// Read You, FeedMe, Fluent Reader, newsboat): ClientLogin with the user's name and an app password gives
/// an auth token (`Authorization: GoogleLogin auth=…`); POSTs carry the `T` token as well. Every answer
/// is JSON, or the protocol's plain text; every failure a status with one line.
struct GoogleReader {
    let reader: Reader
    let accounts: AccountService
    var store: any AccountStore { accounts.store }

    /// The most items one answer carries, and the most ids one answer carries or one request names.
    static let maxItems = 1_000
    static let maxIDs = 10_000

    /// How a call is asked for.
    enum Route {
        /// Reading, by GET or POST.
        case read
        /// Reading what the body names: POST only.
        case readPosted
        /// A change: POST, with the T token.
        case change
    }

    /// What a handler gets: who asks, what they sent, and their auth token.
    struct Call {
        var request: Request
        var user: UserRecord
        var parameters: Query
        var token: String
    }

    func add(to router: Router<ReaderContext>) {
        let routes: [(String, Route, @Sendable (Call) async throws -> Response)] = [
            // Without a newline: newsboat sends the answer back as it came.
            ("reader/api/0/token", .read, { call in Self.text(Self.tToken(call.token)) }),
            ("reader/api/0/user-info", .read, { call in userInfo(call) }),
            ("reader/api/0/subscription/list", .read, { _ in try await subscriptions() }),
            ("reader/api/0/subscription/edit", .change, { call in try await editSubscription(call) }),
            ("reader/api/0/subscription/quickadd", .change, { call in try await quickAdd(call) }),
            ("reader/api/0/tag/list", .read, { call in try await tags(call) }),
            ("reader/api/0/rename-tag", .change, { call in try await renameTag(call, disable: false) }),
            ("reader/api/0/disable-tag", .change, { call in try await renameTag(call, disable: true) }),
            ("reader/api/0/unread-count", .read, { call in try await unreadCount(call) }),
            ("reader/api/0/stream/contents", .read, { call in try await contents(call) }),
            ("reader/api/0/stream/contents/**", .read, { call in try await contents(call) }),
            ("reader/api/0/stream/items/ids", .read, { call in try await itemIDs(call) }),
            ("reader/api/0/stream/items/contents", .readPosted, { call in try await itemContents(call) }),
            ("reader/api/0/edit-tag", .change, { call in try await editTag(call) }),
            ("reader/api/0/mark-all-as-read", .change, { call in try await markAllRead(call) }),
            ("reader/atom", .read, { call in try await atom(call) }),
            ("reader/atom/**", .read, { call in try await atom(call) }),
        ]
        let group = router.group("api/greader")
        for method in [HTTPRequest.Method.get, .post] {
            group.on("accounts/ClientLogin", method: method) { request, context in
                await clientLogin(request, context: context)
            }
            // Changes (and items asked for by id, in the body) are POSTed; reading answers GET and POST alike,
            // as apps use both.
            for (path, route, handler) in routes where method == .post || route == .read {
                group.on(RouterPath(path), method: method) { request, _ in
                    await answer(request, changes: route == .change, handler)
                }
            }
        }
    }

    // MARK: Answers

    static func text(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func unauthorized(_ message: String) -> Response {
        var response = text("Unauthorized: \(message)\n", status: .unauthorized)
        response.headers[HTTPField.Name("X-Reader-Google-Bad-Token")!] = "true"
        return response
    }

    /// The token POSTs must carry: made from the auth token, so it needs no storing and ends with it.
    static func tToken(_ authToken: String) -> String {
        String(Secrets.digest("T:" + authToken).prefix(57))
    }

    /// The request's parameters, from its query and (for a form POST) its body together.
    static func parameters(_ request: inout Request) async throws -> Query {
        var raw = request.uri.query ?? ""
        if request.method == .post {
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: 2 * 1024 * 1024)
            } catch {
                throw ReaderError(status: .contentTooLarge, message: "the body is larger than 2 MB")
            }
            let contentType = request.headers[.contentType]?.lowercased() ?? ""
            if contentType.isEmpty || contentType.hasPrefix("application/x-www-form-urlencoded") {
                raw += "&" + String(buffer: body)
            }
        }
        return Query(raw: raw)
    }

    func answer(_ request: Request, changes: Bool, _ handler: @Sendable (Call) async throws -> Response) async
        -> Response
    {
        var request = request
        do {
            let parameters = try await Self.parameters(&request)
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("googlelogin auth="),
                case let token = String(header.dropFirst("GoogleLogin auth=".count)),
                let user = accounts.user(secret: token, kind: .greader, now: reader.now())
            else { return Self.unauthorized("log in with accounts/ClientLogin and an app password") }
            if changes && request.method == .post {
                guard let offered = parameters["T"]?.trimmingCharacters(in: .whitespacesAndNewlines),
                    AdminPolicy.constantTimeEqual(offered, Self.tToken(token))
                else {
                    return Self.unauthorized("the T token is missing or stale; get one from reader/api/0/token")
                }
            }
            if changes && request.method != .post {
                var response = Self.text("Method Not Allowed: changes are POSTed\n", status: .methodNotAllowed)
                response.headers[.allow] = "POST"
                return response
            }
            return try await handler(Call(request: request, user: user, parameters: parameters, token: token))
        } catch let error as ReaderError {
            return Self.text("\(error.status.reasonPhrase): \(error.message)\n", status: error.status)
        } catch {
            return Self.text(
                "Service Unavailable: the desk could not be read now: \(error)\n", status: .serviceUnavailable)
        }
    }

    func clientLogin(_ request: Request, context: ReaderContext) async -> Response {
        var request = request
        guard let parameters = try? await Self.parameters(&request) else {
            return Self.text("Error=BadRequest\n", status: .badRequest)
        }
        let outcome = await accounts.appLogin(
            name: parameters["Email"] ?? "", password: parameters["Passwd"] ?? "",
            address: Reader.clientAddress(request, context: context), now: reader.now())
        switch outcome {
        case .user(let user, let credential):
            guard let token = try? accounts.greaderToken(for: user, appCredential: credential, now: reader.now()) else {
                return Self.text("Error=ServiceUnavailable\n", status: .serviceUnavailable)
            }
            if parameters["output"] == "json" {
                return Self.json(["SID": token, "LSID": "null", "Auth": token])
            }
            return Self.text("SID=\(token)\nLSID=null\nAuth=\(token)\n")
        case .refused:
            return Self.text("Error=BadAuthentication\n", status: .unauthorized)
        case .throttled(let seconds):
            var response = Self.text("Error=TooManyAttempts\n", status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    func offload<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await reader.offload(work)
    }

    // MARK: The user and their subscriptions

    func userInfo(_ call: Call) -> Response {
        Self.json([
            "userId": String(call.user.id), "userName": call.user.name, "userProfileId": String(call.user.id),
            "userEmail": "",
        ])
    }

    struct Category: Encodable {
        var id: String
        var label: String
    }

    struct Subscription: Encodable {
        var id: String
        var title: String
        var categories: [Category]
        var url: String
        var htmlUrl: String
        var iconUrl: String
    }

    func subscriptions() async throws -> Response {
        let sources = try await offload { try reader.store.sources() }
        return Self.json([
            "subscriptions": sources.map { source in
                Subscription(
                    id: "feed/" + source.feedURL, title: source.title ?? source.feedURL,
                    categories: source.folder.map { [Category(id: GoogleReaderNames.labelPrefix + $0, label: $0)] }
                        ?? [],
                    url: source.feedURL, htmlUrl: source.siteURL ?? source.feedURL, iconUrl: "")
            }
        ])
    }

    /// Sources are the desk's, not one user's: changing them needs an admin.
    func requireAdmin(_ call: Call) throws {
        guard call.user.isAdmin else {
            throw ReaderError(status: .forbidden, message: "only an admin may change the desk's sources")
        }
    }

    func source(named stream: String?) throws -> SourceRecord {
        guard let stream, stream.hasPrefix("feed/") else { throw ReaderError.badRequest("s must be feed/<address>") }
        let url = String(stream.dropFirst(5))
        guard let source = try reader.store.sources().first(where: { $0.feedURL == url }) else {
            throw ReaderError.notFound("the feed \(url.prefix(200))")
        }
        return source
    }

    func editSubscription(_ call: Call) async throws -> Response {
        try requireAdmin(call)
        let streams = call.parameters.all("s")
        guard !streams.isEmpty, streams.count <= 1_000 else { throw ReaderError.badRequest("s: 1 to 1000 feeds") }
        let folderAdded = try call.parameters["a"].map { try folder($0, call: call) }
        let folderRemoved = call.parameters["r"] != nil
        switch call.parameters["ac"] ?? "edit" {
        case "subscribe":
            for stream in streams {
                guard stream.hasPrefix("feed/") else { throw ReaderError.badRequest("s must be feed/<address>") }
                let followed = try await follow(String(stream.dropFirst(5)))
                for source in followed {
                    _ = try store.updateSource(
                        id: source.id, title: call.parameters["t"], folder: folderAdded.map { .some($0) })
                }
            }
        case "unsubscribe":
            for stream in streams {
                let source = try source(named: stream)
                _ = try reader.store.removeSource(feedURL: source.feedURL)
            }
        case "edit":
            for stream in streams {
                let source = try source(named: stream)
                let folder: String?? = folderAdded.map { .some($0) } ?? (folderRemoved ? .some(nil) : nil)
                _ = try store.updateSource(id: source.id, title: call.parameters["t"], folder: folder)
            }
        default:
            throw ReaderError.badRequest("ac must be subscribe, unsubscribe or edit")
        }
        reader.cache.clear()
        return Self.text("OK")
    }

    func follow(_ url: String) async throws -> [SourceRecord] {
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.utf8.count <= 2_000 else {
            throw ReaderError.badRequest("give a feed's or a site's http or https address")
        }
        do {
            return try await reader.follow(url)
        } catch {
            throw ReaderError(status: .unprocessableContent, message: "\(url): \(error)")
        }
    }

    func quickAdd(_ call: Call) async throws -> Response {
        try requireAdmin(call)
        guard var url = call.parameters["quickadd"] else { throw ReaderError.badRequest("quickadd is needed") }
        if url.hasPrefix("feed/") { url.removeFirst(5) }
        let followed = try await follow(url)
        reader.cache.clear()
        guard let first = followed.first else { return Self.json(["numResults": 0]) }
        return Self.json(QuickAdded(query: url, streamId: "feed/" + first.feedURL, streamName: first.title ?? url))
    }

    struct QuickAdded: Encodable {
        var numResults = 1
        var query: String
        var streamId: String
        var streamName: String
    }

    /// A folder named by a label (`user/-/label/NAME`, or the bare name).
    func folder(_ label: String, call: Call) throws -> String {
        guard let own = GoogleReaderNames.own(label, user: call.user) else {
            throw ReaderError.badRequest("the label names another user")
        }
        let name =
            own.hasPrefix(GoogleReaderNames.labelPrefix)
            ? String(own.dropFirst(GoogleReaderNames.labelPrefix.count)) : own
        guard !name.isEmpty, name.count <= 200, !name.hasPrefix("user/") else {
            throw ReaderError.badRequest("a label is user/-/label/<name>")
        }
        return name
    }

    struct Tag: Encodable {
        var id: String
        var type: String?
    }

    func tags(_ call: Call) async throws -> Response {
        let (sources, labels) = try await offload {
            (try reader.store.sources(), try store.labels(userID: call.user.id))
        }
        let folders = Set(sources.compactMap(\.folder)).sorted()
        var tags = [Tag(id: GoogleReaderNames.starred, type: nil)]
        tags += folders.map { Tag(id: GoogleReaderNames.labelPrefix + $0, type: "folder") }
        tags += labels.filter { !folders.contains($0) }.map { Tag(id: GoogleReaderNames.labelPrefix + $0, type: "tag") }
        return Self.json(["tags": tags])
    }

    /// Renames a folder (an admin's change: folders are the desk's) or the user's own label; disabling
    /// takes it away (the sources stay, out of any folder).
    func renameTag(_ call: Call, disable: Bool) async throws -> Response {
        guard let named = call.parameters["s"] ?? call.parameters["t"] else {
            throw ReaderError.badRequest("s is needed")
        }
        let old = try folder(named, call: call)
        let new = disable ? nil : try call.parameters["dest"].map { try folder($0, call: call) }
        guard disable || new != nil else { throw ReaderError.badRequest("dest is needed") }
        let isFolder = try reader.store.sources().contains { $0.folder == old }
        if isFolder {
            try requireAdmin(call)
            _ = try store.renameFolder(old, to: new)
            reader.cache.clear()
        } else {
            let ids = try store.itemIDs(userID: call.user.id, ItemQuery(stream: .label(old), limit: 1_000_000))
            if let new { try store.setLabel(new, userID: call.user.id, articles: ids, on: true) }
            try store.setLabel(old, userID: call.user.id, articles: ids, on: false)
        }
        return Self.text("OK")
    }

    struct UnreadCount: Encodable {
        var id: String
        var count: Int
        var newestItemTimestampUsec: String
    }

    func unreadCount(_ call: Call) async throws -> Response {
        let (counts, sources) = try await offload {
            (try store.unreadCounts(userID: call.user.id), try reader.store.sources())
        }
        var list: [UnreadCount] = []
        var byFolder: [String: Int] = [:]
        for source in sources {
            let count = counts.bySource[source.id] ?? 0
            if let folder = source.folder { byFolder[folder, default: 0] += count }
            guard count > 0 else { continue }
            list.append(
                UnreadCount(
                    id: "feed/" + source.feedURL, count: count,
                    newestItemTimestampUsec: String((source.lastSuccessAt ?? source.addedAt) * 1_000_000)))
        }
        let now = String(reader.now() * 1_000_000)
        for (folder, count) in byFolder.sorted(by: { $0.key < $1.key }) where count > 0 {
            list.append(
                UnreadCount(id: GoogleReaderNames.labelPrefix + folder, count: count, newestItemTimestampUsec: now))
        }
        list.append(UnreadCount(id: GoogleReaderNames.readingList, count: counts.total, newestItemTimestampUsec: now))
        return Self.json(UnreadCounts(max: counts.total, unreadcounts: list))
    }

    struct UnreadCounts: Encodable {
        var max: Int
        var unreadcounts: [UnreadCount]
    }
}
