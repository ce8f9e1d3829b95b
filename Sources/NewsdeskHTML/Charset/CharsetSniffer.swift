import NewsdeskCore

/// Finds the character set a page declares for itself: a byte-order mark, an
/// XML declaration, or `<meta charset>` / `http-equiv` in the first bytes.
enum CharsetSniffer {
    /// How far into the page declarations are looked for. The HTML standard
    /// says 1024 bytes; real pages put long scripts first, so look further.
    static let prescanLimit = 16_384

    enum ByteOrderMark {
        case utf8, utf16LE, utf16BE

        var length: Int { self == .utf8 ? 3 : 2 }
        var charset: String {
            switch self {
            case .utf8: return "UTF-8"
            case .utf16LE: return "UTF-16LE"
            case .utf16BE: return "UTF-16BE"
            }
        }
    }

    static func byteOrderMark(_ bytes: [UInt8]) -> ByteOrderMark? {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return .utf8 }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return .utf16LE }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return .utf16BE }
        return nil
    }

    /// The charset label declared in markup, as written (not yet resolved).
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(prescanLimit)
        // Lower-case ASCII copy for matching; non-ASCII bytes are kept.
        let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if let declaration = xmlDeclarationEncoding(lower) { return declaration }
        var position = 0
        while let metaStart = find(Array("<meta".utf8), in: lower, from: position) {
            guard let tagEnd = find([UInt8(ascii: ">")], in: lower, from: metaStart) else { break }
            let tag = Array(lower[metaStart..<tagEnd])
            position = tagEnd
            if let value = attributeValue("charset", in: tag), !value.isEmpty {
                return value
            }
            if let equiv = attributeValue("http-equiv", in: tag), equiv == "content-type",
                let content = attributeValue("content", in: tag),
                let label = charsetParameter(content)
            {
                return label
            }
        }
        return nil
    }

    /// The `charset=` parameter of a Content-Type value.
    static func charsetParameter(_ contentType: String) -> String? {
        let lower = contentType.lowercased()
        guard let range = lower.firstMatch(of: "charset") else { return nil }
        var rest = lower[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let label = rest.prefix { !";\"' ,".contains($0) }
        return label.isEmpty ? nil : String(label)
    }

    private static func xmlDeclarationEncoding(_ lower: [UInt8]) -> String? {
        guard lower.starts(with: Array("<?xml".utf8)),
            let end = find(Array("?>".utf8), in: lower, from: 0)
        else { return nil }
        return attributeValue("encoding", in: Array(lower[0..<end]))
    }

    /// The value of attribute `name` in a tag's bytes, read pair by pair so
    /// that text inside another attribute's value never matches.
    private static func attributeValue(_ name: String, in tag: [UInt8]) -> String? {
        let wanted = Array(name.utf8)
        var index = 0
        // Skip the tag name.
        while index < tag.count, !isSpace(tag[index]) { index += 1 }
        while index < tag.count {
            while index < tag.count, isSpace(tag[index]) || tag[index] == UInt8(ascii: "/") { index += 1 }
            let nameStart = index
            while index < tag.count, !isSpace(tag[index]), tag[index] != UInt8(ascii: "="),
                tag[index] != UInt8(ascii: ">")
            {
                index += 1
            }
            let attributeName = tag[nameStart..<index]
            while index < tag.count, isSpace(tag[index]) { index += 1 }
            var value: ArraySlice<UInt8> = []
            if index < tag.count, tag[index] == UInt8(ascii: "=") {
                index += 1
                while index < tag.count, isSpace(tag[index]) { index += 1 }
                if index < tag.count, tag[index] == UInt8(ascii: "\"") || tag[index] == UInt8(ascii: "'") {
                    let quote = tag[index]
                    index += 1
                    let valueStart = index
                    while index < tag.count, tag[index] != quote { index += 1 }
                    value = tag[valueStart..<min(index, tag.count)]
                    index += 1
                } else {
                    let valueStart = index
                    while index < tag.count, !isSpace(tag[index]), tag[index] != UInt8(ascii: ">") { index += 1 }
                    value = tag[valueStart..<index]
                }
            }
            if attributeName.elementsEqual(wanted) {
                return String(decoding: value, as: UTF8.self).trimmingSpaces()
            }
            if attributeName.isEmpty { index += 1 }
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        let first = needle[0]
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
