/// Turns the bytes of a page into UTF-8, deciding the character set from, in
/// order: a byte-order mark, a charset given by the transport (HTTP), the
/// page's own declaration, and finally detection. Declarations are checked
/// against the bytes, because pages often declare the wrong one.
public enum PageDecoder {
    public struct Decoded: Sendable {
        public var utf8: [UInt8]
        /// The charset the bytes were read as.
        public var charset: String
    }

    public static func decode(_ bytes: [UInt8], transportCharset: String? = nil) -> Decoded {
        if let mark = CharsetSniffer.byteOrderMark(bytes) {
            let body = bytes[mark.length...]
            if mark == .utf8 { return Decoded(utf8: Array(body), charset: "UTF-8") }
            if let result = Transcoder.toUTF8(body, from: mark.charset) {
                return Decoded(utf8: result.utf8, charset: mark.charset)
            }
        }
        let declared =
            (transportCharset.flatMap(Charset.resolve))
            ?? CharsetSniffer.declaredCharset(bytes).flatMap(Charset.resolve)
        let scan = UTF8Scan(bytes[...])
        let charset: String
        switch declared {
        case let name? where Charset.isUTF8(name):
            // Mostly UTF-8 with a few broken bytes stays UTF-8; none at all was a wrong declaration.
            charset = scan.invalid == 0 || scan.multibyte >= scan.invalid * 2 ? "UTF-8" : CharsetDetector.detect(bytes)
        case let name? where name.hasPrefix("UTF-16"):
            // A UTF-16 declaration inside bytes readable as ASCII is always wrong.
            charset = scan.isValid ? "UTF-8" : CharsetDetector.detect(bytes)
        case let name?:
            // Valid UTF-8 with multi-byte sequences is almost never another charset.
            charset = scan.isValid && scan.multibyte > 0 ? "UTF-8" : name
        case nil:
            charset = scan.isValid || scan.multibyte >= scan.invalid * 2 ? "UTF-8" : CharsetDetector.detect(bytes)
        }
        if charset == "UTF-8" {
            // Broken bytes become U+FFFD here, so the parser never sees invalid UTF-8.
            let repaired = scan.isValid ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
            return Decoded(utf8: repaired, charset: charset)
        }
        guard let result = Transcoder.toUTF8(bytes[...], from: charset) else {
            return Decoded(utf8: bytes, charset: "UTF-8")
        }
        return Decoded(utf8: result.utf8, charset: charset)
    }
}
