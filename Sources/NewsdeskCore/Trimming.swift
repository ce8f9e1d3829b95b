extension StringProtocol {
    /// The string without leading and trailing whitespace (Unicode's, as Python's `str.strip()`).
    package func trimmingSpaces() -> String {
        let text = String(self)
        let utf8 = text.utf8
        guard let head = utf8.first, let tail = utf8.last else { return "" }
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        // ASCII at both ends, the common case, is trimmed on bytes; other ends need Unicode's whitespace table.
        if head < 0x80 && tail < 0x80 {
            guard isASCIISpace(head) || isASCIISpace(tail) else { return text }
            guard let first = utf8.firstIndex(where: { !isASCIISpace($0) }) else { return "" }
            let last = utf8.lastIndex(where: { !isASCIISpace($0) })!
            if utf8[first] < 0x80 && utf8[last] < 0x80 { return String(text[first...last]) }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}

extension StringProtocol {
    /// The string without the given characters at either end: `"(+0100)".trimmingCharacters(in: "()")`.
    package func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !scalars.contains(first),
            !scalars.contains(last)
        {
            return String(self)
        }
        var view = Substring(self).unicodeScalars[...]
        while let first = view.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.last, scalars.contains(last) { view = view.dropLast() }
        return String(String.UnicodeScalarView(view))
    }
}
