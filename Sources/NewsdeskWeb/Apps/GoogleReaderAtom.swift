import Foundation
import Hummingbird
import NewsdeskHTML
import NewsdeskStore

/// A stream as Atom (`reader/atom/<stream>`), as Google Reader served it and newsboat's Google Reader
/// sources read it: each entry's id is the item's long id, and its state is a category in Google's scheme
/// (read, or fresh when unread; starred).
extension GoogleReader {
    static let scheme = "http://www.google.com/reader/"

    func atom(_ call: Call) async throws -> Response {
        let name =
            GoogleReaderNames.streamName(
                path: call.request.uri.path, after: "/reader/atom/", parameters: call.parameters)
            ?? GoogleReaderNames.readingList
        let base = AppItems.base(call.request)
        let xml = try await offload { () -> String in
            let sources = try reader.store.sources()
            let title =
                name.hasPrefix("feed/")
                ? sources.first { "feed/" + $0.feedURL == name }.map { $0.title ?? $0.feedURL } ?? name : name
            guard let query = try query(call, streamName: name, most: Self.maxItems) else {
                return Self.atomFeed(id: name, title: title, updated: reader.now(), entries: "")
            }
            let items = try AppItems(reader: reader, store: store).items(
                try store.itemIDs(userID: call.user.id, query), user: call.user, base: base)
            var entries = ""
            for item in items { entries += Self.atomEntry(item) }
            return Self.atomFeed(
                id: name, title: title, updated: items.map(\.record.fetchedAt).max() ?? reader.now(), entries: entries)
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/atom+xml; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    static func atomFeed(id: String, title: String, updated: Int, entries: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/">
        <id>tag:google.com,2005:reader/\(HTMLEscape.text(id))</id>
        <title>\(HTMLEscape.text(title))</title>
        <updated>\(Display.iso(updated))</updated>
        <generator>Newsdesk</generator>

        """ + entries + "</feed>\n"
    }

    static func atomEntry(_ item: AppItems.Item) -> String {
        let record = item.record
        var categories = [
            (GoogleReaderNames.readingList, "reading-list"),
            item.state.read ? (GoogleReaderNames.read, "read") : (GoogleReaderNames.statePrefix + "fresh", "fresh"),
        ]
        if item.state.starred { categories.append((GoogleReaderNames.starred, "starred")) }
        if let folder = record.folder { categories.append((GoogleReaderNames.labelPrefix + folder, folder)) }
        let categoryXML = categories.map { term, label in
            "<category term=\"\(HTMLEscape.attribute(term))\" scheme=\"\(scheme)\" label=\"\(HTMLEscape.attribute(label))\"/>"
        }.joined()
        let author = record.byline.flatMap { $0.isEmpty ? nil : "<author><name>\(HTMLEscape.text($0))</name></author>" }
        return """
            <entry gr:crawl-timestamp-msec="\(record.fetchedAt * 1_000)">\
            <id>\(GoogleReaderNames.longID(record.id))</id>\
            <title type="html">\(HTMLEscape.text(record.title))</title>\
            <link rel="alternate" type="text/html" href="\(HTMLEscape.attribute(record.url))"/>\
            <published>\(Display.iso(record.time))</published><updated>\(Display.iso(record.time))</updated>\
            \(categoryXML)\(author ?? "")\
            <content type="html">\(HTMLEscape.text(item.html))</content>\
            <source gr:stream-id="\(HTMLEscape.attribute(record.feedURL.map { "feed/" + $0 } ?? ""))">\
            <title>\(HTMLEscape.text(record.outlet ?? ""))</title></source>\
            </entry>

            """
    }
}
