/// Escaping for the HTML Newsdesk writes.
package enum HTMLEscape {
    /// Text content: `&`, `<` and `>` escaped.
    package static func text(_ raw: String) -> String {
        escape(raw, quotes: false, apostrophes: false)
    }

    /// A double-quoted attribute value: the text escapes and `"`.
    package static func attribute(_ raw: String) -> String {
        escape(raw, quotes: true, apostrophes: false)
    }

    /// Text anywhere in a page, attributes either way quoted: `&`, `<`, `>`, `"` and `'` escaped, as
    /// Mustache escapes.
    package static func all(_ raw: String) -> String {
        escape(raw, quotes: true, apostrophes: true)
    }

    /// `raw` with its markup bytes replaced, a byte at a time (the bytes of multi-byte characters are never
    /// ASCII, so they pass through whole); a text with nothing to escape is given back as it is.
    private static func escape(_ raw: String, quotes: Bool, apostrophes: Bool) -> String {
        func replacement(_ byte: UInt8) -> String? {
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\"") where quotes: "&quot;"
            case UInt8(ascii: "'") where apostrophes: "&#39;"
            default: nil
            }
        }
        let utf8 = raw.utf8
        guard let first = utf8.firstIndex(where: { replacement($0) != nil }) else { return raw }
        var result = String(raw[..<first])
        result.reserveCapacity(utf8.count + 32)
        var runStart = first
        var index = first
        while index < utf8.endIndex {
            if let escaped = replacement(utf8[index]) {
                result += raw[runStart..<index]
                result += escaped
                runStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        result += raw[runStart..<utf8.endIndex]
        return result
    }
}
