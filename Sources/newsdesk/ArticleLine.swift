import Foundation
import NewsdeskFeed

/// One article of a JSON Lines file, as `newsdesk import` and `newsdesk stories group` read them:
/// `title` and `text`, and when known `id`, `url`, `source`, `published` (RFC 3339 or RFC 822 text, or
/// seconds since 1970), `byline`, `language` and `html`.
struct ArticleLine {
    var id: String?
    var url: String?
    var title: String
    var text: String
    var source: String?
    var published: Int?
    var byline: String?
    var language: String?
    var html: String?

    /// Nil when the line is not a JSON object with a title or a text.
    init?(_ data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        switch object["id"] {
        case let text as String: id = text
        case let number as NSNumber: id = number.stringValue
        default: id = nil
        }
        title = object["title"] as? String ?? ""
        text = object["text"] as? String ?? ""
        guard !title.isEmpty || !text.isEmpty else { return nil }
        switch object["published"] {
        case let seconds as NSNumber: published = seconds.intValue
        case let text as String: published = FeedDate.parse(text)?.unixTime
        default: published = nil
        }
        url = object["url"] as? String
        source = object["source"] as? String
        byline = object["byline"] as? String
        language = object["language"] as? String
        html = object["html"] as? String
    }
}
