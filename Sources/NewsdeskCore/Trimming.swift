extension StringProtocol {
    /// The string without leading and trailing whitespace (Unicode's, as Python's `str.strip()`).
    package func trimmingSpaces() -> String {
        let text = String(self)
        // ASCII letters, digits and punctuation at both ends: nothing to trim.
        if let head = text.utf8.first, let tail = text.utf8.last, head > 0x20, head < 0x7F, tail > 0x20, tail < 0x7F {
            return text
        }
        let scalars = text.unicodeScalars
        guard let firstScalar = scalars.first else { return "" }
        // Most strings have nothing to trim: answer those without walking them.
        if !firstScalar.properties.isWhitespace, let lastScalar = scalars.last, !lastScalar.properties.isWhitespace {
            return text
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
