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
            if mark == .utf8 { return Decoded(utf8: repaired(body), charset: "UTF-8") }
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
            // A scan forgives a sequence the end cuts short; a whole page may not end in one.
            let valid = scan.isValid && !endsInCutSequence(bytes)
            return Decoded(utf8: valid ? bytes : repaired(bytes[...]), charset: charset)
        }
        guard let result = Transcoder.toUTF8(bytes[...], from: charset) else {
            // A charset iconv does not have after all: read as UTF-8, repaired.
            return Decoded(utf8: repaired(bytes[...]), charset: "UTF-8")
        }
        return Decoded(utf8: result.utf8, charset: charset)
    }

    /// The bytes as UTF-8, each broken sequence a U+FFFD.
    static func repaired(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// Whether the end of `bytes` is not valid UTF-8: a scan forgives a sequence the end cuts short
    /// ("café" cut after 0xC3, or 0xF0 before "p>"), so the last few bytes are read again on their own.
    static func endsInCutSequence(_ bytes: [UInt8]) -> Bool {
        var start = max(0, bytes.count - 4)
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(validating: bytes[start...], as: UTF8.self) == nil
    }
}
