import Foundation
import Hummingbird
import NewsdeskStore

/// The Fever API at /api/fever, as its published description defines it: `api_key` (md5 of
/// "user:app password") posted with every call, `?api` and one or more of groups, feeds, favicons, items,
/// links, unread_item_ids, saved_item_ids, or a `mark`. Every answer is JSON with `api_version` and `auth`,
/// and `last_refreshed_on_time` once authenticated. Groups are the sources' folders; links are the
/// stories most outlets report.
struct Fever {
    let reader: Reader
    let accounts: AccountService
    var store: any AccountStore { accounts.store }

    static let version = 3
    /// The most items one answer carries, as the protocol has it.
    static let pageSize = 50

    func add(to router: Router<ReaderContext>) {
        for path in ["api/fever", "api/fever.php"] {
            for method in [HTTPRequest.Method.get, .post] {
                router.on(RouterPath(path), method: method) { request, _ in await answer(request) }
            }
        }
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func answer(_ request: Request) async -> Response {
        var request = request
        let parameters: Query
        do {
            parameters = try await GoogleReader.parameters(&request)
        } catch {
            return Self.json(
                ["api_version": Self.version, "auth": 0, "error": "the body is larger than 2 MB"],
                status: .contentTooLarge)
        }
        var answer: [String: Any] = ["api_version": Self.version, "auth": 0]
        // What is malformed is refused whoever asks, before the key is looked at.
        do {
            try Self.validate(parameters)
        } catch let error as ReaderError {
            answer["error"] = error.message
            return Self.json(answer, status: error.status)
        } catch {
            return Self.json(answer, status: .badRequest)
        }
        guard let key = parameters["api_key"]?.lowercased(), key.count == 32, key.allSatisfy(\.isHexDigit),
            let user = accounts.user(secret: key, kind: .fever, now: reader.now())
        else { return Self.json(answer) }
        answer["auth"] = 1
        let base = AppItems.base(request)
        do {
            return try await reader.offload {
                var answer: [String: Any] = ["api_version": Self.version, "auth": 1]
                try respond(to: parameters, user: user, base: base, into: &answer)
                return Self.json(answer)
            }
        } catch let error as ReaderError {
            answer["error"] = error.message
            return Self.json(answer, status: error.status)
        } catch {
            answer["error"] = "the desk could not be read now: \(error)"
            return Self.json(answer, status: .serviceUnavailable)
        }
    }

    /// Checks every parameter the protocol defines: numbers in range, ids as digits, marks by name.
    static func validate(_ parameters: Query) throws {
        _ = try parameters.number("since_id", in: 0...Int64.max)
        _ = try parameters.number("max_id", in: 0...Int64.max)
        _ = try parameters.number("id", in: -1...Int64.max)
        _ = try parameters.number("before", in: 0...Int64(Int32.max) * 1_000)
        if let list = parameters["with_ids"] {
            let named = list.split(separator: ",", omittingEmptySubsequences: false)
            guard named.count <= pageSize,
                named.allSatisfy({ (1...18).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { throw ReaderError.badRequest("with_ids is up to \(pageSize) ids, separated by commas") }
        }
        if let mark = parameters["mark"], !["item", "feed", "group"].contains(mark) {
            throw ReaderError.badRequest("mark must be item, feed or group")
        }
        if let change = parameters["as"], !["read", "unread", "saved", "unsaved"].contains(change) {
            throw ReaderError.badRequest("as must be read, unread, saved or unsaved")
        }
    }

    func respond(to parameters: Query, user: UserRecord, base: String, into answer: inout [String: Any]) throws {
        let sources = try reader.store.sources()
        answer["last_refreshed_on_time"] = sources.compactMap(\.lastSuccessAt).max() ?? 0
        let asked = Set(parameters.items.map(\.name))
        if let mark = parameters["mark"] {
            try self.mark(mark, parameters, user: user, sources: sources, into: &answer)
        }
        if asked.contains("groups") {
            answer["groups"] = Self.groups(sources).map { ["id": $0.id, "title": $0.title] }
            answer["feeds_groups"] = Self.feedsGroups(sources)
        }
        if asked.contains("feeds") {
            answer["feeds"] = sources.map { source -> [String: Any] in
                [
                    "id": source.id, "favicon_id": 1, "title": source.title ?? source.feedURL, "url": source.feedURL,
                    "site_url": source.siteURL ?? source.feedURL, "is_spark": 0,
                    "last_updated_on_time": source.lastSuccessAt ?? 0,
                ]
            }
            answer["feeds_groups"] = Self.feedsGroups(sources)
        }
        if asked.contains("favicons") {
            answer["favicons"] = [["id": 1, "data": Self.blankIcon]]
        }
        if asked.contains("items") { try items(parameters, user: user, base: base, into: &answer) }
        if asked.contains("links") { try links(user: user, into: &answer) }
        if asked.contains("unread_item_ids") {
            answer["unread_item_ids"] = try ids(user, ItemQuery(stream: .all, excluding: [.read], limit: 1_000_000))
        }
        if asked.contains("saved_item_ids") {
            answer["saved_item_ids"] = try ids(user, ItemQuery(stream: .starred, limit: 1_000_000))
        }
    }

    /// A transparent 1×1 GIF: the desk keeps no icons.
    static let blankIcon = "image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

    /// Folders as groups, each numbered by its first source so the number stays while the folder does.
    static func groups(_ sources: [SourceRecord]) -> [(id: Int64, title: String)] {
        var first: [String: Int64] = [:]
        for source in sources {
            if let folder = source.folder { first[folder] = min(first[folder] ?? source.id, source.id) }
        }
        return first.map { (id: $0.value, title: $0.key) }.sorted { $0.id < $1.id }
    }

    static func feedsGroups(_ sources: [SourceRecord]) -> [[String: Any]] {
        groups(sources).map { group in
            [
                "group_id": group.id,
                "feed_ids": sources.filter { $0.folder == group.title }.map { String($0.id) }.joined(separator: ","),
            ]
        }
    }

    func ids(_ user: UserRecord, _ query: ItemQuery) throws -> String {
        try store.itemIDs(userID: user.id, query).sorted().map(String.init).joined(separator: ",")
    }

    func items(_ parameters: Query, user: UserRecord, base: String, into answer: inout [String: Any]) throws {
        let ids: [Int64]
        if let list = parameters["with_ids"] {
            let named = list.split(separator: ",", omittingEmptySubsequences: false)
            guard named.count <= Self.pageSize else {
                throw ReaderError.badRequest("with_ids names \(Self.pageSize) items at most")
            }
            // Ids are digits (0 names no item), as the protocol writes them.
            ids = try named.map { text in
                guard (1...18).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let id = Int64(text)
                else { throw ReaderError.badRequest("with_ids: not an item id") }
                return id
            }
        } else if let since = try parameters.number("since_id", in: 0...Int64.max) {
            ids = try store.itemIDs(
                userID: user.id, ItemQuery(stream: .all, after: since, oldestFirst: true, limit: Self.pageSize))
        } else if let max = try parameters.number("max_id", in: 0...Int64.max) {
            ids = try store.itemIDs(userID: user.id, ItemQuery(stream: .all, after: max, limit: Self.pageSize))
        } else {
            ids = try store.itemIDs(
                userID: user.id, ItemQuery(stream: .all, after: 0, oldestFirst: true, limit: Self.pageSize))
        }
        let items = try AppItems(reader: reader, store: store).items(ids, user: user, base: base)
        answer["items"] = items.map { item -> [String: Any] in
            let record = item.record
            return [
                "id": record.id, "feed_id": record.sourceID ?? 0, "title": record.title, "author": record.byline ?? "",
                "html": item.html, "url": record.url, "is_saved": item.state.starred ? 1 : 0,
                "is_read": item.state.read ? 1 : 0, "created_on_time": record.time,
            ]
        }
        answer["total_items"] = try reader.store.articleCount()
    }

    /// The stories most outlets report today, as Fever's hot links.
    func links(user: UserRecord, into answer: inout [String: Any]) throws {
        let now = reader.now()
        let stories = try reader.store.stories(since: now - Reader.day, order: .rank(now: now), limit: 20)
        answer["links"] = try stories.filter { $0.articleCount > 1 }.map { story -> [String: Any] in
            let reports = try reader.store.reports(ofStory: story.id)
            let first = reports.first
            return [
                "id": story.id, "feed_id": 0, "item_id": first?.articleID ?? 0,
                "temperature": Double(story.outlets.count),
                "is_item": 1, "is_local": 1, "is_saved": 0, "title": story.headline,
                "url": first?.url ?? "", "item_ids": reports.map { String($0.articleID) }.joined(separator: ","),
            ]
        }
    }

    func mark(
        _ kind: String, _ parameters: Query, user: UserRecord, sources: [SourceRecord], into answer: inout [String: Any]
    ) throws {
        guard let id = try parameters.number("id", in: Int64(-1)...Int64.max) else {
            throw ReaderError.badRequest("mark needs id")
        }
        let change = parameters["as"] ?? ""
        switch kind {
        case "item":
            guard id > 0 else { throw ReaderError.badRequest("not an item id") }
            switch change {
            case "read": try store.setRead(userID: user.id, articles: [id], read: true)
            case "unread": try store.setRead(userID: user.id, articles: [id], read: false)
            case "saved": try store.setStarred(userID: user.id, articles: [id], starred: true, at: reader.now())
            case "unsaved": try store.setStarred(userID: user.id, articles: [id], starred: false, at: reader.now())
            default: throw ReaderError.badRequest("as must be read, unread, saved or unsaved")
            }
            if change == "read" || change == "unread" {
                answer["unread_item_ids"] = try ids(user, ItemQuery(stream: .all, excluding: [.read], limit: 1_000_000))
            } else {
                answer["saved_item_ids"] = try ids(user, ItemQuery(stream: .starred, limit: 1_000_000))
            }
        case "feed", "group":
            guard change == "read" else { throw ReaderError.badRequest("feeds and groups are marked as read") }
            let before = try parameters.number("before", in: 0...Int64(Int32.max) * 1_000).map { Int($0) }
            let through = try store.lastArticle(fetchedBefore: (before ?? reader.now()) + 1)
            let stream: ItemStream
            if kind == "feed" {
                stream = .source(id)
            } else if id <= 0 {
                stream = .all
            } else {
                guard let group = Self.groups(sources).first(where: { $0.id == id }) else {
                    throw ReaderError.notFound("group \(id)")
                }
                stream = .folder(group.title)
            }
            try store.markRead(userID: user.id, stream: stream, throughArticle: through)
            answer["unread_item_ids"] = try ids(user, ItemQuery(stream: .all, excluding: [.read], limit: 1_000_000))
        default:
            throw ReaderError.badRequest("mark must be item, feed or group")
        }
    }
}
