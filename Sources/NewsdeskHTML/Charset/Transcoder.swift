#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Converts bytes in a named character set to UTF-8 with the system's iconv.
package enum Transcoder {
    package struct Result {
        package var utf8: [UInt8]
        /// Byte sequences that had no meaning in the source charset.
        package var errors: Int
    }

    /// Converts `bytes` from `charset` to UTF-8. Invalid sequences become
    /// U+FFFD; conversion stops counting once `maxErrors` is passed, so a
    /// detector can give up on a hopeless candidate early.
    package static func toUTF8(_ bytes: ArraySlice<UInt8>, from charset: String, maxErrors: Int = .max) -> Result? {
        let converter = iconv_open("UTF-8", charset)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }

        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var errors = 0
        var written = 0
        var input = Array(bytes)
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    if status != -1 { break }
                    let code = errno
                    if code == E2BIG { break }  // cannot happen: the buffer is three times the input
                    // EILSEQ or EINVAL (a truncated sequence at the end): emit U+FFFD, skip a byte.
                    errors += 1
                    if errors > maxErrors { break }
                    guard outLeft >= 3 else { break }
                    for byte: UInt8 in [0xEF, 0xBF, 0xBD] {
                        outPointer!.pointee = CChar(bitPattern: byte)
                        outPointer! += 1
                    }
                    outLeft -= 3
                    inPointer! += 1
                    inLeft -= 1
                    _ = iconv(converter, nil, nil, nil, nil)
                }
                written = outBuffer.count - outLeft
            }
        }
        output.removeSubrange(written...)
        return Result(utf8: output, errors: errors)
    }
}
