#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search over UTF-8 bytes, for the hot paths where Foundation's
/// `String.contains` (which goes through NSString) costs more than the rest
/// of the extraction.
package struct LowercasedBytes {
    package let bytes: [UInt8]

    /// Bytes with ASCII letters lower-cased.
    package init(_ source: ArraySlice<UInt8>) {
        bytes = source.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, initialized in
                for index in 0..<input.count {
                    let byte = input[index]
                    output[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                initialized = input.count
            }
        }
    }

    package init(_ source: [UInt8]) {
        self.init(source[...])
    }

    /// The UTF-8 bytes of `text` with ASCII letters lower-cased.
    package init<S: StringProtocol>(_ text: S) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        self.bytes = bytes
    }

    /// Whether the bytes contain `needle` (which should be lower case).
    package func contains(_ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { contains($0) }
    }

    package func contains(_ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { contains($0) }
    }

    private func contains(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        guard count > 0, bytes.count >= count, let needleBase = needle.baseAddress else { return count == 0 }
        // Anchor on the needle's last byte that is not a space: spaces are the
        // commonest byte in text, punctuation and most letters much rarer.
        var anchor = count - 1
        while anchor > 0 && needle[anchor] == 0x20 { anchor -= 1 }
        let anchorByte = Int32(needle[anchor])
        return bytes.withUnsafeBufferPointer { haystack in
            guard let base = haystack.baseAddress else { return false }
            var position = anchor
            let last = haystack.count - (count - anchor)
            while position <= last {
                guard let found = memchr(base + position, anchorByte, last - position + 1) else { return false }
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index - anchor, needleBase, count) == 0 { return true }
                position = index + 1
            }
            return false
        }
    }
}

extension StringProtocol {
    /// Whether the text contains `needle` (lower-case ASCII), ignoring ASCII
    /// case, without allocating.
    package func containsIgnoringASCIICase(_ needle: StaticString) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ Self.search($0, for: needle) }) {
            return found
        }
        return Array(utf8).withUnsafeBufferPointer { Self.search($0, for: needle) }
    }

    private static func search(_ haystack: UnsafeBufferPointer<UInt8>, for needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            let count = needle.count
            guard count > 0 else { return true }
            guard haystack.count >= count else { return false }
            let first = needle[0]
            for start in 0...(haystack.count - count) {
                let byte = haystack[start]
                guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == first else { continue }
                var offset = 1
                while offset < count {
                    let candidate = haystack[start + offset]
                    if (candidate >= 0x41 && candidate <= 0x5A ? candidate | 0x20 : candidate) != needle[offset] {
                        break
                    }
                    offset += 1
                }
                if offset == count { return true }
            }
            return false
        }
    }
}

extension StringProtocol {
    /// The first occurrence of `needle`, found over UTF-8 bytes (Foundation's
    /// `range(of:)` goes through NSString and costs far more). A valid UTF-8
    /// needle can only match on character boundaries, so the range is valid.
    package func firstMatch(of needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return nil }
        let offset: Int?? = utf8.withContiguousStorageIfAvailable { haystack in
            guard let base = haystack.baseAddress, haystack.count >= pattern.count else { return nil }
            var position = 0
            let last = haystack.count - pattern.count
            while position <= last {
                guard let found = memchr(base + position, Int32(pattern[0]), last - position + 1) else { return nil }
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, pattern, pattern.count) == 0 { return index }
                position = index + 1
            }
            return nil
        }
        if let offset {
            guard let offset else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            return start..<utf8.index(start, offsetBy: pattern.count)
        }
        // Not contiguous (a bridged string): search the view directly.
        let haystack = utf8
        var start = haystack.startIndex
        while let candidate = haystack[start...].firstIndex(of: pattern[0]) {
            var matchEnd = candidate
            var matched = true
            for byte in pattern {
                guard matchEnd != haystack.endIndex, haystack[matchEnd] == byte else {
                    matched = false
                    break
                }
                matchEnd = haystack.index(after: matchEnd)
            }
            if matched { return candidate..<matchEnd }
            start = haystack.index(after: candidate)
        }
        return nil
    }
}
