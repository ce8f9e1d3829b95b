extension StringProtocol {
    /// The string with runs of whitespace (including no-break and zero-width
    /// spaces) replaced by one space, and trimmed.
    package func collapsingWhitespace() -> String {
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
