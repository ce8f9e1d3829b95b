/// Escaping for the HTML Newsdesk writes.
package enum HTMLEscape {
    /// Text content: `&`, `<` and `>` escaped.
    package static func text(_ raw: String) -> String {
        escape(raw, quotes: false)
    }

    /// A double-quoted attribute value: the text escapes and `"`.
    package static func attribute(_ raw: String) -> String {
        escape(raw, quotes: true)
    }

    private static func escape(_ raw: String, quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        for character in raw {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
