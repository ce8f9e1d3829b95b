import CLibXML2
import NewsdeskCore

/// A parsed feed: feedparser's result dictionary, field for field.
public struct ParsedFeed: Sendable {
    /// True when the document was not well-formed or not what it claimed to be; `problem` says why.
    public var bozo: Bool
    public var problem: String?
    public var encoding: String
    /// "rss20", "atom10", "rss10", "json11"… or "" when the document is no known feed format.
    public var version: String
    public var feed: FeedDict
    public var entries: [FeedDict]
    public var namespaces: FeedDict
    /// The URL the feed was read from, after redirects, when it was fetched.
    public var href: String?
    public var status: Int?
    public var headers: [String: String]

    public var isFeed: Bool { !version.isEmpty || !entries.isEmpty }
}

/// Reads RSS 0.9x, 1.0 and 2.0, Atom 0.3 and 1.0, and JSON Feed 1.0 and 1.1.
public enum FeedParser {
    /// Parses a feed's bytes. `url` (where it came from) and `headers` (the
    /// HTTP response's) decide the base for relative links, the default
    /// language and the character set, as they do for a browser.
    public static func parse(_ bytes: [UInt8], url: String? = nil, headers: [String: String] = [:]) -> ParsedFeed {
        let lowerHeaders = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        if JSONFeedParser.looksLikeJSON(bytes) {
            var result = JSONFeedParser.parse(bytes)
            result.href = url
            result.headers = headers
            return result
        }
        let decoded = FeedEncoding.decode(bytes, headers: url == nil ? nil : lowerHeaders)
        var problem = decoded.problem
        var document = decoded.utf8
        let doctypeVersion = DoctypeScan.netscapeVersion(document)
        let entities = HTMLEntityRewriter.rewrite(document)
        document = entities.bytes
        if problem == nil, let undefined = entities.undefined {
            problem = undefined == "&" ? "an ampersand that starts no reference" : "undefined entity &\(undefined);"
        }

        let location = lowerHeaders["content-location"] ?? ""
        let href = url ?? ""
        var base = URIJoin.safeAbsolute(href, location)
        if base.isEmpty { base = location.isEmpty ? href : URIJoin.safeAbsolute(location, nil) }
        if base.isEmpty { base = href }
        let builder = FeedBuilder(
            baseURI: base, language: lowerHeaders["content-language"], encoding: decoded.encoding.isEmpty ? "" : "utf-8"
        )
        let wellFormed: Bool
        let firstError: String?
        if document.count >= EventPipeline.threshold {
            let outcome = EventPipeline.parse(document, into: builder)
            (wellFormed, firstError) = (outcome.wellFormed, outcome.firstError)
        } else {
            let reader = XMLEventReader(handler: builder)
            wellFormed = reader.parse(document)
            firstError = reader.firstError
        }
        if !wellFormed, problem == nil { problem = firstError ?? "the document is not well-formed XML" }
        if problem == nil { problem = builder.problem }
        return ParsedFeed(
            bozo: problem != nil, problem: problem, encoding: decoded.encoding,
            version: doctypeVersion ?? builder.version, feed: builder.feed, entries: builder.entries,
            namespaces: builder.namespacesInUse, href: url, status: nil, headers: headers)
    }
}

/// The doctype of Netscape's RSS 0.91 names the version the root element does not.
enum DoctypeScan {
    static func netscapeVersion(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096)
        guard let start = head.firstMatch(of: "<!DOCTYPE".utf8) ?? head.firstMatch(of: "<!doctype".utf8) else {
            return nil
        }
        let doctype = head[start...].prefix(while: { $0 != UInt8(ascii: ">") })
        return LowercasedBytes(doctype).contains("netscape") ? "rss091n" : nil
    }
}

extension Collection where Element == UInt8, Index == Int {
    func firstMatch(of needle: String.UTF8View) -> Int? {
        let pattern = Array(needle)
        guard let first = pattern.first, count >= pattern.count else { return nil }
        var index = startIndex
        while index <= endIndex - pattern.count {
            if self[index] == first && self[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}

/// HTML's named entities (`&eacute;`) are not XML's: feeds use them anyway.
/// Those the document does not declare itself become numeric references
/// before parsing; unknown names are kept as text.
enum HTMLEntityRewriter {
    static let xmlEntities: Set<String> = ["lt", "gt", "amp", "quot", "apos"]

    static func rewrite(_ bytes: [UInt8]) -> (bytes: [UInt8], undefined: String?) {
        guard bytes.contains(UInt8(ascii: "&")) else { return (bytes, nil) }
        var declared: Set<String>?
        var output: [UInt8] = []
        var undefined: String?
        var copied = 0
        var index = 0
        let count = bytes.count
        let cdataOpen = Array("<![CDATA[".utf8)
        let commentOpen = Array("<!--".utf8)
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                // Character data sections and comments hold no references.
                if bytes[index...].starts(with: cdataOpen) {
                    index = end(of: "]]>", in: bytes, from: index + cdataOpen.count)
                } else if bytes[index...].starts(with: commentOpen) {
                    index = end(of: "-->", in: bytes, from: index + commentOpen.count)
                } else {
                    index += 1
                }
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                index += 1
                continue
            }
            var cursor = index + 1
            if cursor < count, bytes[cursor] == UInt8(ascii: "#") {
                cursor += 1
                if cursor < count, bytes[cursor] | 0x20 == UInt8(ascii: "x") { cursor += 1 }
            }
            while cursor < count, cursor - index <= 32, isNameByte(bytes[cursor]) { cursor += 1 }
            guard cursor > index + 1, cursor < count, bytes[cursor] == UInt8(ascii: ";") else {
                // A bare ampersand ("?a=1&b=2") is text, as browsers and feed readers take it.
                output.append(contentsOf: bytes[copied..<index])
                output.append(contentsOf: Array("&amp;".utf8))
                undefined = undefined ?? "&"
                copied = index + 1
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "#") {
                index = cursor + 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<cursor], as: UTF8.self)
            if xmlEntities.contains(name) {
                index = cursor + 1
                continue
            }
            if declared == nil { declared = declaredEntities(bytes) }
            if declared!.contains(name) {
                index = cursor + 1
                continue
            }
            output.append(contentsOf: bytes[copied..<index])
            if let codePoint = HTMLEntities.codePoint(of: name) {
                output.append(contentsOf: Array("&#\(codePoint);".utf8))
            } else {
                output.append(contentsOf: Array("&amp;".utf8))
                output.append(contentsOf: bytes[(index + 1)...cursor])
            }
            undefined = undefined ?? name
            copied = cursor + 1
            index = cursor + 1
        }
        guard copied > 0 else { return (bytes, nil) }
        output.append(contentsOf: bytes[copied...])
        return (output, undefined)
    }

    /// The index just past `terminator`, searching from `start`; the end of the bytes if it never comes.
    private static func end(of terminator: StaticString, in bytes: [UInt8], from start: Int) -> Int {
        let pattern = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] && bytes[index..<index + pattern.count].elementsEqual(pattern) {
                return index + pattern.count
            }
            index += 1
        }
        return bytes.count
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte >= 0x80
    }

    /// Names declared by `<!ENTITY name …>` in the document's internal subset.
    private static func declaredEntities(_ bytes: [UInt8]) -> Set<String> {
        var names: Set<String> = []
        let pattern = Array("<!ENTITY".utf8)
        var index = 0
        let limit = Swift.min(bytes.count, 65_536)
        while index + pattern.count < limit {
            if bytes[index] == UInt8(ascii: "<") && bytes[index..<index + pattern.count].elementsEqual(pattern) {
                var cursor = index + pattern.count
                while cursor < limit, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 || bytes[cursor] == 0x0A {
                    cursor += 1
                }
                let start = cursor
                while cursor < limit, isNameByte(bytes[cursor]) { cursor += 1 }
                if cursor > start { names.insert(String(decoding: bytes[start..<cursor], as: UTF8.self)) }
                index = cursor
            } else {
                index += 1
            }
        }
        return names
    }
}

/// HTML 4's named character references, from libxml2's table.
enum HTMLEntities {
    static func codePoint(of name: String) -> UInt32? {
        guard let entry = htmlEntityLookup(name) else { return nil }
        return entry.pointee.value
    }
}
