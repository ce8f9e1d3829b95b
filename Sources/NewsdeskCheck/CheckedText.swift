import NewsdeskCore

/// A text prepared for the checks: its UTF-8 bytes, its tokens (positions in
/// bytes), its paragraphs and lines. Findings report positions in Unicode
/// scalars, converted only for the few findings there are.
struct CheckedText {
    let bytes: [UInt8]
    /// The bytes with ASCII letters in lower case, for the checks' quick tests.
    let lowerBytes: LowercasedBytes
    let tokens: [Token]
    /// Paragraphs as ranges of token indices, split at blank lines.
    let paragraphs: [Range<Int>]
    /// Lines as ranges of token indices.
    let lines: [Range<Int>]
    /// Scalars before every `checkpointStride`-th byte, so converting an offset costs at most one stride.
    private let checkpoints: [Int]
    private static let checkpointStride = 4096

    struct Token: Equatable {
        /// Lower case, with a byte-level path for ASCII words (most of them).
        static func lowercase(_ text: String) -> String {
            var hasUpper = false
            for byte in text.utf8 {
                if byte >= 0x80 { return text.lowercased() }
                if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
            }
            guard hasUpper else { return text }
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }

        enum Kind: Equatable { case word, number, punctuation, space }
        var kind: Kind
        /// Byte offsets.
        var start: Int
        var end: Int
        var text: String
        /// For spaces: how many line breaks they hold.
        var newlines = 0

        /// The text in lower case.
        var lower: String { kind == .word ? Self.lowercase(text) : text }

        init(kind: Kind, start: Int, end: Int, text: String, newlines: Int = 0) {
            self.kind = kind
            self.start = start
            self.end = end
            self.text = text
            self.newlines = newlines
        }
    }

    init(_ text: String) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        lowerBytes = LowercasedBytes(bytes)
        var checkpoints = [0]
        var scalarsSoFar = 0
        for (offset, byte) in bytes.enumerated() {
            if offset > 0 && offset % Self.checkpointStride == 0 { checkpoints.append(scalarsSoFar) }
            if byte & 0xC0 != 0x80 { scalarsSoFar += 1 }
        }
        self.checkpoints = checkpoints
        var tokenList: [Token] = []
        tokenList.reserveCapacity(bytes.count / 3)
        let count = bytes.count
        var index = 0
        // The scalar at `index` and its length in bytes.
        func scalar(at index: Int) -> (Unicode.Scalar, Int) {
            let lead = bytes[index]
            if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard index + length <= count else { return (Unicode.Scalar(0xFFFD)!, 1) }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            return (Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!, length)
        }
        func isLetter(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0..<0x80: return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A
            case 0xC0...0x24F: return s.value != 0xD7 && s.value != 0xF7  // Latin letters
            case 0x80..<0xC0, 0x2000...0x206F, 0x20A0...0x20CF: return false  // Latin-1 symbols, punctuation, currency
            default: return s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark
            }
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0..<0x80: return s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)
            case 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
            default: return false
            }
        }
        func string(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }
        while index < count {
            let (first, firstLength) = scalar(at: index)
            let start = index
            if isSpace(first) {
                var newlines = 0
                while index < count {
                    let (next, length) = scalar(at: index)
                    guard isSpace(next) else { break }
                    if next == "\n" { newlines += 1 }
                    index += length
                }
                tokenList.append(Token(kind: .space, start: start, end: index, text: " ", newlines: newlines))
            } else if isDigit(bytes[index]) {
                // Digits with inner separators: 1,000 / 3.7 / 1.000.000 ("1 000" is two tokens).
                while index < count {
                    if isDigit(bytes[index]) {
                        index += 1
                    } else if bytes[index] == 0x2C || bytes[index] == 0x2E, index + 1 < count, isDigit(bytes[index + 1])
                    {
                        index += 1
                    } else {
                        break
                    }
                }
                tokenList.append(Token(kind: .number, start: start, end: index, text: string(start, index)))
            } else if isLetter(first) {
                index += firstLength
                while index < count {
                    let (next, length) = scalar(at: index)
                    if isLetter(next) || isDigit(bytes[index]) {
                        index += length
                    } else if next == "'" || next == "’" || next == "-", index + length < count,
                        isLetter(scalar(at: index + length).0)
                    {
                        index += length
                    } else {
                        break
                    }
                }
                tokenList.append(Token(kind: .word, start: start, end: index, text: string(start, index)))
            } else {
                index += firstLength
                tokenList.append(Token(kind: .punctuation, start: start, end: index, text: string(start, index)))
            }
        }
        let tokens = tokenList
        self.tokens = tokens
        var paragraphs: [Range<Int>] = []
        var lines: [Range<Int>] = []
        var paragraphStart = 0
        var lineStart = 0
        for (position, token) in tokens.enumerated() where token.kind == .space && token.newlines > 0 {
            if position > lineStart { lines.append(lineStart..<position) }
            lineStart = position + 1
            if token.newlines >= 2 {
                if position > paragraphStart { paragraphs.append(paragraphStart..<position) }
                paragraphStart = position + 1
            }
        }
        if tokens.count > lineStart { lines.append(lineStart..<tokens.count) }
        if tokens.count > paragraphStart { paragraphs.append(paragraphStart..<tokens.count) }
        self.paragraphs = paragraphs.map { Self.trim($0, tokens) }.filter { !$0.isEmpty }
        self.lines = lines.map { Self.trim($0, tokens) }.filter { !$0.isEmpty }
    }

    private static func trim(_ range: Range<Int>, _ tokens: [Token]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, tokens[lower].kind == .space { lower += 1 }
        while upper > lower, tokens[upper - 1].kind == .space { upper -= 1 }
        return lower..<upper
    }

    /// Whether the text holds any of the phrases (lower case), as a quick
    /// test before a check looks at tokens.
    func mentions(_ phrases: [StaticString]) -> Bool {
        phrases.contains { lowerBytes.contains($0) }
    }

    /// The text between two byte offsets.
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The scalar offset of a byte offset: the bytes before it that start a scalar.
    func scalarOffset(_ byte: Int) -> Int {
        let checkpoint = byte / Self.checkpointStride
        let from = checkpoint * Self.checkpointStride
        return checkpoints[checkpoint] + bytes[from..<byte].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// A finding spanning tokens `first...last`.
    func finding(_ kind: Finding.Kind, tokens first: Int, _ last: Int, _ message: String) -> Finding {
        let start = tokens[first].start
        let end = tokens[last].end
        let scalarStart = scalarOffset(start)
        let scalarEnd = scalarStart + bytes[start..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return Finding(kind: kind, start: scalarStart, end: scalarEnd, excerpt: text(start, end), message: message)
    }

    /// The next non-space token after `index`, if any.
    func next(after index: Int, within range: Range<Int>? = nil) -> Int? {
        var position = index + 1
        let limit = range?.upperBound ?? tokens.count
        while position < limit {
            if tokens[position].kind != .space { return position }
            position += 1
        }
        return nil
    }

    /// The previous non-space token before `index`, if any.
    func previous(before index: Int, within range: Range<Int>? = nil) -> Int? {
        var position = index - 1
        let limit = range?.lowerBound ?? 0
        while position >= limit {
            if tokens[position].kind != .space { return position }
            position -= 1
        }
        return nil
    }

    /// The value of a number token written the English way (1,000 or 3.5); nil for other shapes.
    func value(_ index: Int) -> Double? {
        let text = tokens[index].text
        if text.contains(",") {
            // 1,000,000: groups of three after the first.
            let groups = text.split(separator: ",")
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            return Double(groups.joined())
        }
        return Double(text)
    }
}
