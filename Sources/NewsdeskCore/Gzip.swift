import CZlib

/// Gzip (and zlib) decompression with a ceiling on the decompressed size, so
/// that a small compressed bomb cannot exhaust memory.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses a gzip or zlib stream (concatenated gzip members included).
    /// - Throws: `NewsdeskError` `.corruptCompression` for damaged or truncated
    ///   input, `.tooLarge` when the output would pass `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 32: detect gzip or zlib headers automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw NewsdeskError(.corruptCompression, "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8]()
        output.reserveCapacity(min(limit, max(input.count * 4, 64 * 1024)))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        try input.withUnsafeBufferPointer { inBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            // zlib counts its input in 32 bits: an input of 4 GiB or more is given a piece at a time.
            var unread = inBuffer.count
            func refill() {
                let piece = min(unread, Int(UInt32.max))
                stream.avail_in += UInt32(piece)
                unread -= piece
            }
            refill()
            while true {
                if stream.avail_in == 0 && unread > 0 { refill() }
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit {
                    throw NewsdeskError(
                        .tooLarge, "the decompressed input is larger than the \(Self.describe(bytes: limit)) limit")
                }
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow; anything else is trailing padding.
                    if stream.avail_in == 0 && unread > 0 { refill() }
                    let rest = Int(stream.avail_in)
                    guard rest >= 2, stream.next_in[0] == 0x1F, stream.next_in[1] == 0x8B else { return }
                    guard inflateReset(&stream) == Z_OK else { return }
                case Z_OK where produced == 0 && stream.avail_in == 0 && unread == 0,
                    Z_BUF_ERROR where stream.avail_in == 0 && unread == 0:
                    throw NewsdeskError(.corruptCompression, "the gzip data is truncated")
                case Z_OK,
                    Z_BUF_ERROR where unread > 0:
                    continue
                default:
                    throw NewsdeskError(.corruptCompression, "the gzip data is damaged")
                }
            }
        }
        return output
    }

    /// Compresses `input` as one gzip member, or as a zlib stream (HTTP's "deflate") when `zlib` is set.
    public static func compress(_ input: [UInt8], zlib: Bool = false) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits: a zlib header; + 16: a gzip header and trailer.
        guard
            deflateInit2_(
                &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, zlib ? 15 : 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        let written: Int = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                _ = deflate(&stream, Z_FINISH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<written])
    }

    /// A byte count for messages: "50 MB", "512 KB".
    public static func describe(bytes: Int) -> String {
        if bytes >= 1_000_000 && bytes % 1_000_000 == 0 { return "\(bytes / 1_000_000) MB" }
        if bytes >= 1_000_000 { return "\(Double(bytes / 100_000) / 10) MB" }
        if bytes >= 1_000 { return "\(bytes / 1_000) KB" }
        return "\(bytes) bytes"
    }
}
