import Foundation
import Hummingbird
import NewsdeskStore

/// The JSON API of one user's own, under /api/v1/me, with the user's API token (or the reader's session):
/// their unread counts, their articles by stream with read and starred state, marking read (articles,
/// stories, everything up to an article), starring, and saved searches. Changes are JSON bodies, so a
/// browser cannot send them from another site without asking first.
struct MeAPI {
    let reader: Reader

    static let routes: [(method: String, path: String)] = [
        ("get", "/api/v1/me"), ("get", "/api/v1/me/items"), ("post", "/api/v1/me/read"),
        ("post", "/api/v1/me/starred"), ("post", "/api/v1/me/mark-all-read"), ("get", "/api/v1/me/searches"),
        ("post", "/api/v1/me/searches"), ("delete", "/api/v1/me/searches/{id}"),
    ]

    func add(to router: Router<ReaderContext>) {
        let me = router.group("api/v1/me")
        me.get { _, context in await answer(context) { user, store in try await summary(user, store) } }
        me.get("items") { request, context in
            await answer(context) { user, store in try await items(request, user, store) }
        }
        me.post("read") { request, context in
            await answer(context) { user, store in try await markRead(request, user, store) }
        }
        me.post("starred") { request, context in
            await answer(context) { user, store in try await star(request, user, store) }
        }
        me.post("mark-all-read") { request, context in
            await answer(context) { user, store in try await markAllRead(request, user, store) }
        }
        me.get("searches") { _, context in
            await answer(context) { user, store in
                API.json(
                    SearchesJSON(
                        searches: try await reader.offload { try store.savedSearches(userID: user.id) }.map(
                            Self.searchJSON)))
            }
        }
        me.post("searches") { request, context in
            await answer(context) { user, store in try await saveSearch(request, user, store) }
        }
        me.delete("searches/:id") { _, context in
            let id = Result { try Reader.id(context) }
            return await answer(context) { user, store in
                let id = try id.get()
                guard try await reader.offload({ try store.removeSavedSearch(userID: user.id, id: id) }) else {
                    throw ReaderError.notFound("saved search \(id)")
                }
                return Response(status: .noContent)
            }
        }
    }

    func answer(
        _ context: ReaderContext, _ make: (UserRecord, any AccountStore) async throws -> Response
    ) async -> Response {
        guard let store = reader.accounts?.store else {
            return API.error(.notFound, "this desk keeps no accounts")
        }
        guard let user = context.user else {
            return API.error(.unauthorized, "send a user's token: Authorization: Bearer <token> (newsdesk users token)")
        }
        do {
            return try await make(user, store)
        } catch let error as ReaderError {
            return API.error(error.status, error.message)
        } catch {
            return API.error(.serviceUnavailable, "the desk could not be read now: \(error)")
        }
    }

    // MARK: Shapes

    struct MeJSON: Encodable {
        var name: String
        var admin: Bool
        var unread: Int
        var unreadBySource: [String: Int]
    }

    struct ItemJSON: Encodable {
        var id: Int64
        var title: String
        var url: String
        var outlet: String?
        var time: String
        var storyId: Int64?
        var sourceId: Int64?
        var read: Bool
        var starred: Bool
    }

    struct ItemsPage: Encodable {
        var items: [ItemJSON]
        var nextCursor: String?
    }

    struct SearchJSON: Encodable {
        var id: Int64
        var name: String
        var query: String
        var created: String
    }

    struct SearchesJSON: Encodable {
        var searches: [SearchJSON]
    }

    static func searchJSON(_ search: SavedSearch) -> SearchJSON {
        SearchJSON(id: search.id, name: search.name, query: search.query, created: Display.iso(search.createdAt))
    }

    struct Changed: Encodable {
        var changed: Int
    }

    // MARK: Calls

    func summary(_ user: UserRecord, _ store: any AccountStore) async throws -> Response {
        let counts = try await reader.offload { try store.unreadCounts(userID: user.id) }
        return API.json(
            MeJSON(
                name: user.name, admin: user.isAdmin, unread: counts.total,
                unreadBySource: Dictionary(uniqueKeysWithValues: counts.bySource.map { (String($0.key), $0.value) })))
    }

    /// `stream`: unread (the default), all, read, starred, source:ID, story:ID or folder:NAME.
    static func stream(_ text: String?) throws -> (stream: ItemStream, excluding: [ItemStream]) {
        let text = text ?? "unread"
        switch text {
        case "unread": return (.all, [.read])
        case "all": return (.all, [])
        case "read": return (.read, [])
        case "starred": return (.starred, [])
        default: break
        }
        if text.hasPrefix("source:"), let id = Self.id(text.dropFirst(7)) { return (.source(id), []) }
        if text.hasPrefix("story:"), let id = Self.id(text.dropFirst(6)) { return (.story(id), []) }
        if text.hasPrefix("folder:"), text.count > 7, text.unicodeScalars.count <= 207 {
            return (.folder(String(text.dropFirst(7))), [])
        }
        throw ReaderError.badRequest("stream is unread, all, read, starred, source:ID, story:ID or folder:NAME")
    }

    /// A positive id written as the document has it: digits, no leading zero.
    static func id(_ text: Substring) -> Int64? {
        guard let first = text.first, first != "0", text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return Int64(text)
    }

    func items(_ request: Request, _ user: UserRecord, _ store: any AccountStore) async throws -> Response {
        let query = Query(request)
        let (stream, excluding) = try Self.stream(query["stream"])
        let limit = try query.limit()
        let after = try query.number("cursor", in: 1...9_007_199_254_740_991)
        let page = try await reader.offload { () -> ItemsPage in
            let ids = try store.itemIDs(
                userID: user.id, ItemQuery(stream: stream, excluding: excluding, after: after, limit: limit))
            let items = try store.items(ids)
            let states = try store.itemStates(userID: user.id, articles: ids)
            return ItemsPage(
                items: items.map { item in
                    ItemJSON(
                        id: item.id, title: item.title, url: item.url, outlet: item.outlet,
                        time: Display.iso(item.time),
                        storyId: item.storyID, sourceId: item.sourceID, read: states[item.id]?.read ?? false,
                        starred: states[item.id]?.starred ?? false)
                }, nextCursor: ids.count == limit ? ids.last.map(String.init) : nil)
        }
        return API.json(page)
    }

    /// The JSON object a change sends, read with the limits every change has.
    static func body<Body: Decodable>(_ type: Body.Type, _ request: Request) async throws -> Body {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ReaderError(status: .unsupportedMediaType, message: "send the change as application/json")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: 256 * 1024)
        } catch {
            throw ReaderError(status: .contentTooLarge, message: "the body is larger than 256 KB")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: body))
        } catch {
            throw ReaderError.badRequest("the body is not the JSON object this call takes")
        }
    }

    /// Ids from a body: positive, at most `most`.
    static func checked(_ ids: [Int64]?, _ name: String, most: Int) throws -> [Int64] {
        let ids = ids ?? []
        guard ids.count <= most, ids.allSatisfy({ $0 > 0 }) else {
            throw ReaderError.badRequest("\(name) is a list of at most \(most) positive ids")
        }
        return ids
    }

    /// A body's fields as the document has them: an absent field is nil, a field given as null is a
    /// mistake, and an id is a whole number from 1 to 2^53 - 1 (what every JSON reader holds exactly),
    /// written with or without a fraction of zero.
    struct Fields {
        let container: KeyedDecodingContainer<Key>

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(_ decoder: any Decoder) throws {
            container = try decoder.container(keyedBy: Key.self)
        }

        func flag(_ name: String) throws -> Bool? {
            let key = Key(stringValue: name)
            guard container.contains(key) else { return nil }
            return try container.decode(Bool.self, forKey: key)
        }

        func id(_ name: String) throws -> Int64? {
            let key = Key(stringValue: name)
            guard container.contains(key) else { return nil }
            return try Self.id(try container.decode(Double.self, forKey: key))
        }

        func ids(_ name: String) throws -> [Int64]? {
            let key = Key(stringValue: name)
            guard container.contains(key) else { return nil }
            return try container.decode([Double].self, forKey: key).map(Self.id)
        }

        func text(_ name: String) throws -> String {
            try container.decode(String.self, forKey: Key(stringValue: name))
        }

        static func id(_ number: Double) throws -> Int64 {
            guard number == number.rounded(), number >= 1, number <= 9_007_199_254_740_991 else {
                throw ReaderError.badRequest("an id is a whole number from 1 to 9007199254740991")
            }
            return Int64(number)
        }
    }

    struct ReadChange: Decodable {
        var articles: [Int64]?
        var stories: [Int64]?
        var read: Bool?

        init(from decoder: any Decoder) throws {
            let fields = try Fields(decoder)
            articles = try fields.ids("articles")
            stories = try fields.ids("stories")
            read = try fields.flag("read")
        }
    }

    func markRead(_ request: Request, _ user: UserRecord, _ store: any AccountStore) async throws -> Response {
        let change = try await Self.body(ReadChange.self, request)
        let articles = try Self.checked(change.articles, "articles", most: 10_000)
        let stories = try Self.checked(change.stories, "stories", most: 1_000)
        let read = change.read ?? true
        try await reader.offload {
            try store.setRead(userID: user.id, articles: articles, read: read)
            let newest = try store.newestArticle()
            for story in stories {
                if read {
                    try store.markRead(userID: user.id, stream: .story(story), throughArticle: newest)
                } else {
                    let ids = try store.itemIDs(userID: user.id, ItemQuery(stream: .story(story), limit: 10_000))
                    try store.setRead(userID: user.id, articles: ids, read: false)
                }
            }
        }
        return API.json(Changed(changed: articles.count + stories.count))
    }

    struct StarChange: Decodable {
        var articles: [Int64]?
        var starred: Bool?

        init(from decoder: any Decoder) throws {
            let fields = try Fields(decoder)
            articles = try fields.ids("articles")
            starred = try fields.flag("starred")
        }
    }

    func star(_ request: Request, _ user: UserRecord, _ store: any AccountStore) async throws -> Response {
        let change = try await Self.body(StarChange.self, request)
        let articles = try Self.checked(change.articles, "articles", most: 10_000)
        guard !articles.isEmpty else { throw ReaderError.badRequest("name articles") }
        try await reader.offload {
            try store.setStarred(userID: user.id, articles: articles, starred: change.starred ?? true, at: reader.now())
        }
        return API.json(Changed(changed: articles.count))
    }

    struct AllRead: Decodable {
        var through: Int64?

        init(from decoder: any Decoder) throws {
            through = try Fields(decoder).id("through")
        }
    }

    /// Everything read up to `through` (an article id, the newest one when absent): what arrives after
    /// the reader last looked stays unread.
    func markAllRead(_ request: Request, _ user: UserRecord, _ store: any AccountStore) async throws -> Response {
        let through = try Self.checked(
            try await Self.body(AllRead.self, request).through.map { [$0] }, "through", most: 1)
        try await reader.offload {
            let newest = try store.newestArticle()
            try store.markRead(userID: user.id, stream: .all, throughArticle: min(through.first ?? newest, newest))
        }
        return API.json(Changed(changed: 1))
    }

    struct NewSearch: Decodable {
        var name: String
        var query: String

        init(from decoder: any Decoder) throws {
            let fields = try Fields(decoder)
            name = try fields.text("name")
            query = try fields.text("query")
        }
    }

    func saveSearch(_ request: Request, _ user: UserRecord, _ store: any AccountStore) async throws -> Response {
        let search = try await Self.body(NewSearch.self, request)
        let name = search.name.trimmingCharacters(in: .whitespaces)
        let query = search.query.trimmingCharacters(in: .whitespaces)
        // Lengths as JSON Schema counts them: in code points.
        guard !Query.isBlank(search.name), search.name.unicodeScalars.count <= 100, !Query.isBlank(search.query),
            search.query.unicodeScalars.count <= 500
        else {
            throw ReaderError.badRequest("a saved search has a name of 1 to 100 characters and words (500 at most)")
        }
        let saved = try await reader.offload {
            try store.saveSearch(userID: user.id, name: name, query: query, at: reader.now())
        }
        return API.json(Self.searchJSON(saved), status: .created)
    }
}
