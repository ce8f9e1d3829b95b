import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NewsdeskHTML
import NewsdeskStore

/// Articles as apps get them. An app knows nothing of stories, so each item's content begins with its
/// story in words ("One of 4 reports of: … — also Reuters, BBC"), linked to the story's page; then the
/// article's HTML, sanitised as the reader's own pages have it.
struct AppItems {
    let reader: Reader
    let store: any AccountStore

    struct Item {
        var record: ItemRecord
        var html: String
        var state: ItemState
        var labels: [String]
    }

    /// These articles for this user, in the order asked; ids not stored are left out.
    func items(_ ids: [Int64], user: UserRecord, base: String) throws -> [Item] {
        let records = try store.items(ids)
        let states = try store.itemStates(userID: user.id, articles: records.map(\.id))
        let labels = try store.labels(userID: user.id, articles: records.map(\.id))
        let stories = try store.storySummaries(records.compactMap(\.storyID))
        return records.map { record in
            let story = record.storyID.flatMap { stories[$0] }
            let line = story.map { Self.storyLine($0, of: record, base: base) } ?? ""
            return Item(
                record: record, html: line + reader.sanitized(record),
                state: states[record.id] ?? ItemState(read: false, starred: false), labels: labels[record.id] ?? [])
        }
    }

    /// The story an item belongs to, in words, when it has other reports.
    static func storyLine(_ story: StorySummary, of item: ItemRecord, base: String) -> String {
        guard story.articleCount > 1 else { return "" }
        let others = story.outlets.filter { $0 != item.outlet }
        let named = others.prefix(5).joined(separator: ", ") + (others.count > 5 ? " and \(others.count - 5) more" : "")
        let link =
            "<a href=\"\(HTMLEscape.attribute(base + "/stories/\(story.id)"))\">"
            + "One of \(story.articleCount) reports of: \(HTMLEscape.text(story.headline))</a>"
        return "<p class=\"newsdesk-story\">" + link + (named.isEmpty ? "" : " — also " + HTMLEscape.text(named))
            + "</p>\n"
    }

    /// The address the desk is reached at, for links in content: the request's scheme (as a proxy says it)
    /// and host, the host kept to the characters a host has.
    static func base(_ request: Request) -> String {
        let host = (request.head.authority ?? "localhost").filter {
            $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0))
        }
        return (Reader.isSecure(request) ? "https://" : "http://") + (host.isEmpty ? "localhost" : host)
    }
}

extension Reader {
    /// An article's HTML (or its text as paragraphs) sanitised, kept for the apps that ask for the same
    /// articles again and again.
    func sanitized(_ item: ItemRecord) -> String {
        let key = SanitizedCache.Key(id: item.id, html: item.html.hashValue, text: item.text.count)
        if let kept = sanitizedCache.get(key) { return kept }
        let html =
            item.html.isEmpty
            ? Display.paragraphs(item.text, marking: []) : HTMLSanitizer().sanitize(item.html, baseURL: item.url)
        sanitizedCache.set(key, html)
        return html
    }
}

/// Sanitised article bodies, at most `capacity`, in two halves like the page cache.
final class SanitizedCache: Sendable {
    struct Key: Hashable {
        var id: Int64
        var html: Int
        var text: Int
    }

    private let state = NIOLockedValueBox((recent: [Key: String](), older: [Key: String]()))
    private let half: Int

    init(capacity: Int = 20_000) {
        half = capacity / 2
    }

    func get(_ key: Key) -> String? {
        state.withLockedValue { state in
            if let kept = state.recent[key] { return kept }
            guard let kept = state.older.removeValue(forKey: key) else { return nil }
            state.recent[key] = kept
            return kept
        }
    }

    func set(_ key: Key, _ value: String) {
        state.withLockedValue { state in
            if state.recent.count >= half {
                state.older = state.recent
                state.recent = [:]
            }
            state.recent[key] = value
        }
    }
}
