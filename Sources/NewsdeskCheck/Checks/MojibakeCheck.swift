import NewsdeskCore

/// Text decoded with the wrong character set: "â€™" for "’", "Ã©" for "é",
/// and characters that could not be decoded at all.
enum MojibakeCheck {
    /// UTF-8 lead bytes of the scalars that start every sequence below (Ã Â â ï and U+FFFD).
    private static func mayHoldMojibake(_ bytes: [UInt8]) -> Bool {
        for index in 0..<max(0, bytes.count - 1) {
            let byte = bytes[index]
            if byte == 0xC3, [0x82, 0x83, 0xA2, 0xAF].contains(bytes[index + 1]) { return true }
            if byte == 0xEF, bytes[index + 1] == 0xBF { return true }
        }
        return false
    }

    static func run(_ text: CheckedText) -> [Finding] {
        guard mayHoldMojibake(text.bytes) else { return [] }
        var findings: [Finding] = []
        let scalars = Array(String(decoding: text.bytes, as: UTF8.self).unicodeScalars)
        func string(_ start: Int, _ end: Int) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
        // One finding per garbled sequence, at its first place: a page decoded with the wrong
        // character set garbles the same few characters all through.
        var places: [String: Int] = [:]  // sequence → its finding
        var counts: [Int] = []
        var index = 0
        while index < scalars.count {
            var end = index
            while end < scalars.count, let length = mojibakeLength(scalars, at: end) { end += length }
            if end > index {
                // Widen to the whole word for a readable excerpt.
                var start = index
                while start > 0, scalars[start - 1].properties.isAlphabetic { start -= 1 }
                var stop = end
                while stop < scalars.count, scalars[stop].properties.isAlphabetic { stop += 1 }
                let sequence = string(index, end)
                if let place = places[sequence] {
                    counts[place] += 1
                } else {
                    places[sequence] = findings.count
                    counts.append(1)
                    findings.append(
                        Finding(
                            kind: .mojibake, start: start, end: stop, excerpt: string(start, stop),
                            message: "“\(sequence)” is text decoded with the wrong character set."))
                }
                index = stop
            } else {
                index += 1
            }
        }
        for (place, count) in counts.enumerated() where count > 1 {
            findings[place].message =
                findings[place].message.dropLast() + ", here and \(count - 1) more \(count == 2 ? "time" : "times")."
        }
        return findings
    }

    /// The length of a mojibake sequence starting at `index`, if one does.
    private static func mojibakeLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        let first = scalars[index].value
        if first == 0xFFFD { return 1 }
        guard index + 1 < scalars.count else { return nil }
        let second = scalars[index + 1].value
        switch first {
        case 0xC3:  // Ã + a second UTF-8 byte read as Latin-1 or windows-1252
            return (0x80...0xBF).contains(second)
                || [
                    0x2018, 0x2019, 0x201C, 0x201D, 0x2020, 0x2122, 0x0161, 0x0153, 0x0178, 0x017E, 0x20AC, 0x201E,
                    0x2026,
                ].contains(second) ? 2 : nil
        case 0xC2:  // Â + a Latin-1 symbol
            return (0xA0...0xBF).contains(second) ? 2 : nil
        case 0xE2:
            guard index + 2 < scalars.count else { return nil }
            // â€ + …: the windows-1252 reading of U+20xx punctuation;
            // â + two C1 controls: the Latin-1 reading of any U+2xxx character ("â\u{80}\u{93}" for "–").
            if second == 0x20AC { return 3 }
            return (0x80...0x9F).contains(second) && (0x80...0xBF).contains(scalars[index + 2].value) ? 3 : nil
        case 0xEF:  // ï»¿: a byte-order mark read as text
            return second == 0xBB && index + 2 < scalars.count && scalars[index + 2].value == 0xBF ? 3 : nil
        default:
            return nil
        }
    }
}
