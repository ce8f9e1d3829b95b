/// Writes JSON objects with keys in the order given, for stable, readable
/// output (`JSONEncoder` neither keeps field order nor streams).
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma: [Bool] = []
    private let pretty: Bool

    public init(pretty: Bool = false) {
        self.pretty = pretty
    }

    public mutating func beginObject() {
        output += "{"
        needsComma.append(false)
    }

    public mutating func endObject() {
        let hadMembers = needsComma.popLast() ?? false
        if pretty && hadMembers { output += "\n" + String(repeating: "  ", count: needsComma.count) }
        output += "}"
    }

    private mutating func key(_ name: String) {
        if needsComma.last == true { output += "," }
        if pretty { output += "\n" + String(repeating: "  ", count: needsComma.count) }
        needsComma[needsComma.count - 1] = true
        output += Self.quote(name) + (pretty ? ": " : ":")
    }

    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        output += Self.quote(value)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        output += String(value)
    }

    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        output += "[" + values.map(Self.quote).joined(separator: pretty ? ", " : ",") + "]"
    }

    /// A member whose value the caller writes with the writer's other calls.
    public mutating func objectField(_ name: String, _ write: (inout JSONWriter) -> Void) {
        key(name)
        write(&self)
    }

    /// A member whose value is already JSON.
    public mutating func rawField(_ name: String, _ json: String) {
        key(name)
        output += json
    }

    public mutating func raw(_ json: String) {
        output += json
    }

    public static func quote(_ string: String) -> String {
        var result = "\""
        result.reserveCapacity(string.utf8.count + 2)
        var utf8 = string.utf8[...]
        // Copy runs that need no escaping whole; escape the rest byte by byte.
        while !utf8.isEmpty {
            let plain = utf8.prefix(while: { !needsEscape($0) })
            if !plain.isEmpty {
                result += Substring(plain)
                utf8 = utf8[plain.endIndex...]
                continue
            }
            let byte = utf8.first!
            switch byte {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            default:
                let hex = String(byte, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            utf8 = utf8.dropFirst()
        }
        return result + "\""
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }
}
