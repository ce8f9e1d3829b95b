import NewsdeskCore
import NewsdeskFeed
import NewsdeskFetch
import NewsdeskStore

/// Following sources, for the command line and the reader alike.
public enum SourceList {
    /// Follows `url`: a feed as it is, or the feeds a web page names in `<link rel="alternate">`.
    /// Returns the sources followed (already followed ones included).
    public static func follow(_ url: String, store: any NewsStore, fetcher: Fetcher, now: Int) async throws
        -> [SourceRecord]
    {
        let response = try await fetcher.fetch(url, accept: .feed)
        let parsed = FeedParser.parse(response.body, url: response.url, headers: response.headers)
        var found: [(url: String, title: String?, site: String?)] = []
        if parsed.isFeed {
            let feed = Feed(parsed)
            found.append((url, feed.title, feed.link))
        } else {
            found = FeedDiscovery.feeds(inPage: response.body, url: response.url).map { ($0.url, $0.title, url) }
        }
        guard !found.isEmpty else { throw NewsdeskError(.noContent, "neither a feed nor a page naming one") }
        return try found.map { feed in
            try store.addSource(feedURL: feed.url, title: feed.title, siteURL: feed.site, folder: nil, at: now)
        }
    }

    /// Follows every feed of an OPML document; returns how many it lists and how many were new.
    public static func importOPML(_ bytes: [UInt8], store: any NewsStore, now: Int) throws
        -> (listed: Int, added: Int, problem: String?)
    {
        let document = try OPML.parse(bytes)
        let before = try store.sources().count
        for subscription in document.subscriptions {
            _ = try store.addSource(
                feedURL: subscription.feedURL, title: subscription.title, siteURL: subscription.siteURL,
                folder: subscription.folders.first, at: now)
        }
        return (document.subscriptions.count, try store.sources().count - before, document.problem)
    }

    /// The followed feeds as an OPML document.
    public static func exportOPML(store: any NewsStore) throws -> String {
        OPML.export(
            try store.sources().map {
                OPML.Subscription(
                    feedURL: $0.feedURL, title: $0.title, siteURL: $0.siteURL, folders: $0.folder.map { [$0] } ?? [])
            })
    }
}
