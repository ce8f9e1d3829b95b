import Foundation
import NewsdeskStore

/// The names the Google Reader API speaks in: item ids, streams and tags, and the request's parameters
/// from its query and its form body together.
enum GoogleReaderNames {
    static let itemPrefix = "tag:google.com,2005:reader/item/"
    static let statePrefix = "user/-/state/com.google/"
    static let labelPrefix = "user/-/label/"
    static let readingList = statePrefix + "reading-list"
    static let read = statePrefix + "read"
    static let starred = statePrefix + "starred"
    static let keptUnread = statePrefix + "kept-unread"

    /// An item's long id: its number as 16 hexadecimal digits.
    static func longID(_ id: Int64) -> String {
        let hex = String(UInt64(bitPattern: id), radix: 16)
        return itemPrefix + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// An item id in the forms apps send: the long form (1 to 16 lower-case hexadecimal digits) or decimal
    /// (1 to 18 digits); 0 names no item. Nil for anything else.
    static func itemID(_ text: String) -> Int64? {
        if text.hasPrefix(itemPrefix) {
            let hex = text.dropFirst(itemPrefix.count)
            guard (1...16).contains(hex.count),
                hex.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }),
                let value = UInt64(hex, radix: 16), value <= UInt64(Int64.max)
            else { return nil }
            return Int64(value)
        }
        guard (1...18).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }

    /// A stream or tag name with the user's own id (or name) in place of "-" made the "-" form; nil when
    /// it names another user.
    static func own(_ name: String, user: UserRecord) -> String? {
        guard name.hasPrefix("user/") else { return name }
        let rest = name.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let who = rest[..<slash]
        guard who == "-" || who == String(user.id) || who == user.name else { return nil }
        return "user/-" + rest[slash...]
    }

    /// What a stream name asks for; `nil` for a well-formed name that matches nothing (a feed not followed).
    static func stream(_ raw: String, user: UserRecord, sources: [SourceRecord]) throws -> ItemStream? {
        guard let name = own(raw, user: user) else { throw ReaderError.badRequest("the stream names another user") }
        switch name {
        case readingList: return .all
        case read: return .read
        case starred: return .starred
        case keptUnread: return .keptUnread
        default: break
        }
        if name.hasPrefix(labelPrefix) {
            let label = String(name.dropFirst(labelPrefix.count))
            guard !label.isEmpty, label.count <= 200 else { throw ReaderError.badRequest("an empty or long label") }
            return sources.contains { $0.folder == label } ? .folder(label) : .label(label)
        }
        if name.hasPrefix("feed/") {
            let url = String(name.dropFirst(5))
            return sources.first { $0.feedURL == url }.map { .source($0.id) }
        }
        throw ReaderError.badRequest("unknown stream: \(raw.prefix(200))")
    }

    /// The stream a request names, from the path after `prefix` or else from `s`.
    static func streamName(path: String, after prefix: String, parameters: Query) -> String? {
        if let range = path.range(of: prefix) {
            let rest = String(path[range.upperBound...])
            if !rest.isEmpty { return rest.removingPercentEncoding ?? rest }
        }
        return parameters["s"]
    }
}

extension Query {
    /// Every value given for `name`, in order.
    func all(_ name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// A whole number parameter in a range; absent gives nil, anything else out of it (empty included) is a
    /// bad request.
    func number(_ name: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let text = self[name] else { return nil }
        guard text.count <= 20, let value = Int64(text), range.contains(value) else {
            throw ReaderError.badRequest(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
