import NewsdeskHTML

/// The feeds a web page names in `<link rel="alternate">`, made absolute.
public enum FeedDiscovery {
    public struct Link: Sendable, Equatable {
        public var url: String
        public var title: String?
    }

    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
        "application/rdf+xml", "text/xml", "application/xml",
    ]

    public static func feeds(inPage bytes: [UInt8], url: String) -> [Link] {
        guard let document = try? HTMLParser.parse(bytes, url: url) else { return [] }
        var links: [Link] = []
        for index in document.elements(.link) {
            let rel = (document.attribute("rel", of: index) ?? "").lowercased().split(separator: " ")
            let type = (document.attribute("type", of: index) ?? "").lowercased()
            guard rel.contains("alternate"), feedTypes.contains(type), let href = document.attribute("href", of: index),
                let absolute = URLResolver.resolve(href, against: document.baseURL ?? url),
                !links.contains(where: { $0.url == absolute })
            else { continue }
            links.append(Link(url: absolute, title: document.attribute("title", of: index)))
        }
        return links
    }
}
