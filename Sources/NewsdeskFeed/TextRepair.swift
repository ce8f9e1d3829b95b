import NewsdeskHTML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// Every occurrence of `target` replaced, on UTF-8 bytes (Foundation's
    /// version is slow and not needed for plain substitutions).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let source = Array(utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, source.count >= needle.count else { return self }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        let first = needle[0]
        while index < source.count {
            if source[index] == first, index + needle.count <= source.count,
                source[index..<index + needle.count].elementsEqual(needle)
            {
                if !changed {
                    output.reserveCapacity(source.count)
                    output.append(contentsOf: source[..<index])
                    changed = true
                }
                output.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                if changed { output.append(source[index]) }
                index += 1
            }
        }
        return changed ? String(decoding: output, as: UTF8.self) : self
    }
}

extension String {
    /// The string in lower case; itself, without a copy, when it has no capitals.
    func lowercasedIfNeeded() -> String {
        utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) ? lowercased() : self
    }

    /// Whether the UTF-8 form holds `byte`, found with memchr.
    func utf8ContainsByte(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
        return found ?? utf8.contains(byte)
    }
}

/// Repairs that feed text commonly needs.
enum TextRepair {
    /// UTF-8 that was read as Latin-1 somewhere upstream ("donâ€™t") turned back into text.
    static func undoDoubleEncoding(_ text: String) -> String {
        // Only text with characters in U+0080…U+00FF (UTF-8 lead bytes C2 and C3) can be double-encoded.
        guard text.utf8ContainsByte(0xC2) || text.utf8ContainsByte(0xC3) else { return text }
        var bytes: [UInt8] = []
        var sawHigh = false
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return text }
            if scalar.value >= 0x80 { sawHigh = true }
            bytes.append(UInt8(scalar.value))
        }
        guard sawHigh else { return text }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var result = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput: return String(result)
            case .error: return text
            }
        }
    }

    /// C1 control characters that are really windows-1252 punctuation (U+0092 → ’).
    static func cp1252Controls(_ text: String) -> String {
        // U+0080…U+009F are C2 80…C2 9F in UTF-8.
        guard text.utf8ContainsByte(0xC2), text.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.value <= 0x9F })
        else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x80 && scalar.value <= 0x9F, let mapped = cp1252[Int(scalar.value - 0x80)] {
                result.append(mapped)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static let cp1252: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}", "\u{02C6}",
        "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil, nil, "\u{2018}", "\u{2019}",
        "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}", "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}",
        "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// "&amp;b=2" left as "&b=2" in links: `&name;` loses its semicolon-free
    /// escaping the way feed readers expect of a URL.
    static func unescapeNamedReferences(_ link: String) -> String {
        guard link.utf8.contains(UInt8(ascii: "&")) else { return link }
        var output = ""
        var rest = Substring(link)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            let name = after.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            if !name.isEmpty, name.endIndex < after.endIndex, after[name.endIndex] == ";" {
                output += "&" + name
                rest = after[after.index(after: name.endIndex)...]
            } else {
                output += "&"
                rest = after
            }
        }
        return output + rest
    }
}

/// Decides whether text given as plain actually holds HTML: closing tags or
/// entity references, and only elements and entities HTML knows.
enum HTMLLooks {
    static func likeHTML(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: "&")) else { return false }
        var sawClosingTag = false
        var sawReference = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                var cursor = index + 1
                let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
                if closing { cursor += 1 }
                let start = cursor
                while cursor < bytes.count, isWord(bytes[cursor]) { cursor += 1 }
                if cursor > start {
                    let name = String(decoding: bytes[start..<cursor], as: UTF8.self).lowercased()
                    if !HTMLSanitizer.allowedElements.contains(name) && !extraElements.contains(name) { return false }
                    if closing && cursor < bytes.count && bytes[cursor] == UInt8(ascii: ">") { sawClosingTag = true }
                }
                index = cursor
            } else if byte == UInt8(ascii: "&") {
                var cursor = index + 1
                let numeric = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "#")
                if numeric { cursor += 1 }
                let start = cursor
                while cursor < bytes.count, isWord(bytes[cursor]) { cursor += 1 }
                if cursor > start, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") {
                    sawReference = true
                    if !numeric {
                        let name = String(decoding: bytes[start..<cursor], as: UTF8.self)
                        if HTMLEntities.codePoint(of: name) == nil { return false }
                    }
                }
                index = cursor
            } else {
                index += 1
            }
        }
        return sawClosingTag || sawReference
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F
    }

    private static let extraElements: Set<String> = [
        "area", "button", "dir", "fieldset", "form", "input", "label", "legend", "map", "menu", "optgroup", "option",
        "select", "textarea", "blink", "marquee", "listing", "xmp", "nobr", "multicol", "spacer",
    ]
}

/// Finds an e-mail address inside an author string such as "me@example.com (Me)".
enum EmailFinder {
    static func first(in text: String) -> String? {
        let characters = Array(text.unicodeScalars)
        func isLocal(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_-.+".unicodeScalars.contains(scalar))
        }
        func isDomain(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == ".")
        }
        for (index, scalar) in characters.enumerated() where scalar == "@" {
            var start = index
            while start > 0, isLocal(characters[start - 1]) { start -= 1 }
            var end = index + 1
            while end < characters.count, isDomain(characters[end]) { end += 1 }
            guard start < index, end > index + 1 else { continue }
            var domain = String(String.UnicodeScalarView(characters[(index + 1)..<end]))
            while domain.hasSuffix(".") {
                domain.removeLast()
                end -= 1
            }
            guard domain.contains("."), let tld = domain.split(separator: ".").last, tld.count >= 2 else { continue }
            var email = String(String.UnicodeScalarView(characters[start..<end]))
            // "?subject=..." belongs to a mailto address.
            if end < characters.count, characters[end] == "?" {
                let tail = characters[end...].prefix(while: { $0 != " " && $0 != ")" && $0 != ">" })
                let query = String(String.UnicodeScalarView(tail))
                if query.hasPrefix("?subject=") && query.count > 9 { email += query }
            }
            return email
        }
        return nil
    }
}

/// Base64 as Atom's `mode="base64"` content uses it.
enum Base64 {
    static func decodeUTF8(_ text: String) -> String? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - 71)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte + 4)
            case UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "/"): values.append(63)
            case UInt8(ascii: "="), 0x20, 0x09, 0x0A, 0x0D: continue
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index + 1 < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            let a = chunk[chunk.startIndex]
            let b = chunk[chunk.startIndex + 1]
            bytes.append(a << 2 | b >> 4)
            if chunk.count > 2 {
                let c = chunk[chunk.startIndex + 2]
                bytes.append((b & 0x0F) << 4 | c >> 2)
                if chunk.count > 3 { bytes.append((c & 0x03) << 6 | chunk[chunk.startIndex + 3]) }
            }
            index += 4
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { return nil }
        return decoded
    }
}
