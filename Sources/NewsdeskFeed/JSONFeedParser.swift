import Foundation
import NewsdeskHTML

/// JSON Feed 1.0 and 1.1 (jsonfeed.org), read into the same shape as the XML formats.
enum JSONFeedParser {
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        return slice.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
    }

    static func parse(_ bytes: [UInt8]) -> ParsedFeed {
        var result = ParsedFeed(
            bozo: false, problem: nil, encoding: "utf-8", version: "", feed: FeedDict(), entries: [],
            namespaces: FeedDict(), href: nil, status: nil, headers: [:])
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any] else {
            result.bozo = true
            result.problem = "the document is not valid JSON"
            return result
        }
        let declared = object["version"] as? String ?? ""
        switch declared {
        case "https://jsonfeed.org/version/1": result.version = "json1"
        case "https://jsonfeed.org/version/1.1": result.version = "json11"
        default:
            result.version = declared.hasPrefix("https://jsonfeed.org/version/") ? "json" : ""
            if result.version.isEmpty {
                result.bozo = true
                result.problem = "the JSON document is not a JSON Feed (no jsonfeed.org version)"
            }
        }
        let sanitizer = HTMLSanitizer()
        let feed = result.feed
        let base = object["home_page_url"] as? String
        copy(object["title"], as: "title", to: feed, type: "text/plain")
        if let home = base {
            feed["link"] = .string(home)
            feed.append(
                .dict(FeedDict(strings: [("rel", "alternate"), ("type", "text/html"), ("href", home)])), to: "links")
        }
        if let feedURL = object["feed_url"] as? String {
            feed.append(
                .dict(FeedDict(strings: [("rel", "self"), ("type", "application/feed+json"), ("href", feedURL)])),
                to: "links")
        }
        copy(object["description"], as: "subtitle", to: feed, type: "text/plain")
        if let icon = object["icon"] as? String { feed["image"] = .dict(FeedDict(strings: [("href", icon)])) }
        if let favicon = object["favicon"] as? String { feed["icon"] = .string(favicon) }
        if let language = object["language"] as? String { feed["language"] = .string(language) }
        authors(object, into: feed)
        for case let item as [String: Any] in object["items"] as? [Any] ?? [] {
            let entry = FeedDict()
            if let id = item["id"] {
                entry["id"] = .string(id as? String ?? "\(id)")
            }
            if let url = item["url"] as? String {
                entry["link"] = .string(url)
                entry.append(
                    .dict(FeedDict(strings: [("rel", "alternate"), ("type", "text/html"), ("href", url)])), to: "links")
            }
            if let external = item["external_url"] as? String {
                entry.append(
                    .dict(FeedDict(strings: [("rel", "related"), ("type", "text/html"), ("href", external)])),
                    to: "links")
            }
            copy(item["title"], as: "title", to: entry, type: "text/plain")
            let pageBase = item["url"] as? String ?? base
            if let html = item["content_html"] as? String {
                let value = sanitizer.sanitize(html, baseURL: pageBase)
                entry.append(.dict(detail(value, type: "text/html")), to: "content")
            }
            if let text = item["content_text"] as? String {
                entry.append(.dict(detail(text, type: "text/plain")), to: "content")
            }
            if let summary = item["summary"] as? String {
                entry["summary"] = .string(summary)
                entry["summary_detail"] = .dict(detail(summary, type: "text/plain"))
            } else if let first = entry.list("content").first?.dict, let value = first.string("value") {
                entry["summary"] = .string(value)
            }
            if let image = item["image"] as? String { entry["image"] = .dict(FeedDict(strings: [("href", image)])) }
            for (key, field) in [("published", "date_published"), ("updated", "date_modified")] {
                guard let value = item[field] as? String else { continue }
                entry[key] = .string(value)
                entry[key + "_parsed"] = FeedDate.parse(value).map(FeedValue.time) ?? .null
            }
            authors(item, into: entry)
            for case let tag as String in item["tags"] as? [Any] ?? [] {
                entry.append(
                    .dict(FeedDict([("term", .string(tag)), ("scheme", .null), ("label", .null)])), to: "tags")
            }
            for case let attachment as [String: Any] in item["attachments"] as? [Any] ?? [] {
                guard let url = attachment["url"] as? String else { continue }
                let link = FeedDict(strings: [("rel", "enclosure"), ("href", url)])
                if let type = attachment["mime_type"] as? String { link["type"] = .string(type) }
                if let size = attachment["size_in_bytes"] { link["length"] = .string("\(size)") }
                if let title = attachment["title"] as? String { link["title"] = .string(title) }
                entry.append(.dict(link), to: "links")
            }
            result.entries.append(entry)
        }
        return result
    }

    private static func detail(_ value: String, type: String) -> FeedDict {
        FeedDict([("type", .string(type)), ("language", .null), ("base", .string("")), ("value", .string(value))])
    }

    private static func copy(_ raw: Any?, as key: String, to dict: FeedDict, type: String) {
        guard let value = raw as? String else { return }
        dict[key] = .string(value)
        dict[key + "_detail"] = .dict(detail(value, type: type))
    }

    /// JSON Feed 1.1's `authors` list, or 1.0's single `author`.
    private static func authors(_ object: [String: Any], into dict: FeedDict) {
        var people = object["authors"] as? [Any] ?? []
        if people.isEmpty, let single = object["author"] { people = [single] }
        for case let person as [String: Any] in people {
            let detail = FeedDict()
            if let name = person["name"] as? String { detail["name"] = .string(name) }
            if let url = person["url"] as? String { detail["href"] = .string(url) }
            guard !detail.isEmpty else { continue }
            dict.append(.dict(detail), to: "authors")
            if !dict.contains("author_detail") {
                dict["author_detail"] = .dict(detail.copy())
                if let name = detail.string("name") { dict["author"] = .string(name) }
            }
        }
    }
}
