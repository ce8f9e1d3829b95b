/// Escaping for the HTML Newsdesk writes.
package enum HTMLEscape {
    /// Text content: `&`, `<` and `>` escaped.
    package static func text(_ raw: String) -> String {
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        for character in raw {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A double-quoted attribute value: the text escapes and `"`.
    package static func attribute(_ raw: String) -> String {
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        for character in raw {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
