/// The sanitiser's fast path for the markup feeds mostly carry: allowed
/// elements, properly nested, double-quoted attributes, valid references.
/// Such a fragment is rewritten in one pass (unknown attributes dropped,
/// links checked and made absolute, void elements closed); anything else
/// (comments, scripts, unknown elements, stray `<` or `&`, unbalanced tags)
/// returns nil and goes through the full parse.
enum SimpleMarkup {
    static func sanitize(_ html: String, baseURL: String?) -> String? {
        var utf8 = html
        return utf8.withUTF8 { bytes in rewrite(bytes, baseURL: baseURL) }
    }

    private static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>, baseURL: String?) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var open: [String] = []
        var index = 0
        var textStart = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") {
                guard let end = referenceEnd(bytes, index) else { return nil }
                index = end
                continue
            }
            guard byte == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[textStart..<index]))
            guard let tag = parseTag(bytes, index) else { return nil }
            if tag.closing {
                guard open.last == tag.name else { return nil }
                open.removeLast()
                output.append(contentsOf: Array("</\(tag.name)>".utf8))
            } else {
                guard HTMLSanitizer.allowedElements.contains(tag.name) else { return nil }
                var rendered = "<" + tag.name
                for (name, value) in tag.attributes where HTMLSanitizer.keeps(name, on: tag.name) {
                    var kept = value
                    if HTMLSanitizer.urlAttributes.contains(name) {
                        guard let safe = HTMLSanitizer.safeURL(value, base: baseURL) else { continue }
                        kept = safe
                    }
                    rendered += " \(name)=\"\(HTMLEscape.attribute(kept))\""
                }
                if HTMLSanitizer.voidElements.contains(tag.name) {
                    rendered += " />"
                } else {
                    guard !tag.selfClosing else { return nil }
                    open.append(tag.name)
                    rendered += ">"
                }
                output.append(contentsOf: Array(rendered.utf8))
            }
            index = tag.end
            textStart = index
        }
        guard open.isEmpty else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[textStart..<count]))
        return String(decoding: output, as: UTF8.self)
    }

    /// The index after a valid `&name;`, `&#123;` or `&#x1F;`; nil otherwise.
    private static func referenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var cursor = start + 1
        var numeric = false
        var hex = false
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "#") {
            numeric = true
            cursor += 1
            if cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "x") {
                hex = true
                cursor += 1
            }
        }
        let nameStart = cursor
        while cursor < bytes.count, cursor - nameStart < 10 {
            let byte = bytes[cursor]
            let digit = byte >= 0x30 && byte <= 0x39
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let hexLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66
            guard numeric ? (digit || (hex && hexLetter)) : (digit || letter) else { break }
            cursor += 1
        }
        guard cursor > nameStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") else { return nil }
        if !numeric {
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor]), as: UTF8.self)
            guard knownEntities.contains(name) else { return nil }
        }
        return cursor + 1
    }

    /// The references common in news text; rarer ones go the long way.
    private static let knownEntities: Set<String> = [
        "amp", "lt", "gt", "quot", "apos", "nbsp", "mdash", "ndash", "hellip", "lsquo", "rsquo", "ldquo", "rdquo",
        "laquo", "raquo", "copy", "reg", "trade", "euro", "pound", "deg", "middot", "bull", "eacute", "egrave",
        "aacute", "agrave", "iacute", "oacute", "uacute", "ntilde", "ccedil", "uuml", "ouml", "auml", "szlig",
        "Eacute", "Uuml", "Ouml", "Auml", "times", "frac12", "sect", "para", "shy", "thinsp", "ensp", "emsp",
    ]

    private struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [(String, String)]
        var end: Int
    }

    /// A tag written the plain way: lower-case name, double-quoted attribute values without `<`, `>`, `&`, `"`.
    private static func parseTag(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Tag? {
        var cursor = start + 1
        let count = bytes.count
        let closing = cursor < count && bytes[cursor] == UInt8(ascii: "/")
        if closing { cursor += 1 }
        let nameStart = cursor
        while cursor < count, isNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > nameStart, cursor - nameStart <= 10 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor]), as: UTF8.self)
        var attributes: [(String, String)] = []
        var selfClosing = false
        while cursor < count {
            while cursor < count, bytes[cursor] == 0x20 || bytes[cursor] == 0x0A || bytes[cursor] == 0x09 {
                cursor += 1
            }
            guard cursor < count else { return nil }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: ">") {
                return Tag(
                    name: name, closing: closing, selfClosing: selfClosing, attributes: attributes, end: cursor + 1)
            }
            if byte == UInt8(ascii: "/") && !closing {
                selfClosing = true
                cursor += 1
                continue
            }
            guard !closing, !selfClosing else { return nil }
            let attributeStart = cursor
            while cursor < count, isNameByte(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            guard cursor > attributeStart, cursor + 1 < count, bytes[cursor] == UInt8(ascii: "="),
                bytes[cursor + 1] == UInt8(ascii: "\"")
            else { return nil }
            let attributeName = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[attributeStart..<cursor]), as: UTF8.self)
            cursor += 2
            let valueStart = cursor
            while cursor < count, bytes[cursor] != UInt8(ascii: "\"") {
                let value = bytes[cursor]
                guard value != UInt8(ascii: "<"), value != UInt8(ascii: ">"), value != UInt8(ascii: "&"), value >= 0x20
                else { return nil }
                cursor += 1
            }
            guard cursor < count else { return nil }
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<cursor]), as: UTF8.self)
            attributes.append((attributeName, value))
            cursor += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
