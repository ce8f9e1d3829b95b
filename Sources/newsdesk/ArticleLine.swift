import Foundation
import NewsdeskCore
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

    /// Reads one line; throws, saying why, when it is not a JSON object with a title or a text, or its
    /// `published` is no time from year 1 to 9999.
    init(_ data: Data) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NewsdeskError(.unparseable, "not a JSON object")
        }
        switch object["id"] {
        case let text as String: id = text
        case let number as NSNumber: id = number.stringValue
        default: id = nil
        }
        title = object["title"] as? String ?? ""
        text = object["text"] as? String ?? ""
        guard !title.isEmpty || !text.isEmpty else { throw NewsdeskError(.unparseable, "no title and no text") }
        switch object["published"] {
        case nil, is NSNull:
            published = nil
        case let text as String:
            guard let time = FeedDate.parse(text) else {
                throw NewsdeskError(.unparseable, "published is not a date: \(text.prefix(40))")
            }
            published = time.unixTime
        case let seconds as NSNumber where !Self.isBoolean(seconds):
            // Whole seconds of years 1 to 9999 only: 1e300 or 2^64 would wrap, and then overflow later.
            guard let time = Int(exactly: seconds.doubleValue), FeedTime.validUnixTimes.contains(time) else {
                throw NewsdeskError(.unparseable, "published is not a time from year 1 to 9999: \(seconds)")
            }
            published = time
        default:
            throw NewsdeskError(.unparseable, "published must be a date or seconds since 1970")
        }
        url = object["url"] as? String
        source = object["source"] as? String
        byline = object["byline"] as? String
        language = object["language"] as? String
        html = object["html"] as? String
    }

    /// JSONSerialization gives `true` and `false` as numbers too, of C's `char` type.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
