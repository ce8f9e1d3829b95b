extension StringProtocol {
    /// The string with runs of whitespace (including no-break and zero-width
    /// spaces) replaced by one space, and trimmed.
    package func collapsingWhitespace() -> String {
        if isCollapsed { return String(self) }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isCollapsibleSpace {
                pendingSpace = !result.isEmpty
            } else if scalar.isInvisibleFormat {
                continue
            } else {
                if pendingSpace {
                    result.append(" ")
                    pendingSpace = false
                }
                result.append(scalar)
            }
        }
        return String(result)
    }
}

extension StringProtocol {
    /// Whether the text is already collapsed: no leading, trailing or doubled
    /// spaces and no other whitespace (a byte scan, for the common case).
    fileprivate var isCollapsed: Bool {
        var previousSpace = true  // a leading space is not collapsed
        for byte in utf8 {
            switch byte {
            case 0x20:
                if previousSpace { return false }
                previousSpace = true
            case 0x09, 0x0A, 0x0C, 0x0D, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF:
                return false  // ASCII whitespace, or a lead byte of a Unicode space or format character
            default:
                previousSpace = false
            }
        }
        return !previousSpace || utf8.isEmpty
    }
}

extension Unicode.Scalar {
    /// Whitespace that renders as (at most) one space.
    package var isCollapsibleSpace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Zero-width characters that carry no text.
    package var isInvisibleFormat: Bool {
        switch value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD:
            return true
        default:
            return false
        }
    }
}
