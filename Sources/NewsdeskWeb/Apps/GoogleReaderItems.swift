import Foundation
import Hummingbird
import NewsdeskStore

/// The Google Reader API's items: streams of them, their ids, their contents, and their tags.
extension GoogleReader {
    struct Link: Encodable {
        var href: String
        var type: String?
    }

    struct Origin: Encodable {
        var streamId: String
        var title: String
        var htmlUrl: String
    }

    struct Content: Encodable {
        var direction = "ltr"
        var content: String
    }

    struct ItemJSON: Encodable {
        var id: String
        var crawlTimeMsec: String
        var timestampUsec: String
        var published: Int
        var updated: Int
        var title: String
        var canonical: [Link]
        var alternate: [Link]
        var categories: [String]
        var origin: Origin
        var summary: Content
        var author: String?
    }

    struct StreamJSON: Encodable {
        var id: String
        var updated: Int
        var items: [ItemJSON]
        var continuation: String?
    }

    struct ItemRef: Encodable {
        var id: String
        var directStreamIds: [String]
        var timestampUsec: String
    }

    struct ItemRefs: Encodable {
        var itemRefs: [ItemRef]
        var continuation: String?
    }

    /// A stream query from `s` (or the path), `n`, `c`, `r`, `ot`, `nt`, `xt` and `it`; nil for a feed not followed.
    func query(_ call: Call, streamName: String, most: Int) throws -> ItemQuery? {
        let sources = try reader.store.sources()
        guard let stream = try GoogleReaderNames.stream(streamName, user: call.user, sources: sources) else {
            return nil
        }
        let limit = Int(try call.parameters.number("n", in: 1...Int64.max) ?? 20)
        var query = ItemQuery(stream: stream, limit: min(limit, most))
        query.oldestFirst = call.parameters["r"] == "o"
        if let continuation = call.parameters["c"], !continuation.isEmpty {
            guard let after = Int64(continuation), after >= 0 else {
                throw ReaderError.badRequest("c must be the continuation of the previous answer")
            }
            query.after = after
        }
        query.since = try call.parameters.number("ot", in: 0...Int64(Int32.max) * 1_000).map { Int($0) }
        query.until = try call.parameters.number("nt", in: 0...Int64(Int32.max) * 1_000).map { Int($0) }
        for name in call.parameters.all("xt").prefix(10) {
            if let excluded = try GoogleReaderNames.stream(name, user: call.user, sources: sources) {
                query.excluding.append(excluded)
            }
        }
        for name in call.parameters.all("it").prefix(10) {
            guard let included = try GoogleReaderNames.stream(name, user: call.user, sources: sources) else {
                return nil
            }
            query.including.append(included)
        }
        return query
    }

    func contents(_ call: Call) async throws -> Response {
        let name =
            GoogleReaderNames.streamName(
                path: call.request.uri.path, after: "/stream/contents/", parameters: call.parameters)
            ?? GoogleReaderNames.readingList
        let base = AppItems.base(call.request)
        let page = try await offload { () -> StreamJSON in
            guard let query = try query(call, streamName: name, most: Self.maxItems) else {
                return StreamJSON(id: name, updated: reader.now(), items: [], continuation: nil)
            }
            let ids = try store.itemIDs(userID: call.user.id, query)
            let items = try itemsJSON(ids, user: call.user, base: base)
            return StreamJSON(
                id: name, updated: reader.now(), items: items,
                continuation: ids.count == query.limit ? ids.last.map(String.init) : nil)
        }
        return Self.json(page)
    }

    func itemIDs(_ call: Call) async throws -> Response {
        let name = call.parameters["s"] ?? GoogleReaderNames.readingList
        let refs = try await offload { () -> ItemRefs in
            guard let query = try query(call, streamName: name, most: Self.maxIDs) else {
                return ItemRefs(itemRefs: [], continuation: nil)
            }
            let ids = try store.itemIDs(userID: call.user.id, query)
            let items = try store.items(ids)
            return ItemRefs(
                itemRefs: items.map {
                    ItemRef(id: String($0.id), directStreamIds: [], timestampUsec: String($0.fetchedAt * 1_000_000))
                }, continuation: ids.count == query.limit ? ids.last.map(String.init) : nil)
        }
        return Self.json(refs)
    }

    /// The ids named by `i`, every one well-formed, at most `most` of them.
    static func ids(_ call: Call, most: Int) throws -> [Int64] {
        let named = call.parameters.all("i")
        guard !named.isEmpty else { throw ReaderError.badRequest("i is needed: the items") }
        guard named.count <= most else { throw ReaderError.badRequest("at most \(most) items at a time") }
        return try named.map { text in
            guard let id = GoogleReaderNames.itemID(text) else {
                throw ReaderError.badRequest("not an item id: \(text.prefix(100))")
            }
            return id
        }
    }

    func itemContents(_ call: Call) async throws -> Response {
        let ids = try Self.ids(call, most: Self.maxItems)
        let base = AppItems.base(call.request)
        let items = try await offload { try itemsJSON(ids, user: call.user, base: base) }
        return Self.json(StreamJSON(id: GoogleReaderNames.readingList, updated: reader.now(), items: items))
    }

    func itemsJSON(_ ids: [Int64], user: UserRecord, base: String) throws -> [ItemJSON] {
        try AppItems(reader: reader, store: store).items(ids, user: user, base: base).map { item in
            let record = item.record
            var categories = [GoogleReaderNames.readingList]
            if let folder = record.folder { categories.append(GoogleReaderNames.labelPrefix + folder) }
            categories += item.labels.map { GoogleReaderNames.labelPrefix + $0 }
            if item.state.read { categories.append(GoogleReaderNames.read) }
            if item.state.starred { categories.append(GoogleReaderNames.starred) }
            let feed = record.feedURL.map { "feed/" + $0 } ?? "feed/" + record.url
            return ItemJSON(
                id: GoogleReaderNames.longID(record.id), crawlTimeMsec: String(record.fetchedAt * 1_000),
                timestampUsec: String(record.fetchedAt * 1_000_000), published: record.time, updated: record.time,
                title: record.title, canonical: [Link(href: record.url)],
                alternate: [Link(href: record.url, type: "text/html")], categories: categories,
                origin: Origin(
                    streamId: feed, title: record.outlet ?? record.feedURL ?? "",
                    htmlUrl: record.siteURL ?? record.url),
                summary: Content(content: item.html), author: record.byline?.isEmpty == false ? record.byline : nil)
        }
    }

    /// Adds and removes tags on items: read, starred, kept-unread and the user's labels; other states
    /// apps send (like, broadcast, tracking-…) change nothing.
    func editTag(_ call: Call) async throws -> Response {
        let ids = try Self.ids(call, most: Self.maxIDs)
        let added = call.parameters.all("a").prefix(20)
        let removed = call.parameters.all("r").prefix(20)
        try await offload {
            for (tags, on) in [(Array(added), true), (Array(removed), false)] {
                for tag in tags {
                    guard let own = GoogleReaderNames.own(tag, user: call.user) else {
                        throw ReaderError.badRequest("the tag names another user")
                    }
                    switch own {
                    case GoogleReaderNames.read: try store.setRead(userID: call.user.id, articles: ids, read: on)
                    case GoogleReaderNames.keptUnread where on:
                        try store.setRead(userID: call.user.id, articles: ids, read: false)
                    case GoogleReaderNames.starred:
                        try store.setStarred(userID: call.user.id, articles: ids, starred: on, at: reader.now())
                    case _ where own.hasPrefix(GoogleReaderNames.labelPrefix):
                        let label = String(own.dropFirst(GoogleReaderNames.labelPrefix.count))
                        guard !label.isEmpty, label.count <= 200 else { throw ReaderError.badRequest("a bad label") }
                        try store.setLabel(label, userID: call.user.id, articles: ids, on: on)
                    case _ where own.hasPrefix(GoogleReaderNames.statePrefix):
                        break
                    default:
                        throw ReaderError.badRequest("unknown tag: \(tag.prefix(100))")
                    }
                }
            }
        }
        return Self.text("OK")
    }

    /// Marks a stream read up to `ts` (microseconds; now when absent): what arrived after it stays unread.
    func markAllRead(_ call: Call) async throws -> Response {
        guard let name = call.parameters["s"] else { throw ReaderError.badRequest("s is needed: the stream") }
        let microseconds = try call.parameters.number("ts", in: 0...Int64(Int32.max) * 1_000_000_000)
        try await offload {
            let sources = try reader.store.sources()
            guard let stream = try GoogleReaderNames.stream(name, user: call.user, sources: sources) else { return }
            let until = microseconds.map { Int($0 / 1_000_000) + 1 } ?? reader.now() + 1
            let through = try store.lastArticle(fetchedBefore: until)
            try store.markRead(userID: call.user.id, stream: stream, throughArticle: through)
        }
        return Self.text("OK")
    }
}
