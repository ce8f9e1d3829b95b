extension String {
    /// Words in the text: runs of letters and digits, where each Han, kana or
    /// Thai character counts as a word, since those scripts write no spaces.
    public var wordCount: Int {
        var count = 0
        var inWord = false
        for scalar in unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII fast path: letters and digits make words.
                let isWordByte = (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
                if isWordByte {
                    if !inWord { count += 1 }
                    inWord = true
                } else if value != 0x27 && value != 0x2D {
                    inWord = false
                }
                continue
            }
            let isIdeographic =
                (0x3040...0x30FF).contains(value) || (0x3400...0x9FFF).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0x0E00...0x0E7F).contains(value)
            if isIdeographic {
                count += 1
                inWord = false
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if !inWord { count += 1 }
                inWord = true
            } else if value != 0x27 && value != 0x2019 && value != 0x2D {
                inWord = false
            }
        }
        return count
    }
}
