/// Writes JSON objects with keys in the order given, for stable, readable
/// output (`JSONEncoder` neither keeps field order nor streams).
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma: [Bool] = []
    private let pretty: Bool

    public init(pretty: Bool = false) {
        self.pretty = pretty
    }

    public mutating func beginObject() {
        output += "{"
        needsComma.append(false)
    }

    public mutating func endObject() {
        let hadMembers = needsComma.popLast() ?? false
        if pretty && hadMembers { output += "\n" + String(repeating: "  ", count: needsComma.count) }
        output += "}"
    }

    private mutating func key(_ name: String) {
        if needsComma.last == true { output += "," }
        if pretty { output += "\n" + String(repeating: "  ", count: needsComma.count) }
        needsComma[needsComma.count - 1] = true
        output += Self.quote(name) + (pretty ? ": " : ":")
    }

    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        output += Self.quote(value)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        output += String(value)
    }

    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        output += "[" + values.map(Self.quote).joined(separator: pretty ? ", " : ",") + "]"
    }

    /// A member whose value the caller writes with the writer's other calls.
    public mutating func objectField(_ name: String, _ write: (inout JSONWriter) -> Void) {
        key(name)
        write(&self)
    }

    public mutating func raw(_ json: String) {
        output += json
    }

    public static func quote(_ string: String) -> String {
        var result = "\""
        result.reserveCapacity(string.utf8.count + 2)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension Article {
    /// Writes the article's fields into an open JSON object.
    public func writeFields(to writer: inout JSONWriter) {
        writer.field("title", title)
        writer.field("authors", authors)
        writer.field("published", published)
        writer.field("modified", modified)
        writer.field("siteName", siteName)
        writer.field("url", url)
        writer.field("canonicalURL", canonicalURL)
        writer.field("language", language)
        writer.field("description", description)
        writer.field("image", image)
        writer.field("tags", tags)
        writer.field("wordCount", wordCount)
        writer.field("text", text)
        writer.field("html", html)
        writer.field("markdown", markdown)
        if !warnings.isEmpty { writer.field("warnings", warnings) }
    }
}
