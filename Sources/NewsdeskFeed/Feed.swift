import NewsdeskCore

/// Newsdesk's model of a feed: what a news desk needs from any of the
/// formats, with links absolute, HTML sanitised and times in UTC.
public struct Feed: Sendable {
    public var format: String
    public var title: String?
    public var link: String?
    /// The feed's description as plain text.
    public var description: String?
    public var language: String?
    public var updated: FeedTime?
    public var image: String?
    /// Seconds between polls the feed asks for (RSS `ttl`, `sy:updatePeriod`), when it says.
    public var refreshInterval: Int?
    public var wellFormed: Bool
    public var problem: String?
    public var entries: [FeedEntry]

    public init(_ parsed: ParsedFeed) {
        let feed = parsed.feed
        format = parsed.version
        title = feed.dict("title_detail").flatMap(FeedEntry.plainText) ?? feed.string("title").flatMap(Self.nonEmpty)
        link = feed.string("link").flatMap(Self.nonEmpty)
        description =
            feed.dict("subtitle_detail").flatMap(FeedEntry.plainText) ?? feed.string("subtitle").flatMap(Self.nonEmpty)
        language = feed.string("language").flatMap(Self.nonEmpty)
        updated = Self.time(feed, "updated") ?? Self.time(feed, "published")
        image = feed.dict("image").flatMap { $0.string("href") ?? $0.string("url") }
        refreshInterval = Self.refreshInterval(feed)
        wellFormed = !parsed.bozo
        problem = parsed.problem
        entries = parsed.entries.map(FeedEntry.init)
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func time(_ dict: FeedDict, _ key: String) -> FeedTime? {
        if case .time(let time) = dict[key + "_parsed"] { return time }
        return nil
    }

    /// RSS `ttl` (minutes) or the syndication module's period and frequency. A `ttl` of over a year
    /// counts as a year: `ttl * 60` of any number a feed writes cannot overflow.
    static func refreshInterval(_ feed: FeedDict) -> Int? {
        if let ttl = feed.string("ttl").flatMap({ Int($0.trimmingSpaces()) }), ttl > 0 {
            return min(ttl, 525_600) * 60
        }
        let periods = ["hourly": 3600, "daily": 86_400, "weekly": 604_800, "monthly": 2_592_000, "yearly": 31_536_000]
        guard let period = feed.string("sy_updateperiod").flatMap({ periods[$0.trimmingSpaces().lowercased()] })
        else { return nil }
        let frequency = feed.string("sy_updatefrequency").flatMap { Int($0.trimmingSpaces()) } ?? 1
        return period / max(frequency, 1)
    }
}

public struct FeedEntry: Sendable {
    /// The `guid`/`id`, or the link when the entry has none.
    public var id: String?
    public var link: String?
    public var title: String?
    /// Sanitised HTML of the summary (escaped when the feed gave plain text).
    public var summaryHTML: String?
    /// Sanitised HTML of the full content, when the feed carries it.
    public var contentHTML: String?
    public var authors: [String]
    public var published: FeedTime?
    public var updated: FeedTime?
    public var categories: [String]
    public var enclosures: [Enclosure]
    public var imageURL: String?

    public struct Enclosure: Sendable {
        public var url: String
        public var type: String?
        public var length: Int?
    }

    init(_ entry: FeedDict) {
        link = entry.string("link").flatMap(Feed.nonEmpty)
        id = entry.string("id").flatMap(Feed.nonEmpty) ?? link
        title = entry.dict("title_detail").flatMap(Self.plainText) ?? entry.string("title").flatMap(Feed.nonEmpty)
        summaryHTML = entry.dict("summary_detail").flatMap(Self.html) ?? entry.string("summary").flatMap(Feed.nonEmpty)
        contentHTML = entry.list("content").compactMap { $0.dict.flatMap(Self.html) }.first
        var names: [String] = []
        for author in entry.list("authors") {
            if let name = author.dict?.string("name") ?? author.dict?.string("email"), !name.isEmpty,
                !names.contains(name)
            {
                names.append(name)
            }
        }
        if names.isEmpty, let author = entry.string("author"), !author.isEmpty { names = [author] }
        authors = names
        published = Feed.time(entry, "published")
        updated = Feed.time(entry, "updated")
        categories = entry.list("tags").compactMap { $0.dict?.string("term") }.filter { !$0.isEmpty }
        enclosures = entry.list("links").compactMap { value -> Enclosure? in
            guard let link = value.dict, link.string("rel") == "enclosure", let href = link.string("href") else {
                return nil
            }
            return Enclosure(url: href, type: link.string("type"), length: link.string("length").flatMap { Int($0) })
        }
        imageURL =
            entry.lastDict(in: "media_thumbnail")?.string("url")
            ?? entry.list("media_content").compactMap { $0.dict }.first(where: {
                ($0.string("medium") == "image") || ($0.string("type")?.hasPrefix("image/") ?? false)
            })?.string("url")
            ?? enclosures.first(where: { $0.type?.hasPrefix("image/") ?? false })?.url
    }

    /// A text construct as HTML: sanitised markup as it is, plain text escaped.
    static func html(_ detail: FeedDict) -> String? {
        guard let value = detail.string("value"), !value.isEmpty else { return nil }
        let type = detail.string("type") ?? "text/plain"
        return type == "text/html" || type == "application/xhtml+xml" ? value : HTMLText.escape(value)
    }

    /// A text construct as plain text: markup removed, references decoded.
    static func plainText(_ detail: FeedDict) -> String? {
        guard let value = detail.string("value"), !value.isEmpty else { return nil }
        let type = detail.string("type") ?? "text/plain"
        return type == "text/html" || type == "application/xhtml+xml" ? HTMLText.strip(value) : value
    }
}

/// Small conversions between HTML and text for feed fields.
package enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
    }

    /// The text of a sanitised fragment: tags dropped, references decoded, spaces collapsed; paragraphs,
    /// list items and line breaks become paragraphs separated by a blank line.
    package static func strip(_ html: String) -> String {
        var output = ""
        var tag = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
                tag = ""
            } else if character == ">" && inTag {
                inTag = false
                let name = tag.lowercased().drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
                if blockElements.contains(String(name)) { output.append("\n") }
            } else if inTag {
                tag.append(character)
            } else {
                output.append(character)
            }
        }
        let paragraphs = decodeReferences(output).split(separator: "\n").map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        }
        return paragraphs.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "ul", "ol", "table",
        "figure", "figcaption", "section", "article", "hr",
    ]

    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                output += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            var scalar: Unicode.Scalar?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                scalar = HTMLEntities.codePoint(of: String(name)).flatMap(Unicode.Scalar.init)
            }
            if let scalar {
                output.unicodeScalars.append(scalar)
                rest = after[after.index(after: semicolon)...]
            } else {
                output += "&"
                rest = after
            }
        }
        return output + rest
    }
}

/// Newsdesk's JSON for a feed.
public enum FeedJSON {
    public static func render(_ feed: Feed) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("format", feed.format)
        writer.field("title", feed.title)
        writer.field("link", feed.link)
        writer.field("description", feed.description)
        writer.field("language", feed.language)
        writer.field("updated", feed.updated?.iso8601)
        writer.field("image", feed.image)
        if let interval = feed.refreshInterval { writer.field("refresh_seconds", interval) }
        writer.rawField("well_formed", feed.wellFormed ? "true" : "false")
        writer.field("problem", feed.problem)
        var list = "["
        for (index, entry) in feed.entries.enumerated() {
            var item = JSONWriter()
            item.beginObject()
            item.field("id", entry.id)
            item.field("link", entry.link)
            item.field("title", entry.title)
            item.field("authors", entry.authors)
            item.field("published", entry.published?.iso8601)
            item.field("updated", entry.updated?.iso8601)
            item.field("summary_html", entry.summaryHTML)
            item.field("content_html", entry.contentHTML)
            item.field("categories", entry.categories)
            item.field("image", entry.imageURL)
            if !entry.enclosures.isEmpty {
                var enclosures = "["
                for (position, enclosure) in entry.enclosures.enumerated() {
                    var inner = JSONWriter()
                    inner.beginObject()
                    inner.field("url", enclosure.url)
                    inner.field("type", enclosure.type)
                    if let length = enclosure.length { inner.field("length", length) }
                    inner.endObject()
                    enclosures += (position > 0 ? "," : "") + inner.output
                }
                item.rawField("enclosures", enclosures + "]")
            }
            item.endObject()
            list += (index > 0 ? "," : "") + item.output
        }
        writer.rawField("entries", list + "]")
        writer.endObject()
        return writer.output
    }
}
