/// What a UTF-8 validity scan of a byte buffer found.
struct UTF8Scan {
    /// Well-formed multi-byte sequences.
    var multibyte = 0
    /// Bytes that are not part of a well-formed sequence.
    var invalid = 0

    init(_ bytes: ArraySlice<UInt8>) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            // Skip ASCII eight bytes at a time.
            while index + 8 <= end {
                let word = bytes.withUnsafeBytes {
                    $0.loadUnaligned(fromByteOffset: index - bytes.startIndex, as: UInt64.self)
                }
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < end else { break }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: length = 0
            }
            guard length > 0, index + length <= end else {
                // A sequence cut by the end of a prefix scan is not an error.
                if length > 0 && index + length > end && end - index < length { break }
                invalid += 1
                index += 1
                continue
            }
            let second = bytes[index + 1]
            var valid = second >= lowerBound && second <= upperBound
            if valid && length > 2 {
                for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                    valid = false
                }
            }
            if valid {
                multibyte += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
    }

    var isValid: Bool { invalid == 0 }
}
