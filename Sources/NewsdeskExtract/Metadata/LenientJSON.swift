/// A small JSON reader for the JSON-LD in pages: it builds plain Swift values
/// (`[String: Any]`, `[Any]`, `String`, `Double`, `Bool`, `nil`) straight from
/// the UTF-8 bytes, several times faster than `JSONSerialization` here, and it
/// forgives what pages break: raw line breaks inside strings, trailing commas.
struct LenientJSON {
    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The value in `text`, or nil when it is not JSON.
    static func parse(_ text: String) -> Any? {
        var reader = LenientJSON(Array(text.utf8))
        reader.skipSpace()
        guard let value = reader.value() else { return nil }
        reader.skipSpace()
        return reader.position == reader.bytes.count ? value : nil
    }

    private mutating func skipSpace() {
        while position < bytes.count,
            bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D
                || bytes[position] == 0x09
        {
            position += 1
        }
    }

    private mutating func value() -> Any? {
        guard position < bytes.count, depth < 64 else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return literal("true", true)
        case UInt8(ascii: "f"): return literal("false", false)
        case UInt8(ascii: "n"): return literal("null", Optional<Any>.none as Any)
        default: return number()
        }
    }

    private mutating func object() -> [String: Any]? {
        position += 1
        depth += 1
        defer { depth -= 1 }
        var result: [String: Any] = [:]
        while true {
            skipSpace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return result
            }
            guard let key = string() else { return nil }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
            position += 1
            skipSpace()
            guard let member = value() else { return nil }
            if result[key] == nil { result[key] = member }
            skipSpace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] != UInt8(ascii: "}") {
                return nil
            }
        }
    }

    private mutating func array() -> [Any]? {
        position += 1
        depth += 1
        defer { depth -= 1 }
        var result: [Any] = []
        while true {
            skipSpace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return result
            }
            guard let element = value() else { return nil }
            result.append(element)
            skipSpace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] != UInt8(ascii: "]") {
                return nil
            }
        }
    }

    private mutating func string() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            position += 1
        }
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
        }
        var result = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: result, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return nil }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "b"), UInt8(ascii: "f"): result.append(0x20)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    // A surrogate pair makes one scalar; a high surrogate without its low half is
                    // U+FFFD, and the escape after it is read on its own.
                    if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                        bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                    {
                        let next = position
                        position += 2
                        if let low = hex4(), (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = next
                        }
                    }
                    result.append(
                        contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
                default: result.append(escaped)
                }
            default:
                result.append(byte)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            position += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func number() -> Any? {
        let start = position
        while position < bytes.count,
            (bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9"))
                || bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+")
                || bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: "e")
                || bytes[position] == UInt8(ascii: "E")
        {
            position += 1
        }
        guard position > start else { return nil }
        return Double(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private mutating func literal(_ word: StaticString, _ value: Any) -> Any? {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count else { return nil }
        let matches = word.withUTF8Buffer { expected in
            (0..<length).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        guard matches else { return nil }
        position += length
        return value
    }
}
