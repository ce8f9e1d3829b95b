import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a document from a file or standard input, decompressing gzip and
/// refusing what cannot be a text document, with a size ceiling.
public struct InputReader: Sendable {
    /// The largest document accepted, in bytes, after decompression.
    public var sizeLimit: Int

    public static let defaultSizeLimit = 20_000_000

    public init(sizeLimit: Int = InputReader.defaultSizeLimit) {
        self.sizeLimit = sizeLimit
    }

    /// Reads `path`, or standard input when it is `-`.
    public func read(_ path: String) throws -> [UInt8] {
        let raw = path == "-" ? try readStandardInput() : try readFile(path)
        let bytes = Gzip.isGzip(raw) ? try Gzip.decompress(raw, limit: sizeLimit) : raw
        try Self.checkLooksLikeText(bytes)
        return bytes
    }

    private func readFile(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw NewsdeskError(.notFound, "no such file")
        }
        if isDirectory.boolValue {
            throw NewsdeskError(.isDirectory, "is a directory, not a page")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw NewsdeskError(.unreadable, "cannot open the file for reading (errno \(errno))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw NewsdeskError(.unreadable, "cannot read the file's size")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            // A pipe or device has no size to trust: stream it.
            return try readAll(from: FileHandle(fileDescriptor: descriptor, closeOnDealloc: false))
        }
        let size = Int(status.st_size)
        // A compressed file may be small on disk and large inflated; that is checked when it is inflated.
        if size > sizeLimit {
            var magic = [UInt8](repeating: 0, count: 2)
            let got = Glibc.read(descriptor, &magic, 2)
            if got != 2 || !Gzip.isGzip(magic) {
                throw NewsdeskError(
                    .tooLarge,
                    "the input is larger than the \(Gzip.describe(bytes: sizeLimit)) limit (see --max-size)")
            }
            lseek(descriptor, 0, SEEK_SET)
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw NewsdeskError(.unreadable, "cannot read the file (errno \(errno))")
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    private func readStandardInput() throws -> [UInt8] {
        try readAll(from: FileHandle.standardInput)
    }

    /// Reads at most `sizeLimit + 1` bytes so an oversized input fails fast
    /// without being held in memory.
    private func readAll(from handle: FileHandle) throws -> [UInt8] {
        var bytes = [UInt8]()
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: 1 << 20)
            } catch {
                throw NewsdeskError(.unreadable, "cannot read the input: \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else { break }
            bytes.append(contentsOf: data)
            if bytes.count > sizeLimit {
                // Compressed input is allowed through here and limited when inflated.
                if !Gzip.isGzip(bytes) {
                    throw NewsdeskError(
                        .tooLarge,
                        "the input is larger than the \(Gzip.describe(bytes: sizeLimit)) limit (see --max-size)")
                }
            }
        }
        return bytes
    }

    /// Refuses empty input and input that is evidently binary: known image and
    /// archive signatures, or NUL bytes in the first kilobytes (UTF-16 text,
    /// which has a byte-order mark, is allowed).
    public static func checkLooksLikeText(_ bytes: [UInt8]) throws {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw NewsdeskError(.empty, "the input is empty")
        }
        if let kind = binarySignature(bytes) {
            throw NewsdeskError(.binary, "the input is a \(kind), not a web page")
        }
        let hasUTF16Mark =
            bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        if !hasUTF16Mark && bytes.prefix(8192).contains(0) {
            throw NewsdeskError(.binary, "the input is binary data, not a web page")
        }
    }

    private static func binarySignature(_ bytes: [UInt8]) -> String? {
        func starts(_ signature: [UInt8]) -> Bool {
            bytes.count >= signature.count && bytes[0..<signature.count].elementsEqual(signature)
        }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "PNG image" }
        if starts([0xFF, 0xD8, 0xFF]) { return "JPEG image" }
        if starts(Array("GIF8".utf8)) { return "GIF image" }
        if starts(Array("%PDF".utf8)) { return "PDF document" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "ZIP archive" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "executable" }
        if starts(Array("RIFF".utf8)) && bytes.count >= 12 && bytes[8..<12].elementsEqual(Array("WEBP".utf8)) {
            return "WebP image"
        }
        return nil
    }
}

/// Reads a file or standard input one line at a time, for inputs too large to hold (a year of articles as
/// JSON Lines, say).
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let closes: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// Opens `path`, or standard input when it is `-`.
    public init(_ path: String) throws {
        if path == "-" {
            guard let standardInput = fdopen(0, "r") else {
                throw NewsdeskError(.unreadable, "cannot read standard input")
            }
            file = standardInput
            closes = false
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw NewsdeskError(.notFound, "no such file")
            }
            guard !isDirectory.boolValue else { throw NewsdeskError(.isDirectory, "is a directory, not a file") }
            guard let opened = fopen(path, "r") else {
                throw NewsdeskError(.unreadable, "cannot open the file for reading (errno \(errno))")
            }
            file = opened
            closes = true
        }
    }

    deinit {
        free(buffer)
        if closes { fclose(file) }
    }

    /// The next line without its line break, or nil at the end.
    public func next() -> [UInt8]? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        var count = length
        if count > 0 && buffer[count - 1] == 0x0A { count -= 1 }
        if count > 0 && buffer[count - 1] == 0x0D { count -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
}
