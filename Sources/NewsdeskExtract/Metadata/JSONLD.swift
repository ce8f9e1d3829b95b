import NewsdeskCore
import NewsdeskHTML

/// The article facts found in a page's JSON-LD (`<script type="application/ld+json">`),
/// including objects nested in `@graph` and in arrays.
struct JSONLDFacts {
    var headline: String?
    var authors: [String] = []
    var published: String?
    var modified: String?
    var publisher: String?
    var image: String?
    var keywords: [String] = []
    var language: String?
    var description: String?
    var url: String?
    var articleBody: String?
    /// The name of the `WebSite` object, a good outlet name.
    var websiteName: String?
    /// Whether the page describes itself as an article (an `Article`, `BlogPosting`… object).
    var describesArticle = false

    static let articleTypes: Set<String> = [
        "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
        "techarticle", "scholarlyarticle", "report", "socialmediaposting", "posting", "medicalscholarlyarticle",
        "satiricalarticle", "advertisercontentarticle", "askpublicnewsarticle", "review",
    ]

    init(document: HTMLDocument) {
        var articles: [[String: Any]] = []
        var pages: [[String: Any]] = []
        for script in document.elements(.script) {
            guard let type = document.attribute("type", of: script), type.containsIgnoringASCIICase("ld+json") else {
                continue
            }
            guard let value = Self.parse(document.rawText(of: script)) else { continue }
            Self.collect(value) { object in
                let types = Self.types(of: object)
                if types.contains(where: Self.articleTypes.contains) {
                    articles.append(object)
                } else if types.contains("webpage") {
                    pages.append(object)
                } else if types.contains("website"), websiteName == nil {
                    websiteName = Self.string(object["name"])
                }
            }
        }
        describesArticle = !articles.isEmpty
        // The first article-typed object wins; a WebPage fills what it lacks.
        for object in articles + pages {
            headline = headline ?? Self.string(object["headline"]) ?? Self.string(object["name"])
            if authors.isEmpty { authors = Self.names(object["author"] ?? object["creator"]) }
            published = published ?? Self.string(object["datePublished"]) ?? Self.string(object["dateCreated"])
            modified = modified ?? Self.string(object["dateModified"])
            publisher = publisher ?? Self.names(object["publisher"]).first
            image = image ?? Self.imageURL(object["image"] ?? object["thumbnailUrl"])
            if keywords.isEmpty { keywords = Self.keywords(object["keywords"]) }
            language = language ?? Self.string(object["inLanguage"])
            description = description ?? Self.string(object["description"])
            url = url ?? Self.string(object["url"]) ?? Self.id(object["mainEntityOfPage"])
            articleBody = articleBody ?? Self.text(object["articleBody"])
        }
    }

    /// Parses JSON that pages often break: raw control characters inside
    /// strings, trailing semicolons, HTML comments around it.
    static func parse(_ raw: String) -> Any? {
        var text = raw.trimmingSpaces()
        if text.hasPrefix("<!--") { text = String(text.dropFirst(4)) }
        if text.hasSuffix("-->") { text = String(text.dropLast(3)) }
        if text.hasPrefix("//<![CDATA[") { text = String(text.dropFirst(11)) }
        if text.hasSuffix("//]]>") { text = String(text.dropLast(5)) }
        text = text.trimmingSpaces()
        while text.hasSuffix(";") { text.removeLast() }
        return LenientJSON.parse(text)
    }

    /// Calls `visit` on every object in the value, depth first.
    static func collect(_ value: Any, depth: Int = 0, visit: (inout [String: Any]) -> Void) {
        guard depth < 12 else { return }
        if let array = value as? [Any] {
            for element in array { collect(element, depth: depth + 1, visit: visit) }
        } else if var object = value as? [String: Any] {
            visit(&object)
            if let graph = object["@graph"] { collect(graph, depth: depth + 1, visit: visit) }
            if let main = object["mainEntity"] as? [String: Any] { collect(main, depth: depth + 1, visit: visit) }
        }
    }

    static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type.lowercased()] }
        if let types = object["@type"] as? [Any] { return types.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    /// A long text, its line breaks kept (they part its paragraphs).
    static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return string(value) }
        let trimmed = string.trimmingSpaces()
        return trimmed.isEmpty ? nil : decodeEntities(trimmed)
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let string as String:
            let trimmed = string.collapsingWhitespace()
            return trimmed.isEmpty ? nil : decodeEntities(trimmed)
        case let number as Double:
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let array as [Any]:
            return array.lazy.compactMap { string($0) }.first
        case let object as [String: Any]:
            return string(object["@value"]) ?? string(object["name"])
        default:
            return nil
        }
    }

    static func id(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let object = value as? [String: Any] { return string(object["@id"]) ?? string(object["url"]) }
        return nil
    }

    /// Names of people or organisations, however they are written.
    static func names(_ value: Any?) -> [String] {
        switch value {
        case let string as String:
            return [string]
        case let array as [Any]:
            return array.flatMap { names($0) }
        case let object as [String: Any]:
            if let name = string(object["name"]) { return [name] }
            let given = string(object["givenName"]), family = string(object["familyName"])
            let joined = [given, family].compactMap { $0 }.joined(separator: " ")
            return joined.isEmpty ? [] : [joined]
        default:
            return []
        }
    }

    static func imageURL(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string.isEmpty ? nil : string
        case let array as [Any]: return array.lazy.compactMap { imageURL($0) }.first
        case let object as [String: Any]:
            return string(object["url"]) ?? string(object["contentUrl"]) ?? string(object["@id"])
        default: return nil
        }
    }

    static func keywords(_ value: Any?) -> [String] {
        switch value {
        case let string as String:
            return string.split(separator: ",").map { $0.collapsingWhitespace() }.filter { !$0.isEmpty }
        case let array as [Any]:
            return array.compactMap { string($0) }
        default:
            return []
        }
    }

    /// JSON-LD strings sometimes carry HTML entities.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let tail = rest[ampersand...]
            guard let semicolon = tail.prefix(10).firstIndex(of: ";") else {
                result += "&"
                rest = rest[rest.index(after: ampersand)...]
                continue
            }
            let name = tail[tail.index(after: ampersand)..<semicolon]
            if let decoded = Self.entity(name) {
                result += decoded
            } else {
                result += tail[...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case "lt": return "<"
        case "gt": return ">"
        case "nbsp": return " "
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
