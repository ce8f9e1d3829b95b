import NewsdeskHTML

/// Decides a feed's character set the way RFC 3023 says for XML over HTTP
/// (the HTTP charset first, then for application/ types the XML
/// declaration; text/ types default to US-ASCII), falls back through the
/// declaration, the byte-order mark, detection, UTF-8 and windows-1252 when
/// the bytes do not decode, and hands the parser UTF-8 with a matching
/// declaration.
enum FeedEncoding {
    struct Decoded {
        var utf8: [UInt8]
        /// The encoding reported, in lower case ("utf-8", "iso-8859-1"), or "" when nothing worked.
        var encoding: String
        var problem: String?
    }

    static func decode(_ input: [UInt8], headers: [String: String]?) -> Decoded {
        var data = ArraySlice(input)
        var bomEncoding = ""
        let head = Array(data.prefix(4))
        func starts(_ prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) {
            bomEncoding = "utf-32be"
            data = data.dropFirst(4)
        } else if starts([0xFF, 0xFE, 0x00, 0x00]) {
            bomEncoding = "utf-32le"
            data = data.dropFirst(4)
        } else if starts([0xFE, 0xFF]) && !(head.count >= 4 && head[2] == 0 && head[3] == 0) {
            bomEncoding = "utf-16be"
            data = data.dropFirst(2)
        } else if starts([0xFF, 0xFE]) && !(head.count >= 4 && head[2] == 0 && head[3] == 0) {
            bomEncoding = "utf-16le"
            data = data.dropFirst(2)
        } else if starts([0xEF, 0xBB, 0xBF]) {
            bomEncoding = "utf-8"
            data = data.dropFirst(3)
        } else if starts([0x4C, 0x6F, 0xA7, 0x94]) {
            bomEncoding = "cp037"
        } else if starts([0x00, 0x3C, 0x00, 0x3F]) {
            bomEncoding = "utf-16be"
        } else if starts([0x3C, 0x00, 0x3F, 0x00]) {
            bomEncoding = "utf-16le"
        } else if starts([0x00, 0x00, 0x00, 0x3C]) {
            bomEncoding = "utf-32be"
        } else if starts([0x3C, 0x00, 0x00, 0x00]) {
            bomEncoding = "utf-32le"
        }

        var xmlEncoding = ""
        let declarationSource: [UInt8]? =
            bomEncoding.isEmpty ? Array(data.prefix(512)) : convert(data.prefix(2048), from: bomEncoding)
        if let declarationSource, let declared = declaredEncoding(declarationSource) {
            xmlEncoding = declared.lowercased()
            let unicodeFamily: Set<String> = [
                "u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32", "iso-10646-ucs-2",
                "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4",
            ]
            if !bomEncoding.isEmpty && unicodeFamily.contains(xmlEncoding) { xmlEncoding = bomEncoding }
        }

        let contentTypeHeader = headers?.first(where: { $0.key.lowercased() == "content-type" })?.value
        let (mediaType, httpEncoding) = parseContentType(contentTypeHeader ?? "")
        var acceptable = false
        var rfc3023: String
        let applicationTypes = ["application/xml", "application/xml-dtd", "application/xml-external-parsed-entity"]
        let textTypes = ["text/xml", "text/xml-external-parsed-entity"]
        if applicationTypes.contains(mediaType) || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+xml"))
        {
            acceptable = true
            rfc3023 = firstNonEmpty(httpEncoding, xmlEncoding, "utf-8")
        } else if textTypes.contains(mediaType) || (mediaType.hasPrefix("text/") && mediaType.hasSuffix("+xml")) {
            acceptable = true
            rfc3023 = firstNonEmpty(httpEncoding, "us-ascii")
        } else if mediaType.hasPrefix("text/") {
            rfc3023 = firstNonEmpty(httpEncoding, "us-ascii")
        } else if let headers, !headers.isEmpty, contentTypeHeader == nil {
            rfc3023 = firstNonEmpty(xmlEncoding, "iso-8859-1")
        } else {
            rfc3023 = firstNonEmpty(xmlEncoding, "utf-8")
        }
        // Feeds and JSON served as application/json are fine too.
        if mediaType == "application/json" || mediaType == "application/feed+json" || mediaType.hasSuffix("+json") {
            acceptable = true
        }
        if rfc3023.lowercased() == "gb2312" { rfc3023 = "gb18030" }
        if xmlEncoding == "gb2312" { xmlEncoding = "gb18030" }

        var problem: String?
        if let headers, !headers.isEmpty, !acceptable {
            problem =
                contentTypeHeader.map { "\($0) is not an XML media type" } ?? "no Content-type specified"
        }
        var tried: [String] = []
        let candidates: [() -> String] = [
            { rfc3023 }, { xmlEncoding }, { bomEncoding }, { detected(data) }, { "utf-8" }, { "windows-1252" },
            { "iso-8859-2" },
        ]
        for candidate in candidates {
            let proposed = candidate()
            guard !proposed.isEmpty, !tried.contains(proposed) else { continue }
            tried.append(proposed)
            guard let utf8 = convert(data, from: proposed) else { continue }
            if proposed != rfc3023 {
                problem = "document declared as \(rfc3023), but parsed as \(proposed)"
            }
            return Decoded(utf8: replacingDeclaration(utf8), encoding: proposed, problem: problem)
        }
        return Decoded(
            utf8: Array(data), encoding: "",
            problem: "document encoding unknown: \(rfc3023), \(xmlEncoding), utf-8 and windows-1252 all failed")
    }

    /// "text/xml; charset=utf-8" → ("text/xml", "utf-8").
    static func parseContentType(_ line: String) -> (String, String) {
        let chunks = line.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = chunks.first else { return ("", "") }
        var charset = ""
        for chunk in chunks.dropFirst() {
            guard let equals = chunk.firstIndex(of: "=") else { continue }
            if chunk[..<equals].trimmingCharacters(in: " \t").lowercased() == "charset" {
                charset = chunk[chunk.index(after: equals)...].trimmingCharacters(in: " \t").trimmingCharacters(
                    in: "\"'")
            }
        }
        return (first.trimmingCharacters(in: " \t").lowercased(), charset)
    }

    private static func firstNonEmpty(_ values: String...) -> String {
        values.first(where: { !$0.isEmpty }) ?? ""
    }

    /// The `encoding` of an `<?xml … ?>` declaration at the very start.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?".utf8)), let end = bytes.firstIndex(of: UInt8(ascii: ">")) else {
            return nil
        }
        let declaration = String(decoding: bytes[..<end], as: UTF8.self)
        guard let range = declaration.firstMatch(of: "encoding=") else { return nil }
        let rest = declaration[range.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix(while: { $0 != quote })
        return value.count < rest.count - 1 ? String(value) : nil
    }

    /// Iconv's name for a label Python and feeds use.
    private static func iconvName(_ label: String) -> String {
        switch label.lowercased() {
        case "u16", "utf16", "utf_16", "utf-16": return "UTF-16"
        case "u32", "utf32", "utf_32", "utf-32": return "UTF-32"
        case "iso-10646-ucs-2", "csunicode", "ucs-2": return "UCS-2"
        case "iso-10646-ucs-4", "csucs4", "ucs-4": return "UCS-4"
        case "utf_8", "utf8", "u8": return "UTF-8"
        default: return label
        }
    }

    /// The bytes in UTF-8, or nil if they are not valid in `label`.
    static func convert(_ bytes: ArraySlice<UInt8>, from label: String) -> [UInt8]? {
        let name = iconvName(label)
        if name.uppercased() == "UTF-8" {
            return String(validating: bytes, as: UTF8.self) != nil ? Array(bytes) : nil
        }
        if name.lowercased() == "us-ascii" || name.lowercased() == "ascii" {
            return bytes.allSatisfy({ $0 < 0x80 }) ? Array(bytes) : nil
        }
        guard let result = Transcoder.toUTF8(bytes, from: name, maxErrors: 1), result.errors == 0 else { return nil }
        return result.utf8
    }

    /// A guess for bytes that are not UTF-8, named the way the chardet library names charsets.
    private static func detected(_ data: ArraySlice<UInt8>) -> String {
        guard String(validating: data, as: UTF8.self) == nil else { return "" }
        let names = [
            "BIG5-HKSCS": "Big5", "EUC-JP": "EUC-JP", "CP949": "EUC-KR", "KOI8-R": "KOI8-R", "CP932": "SHIFT_JIS",
            "GB18030": "GB2312", "WINDOWS-1251": "windows-1251", "WINDOWS-1252": "", "ISO-8859-2": "ISO-8859-2",
        ]
        let charset = CharsetDetector.detect(Array(data))
        return names[charset] ?? charset
    }

    /// The document with its XML declaration saying UTF-8, which it now is.
    private static func replacingDeclaration(_ utf8: [UInt8]) -> [UInt8] {
        let declaration = Array("<?xml version='1.0' encoding='utf-8'?>".utf8)
        if utf8.starts(with: Array("<?xml".utf8)), let end = utf8.firstIndex(of: UInt8(ascii: ">")) {
            return declaration + utf8[(end + 1)...]
        }
        return utf8
    }
}
