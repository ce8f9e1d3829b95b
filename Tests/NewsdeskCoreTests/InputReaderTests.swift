import Foundation
import Testing

@testable import NewsdeskCore

@Suite struct InputReaderTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func code(_ body: () throws -> Void) -> NewsdeskError.Code? {
        do {
            try body()
            return nil
        } catch let error as NewsdeskError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func readsPlainAndGzippedFiles() throws {
        let html = Array("<p>hello</p>".utf8)
        let plain = try write("a.html", html)
        let compressed = try write("a.html.gz", try gzip(html))
        #expect(try InputReader().read(plain) == html)
        #expect(try InputReader().read(compressed) == html)
    }

    @Test func refusesAnEmptyFile() throws {
        let path = try write("empty.html", [])
        #expect(code { _ = try InputReader().read(path) } == .empty)
    }

    @Test func refusesAPNG() throws {
        let path = try write("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        #expect(code { _ = try InputReader().read(path) } == .binary)
    }

    @Test func refusesTruncatedGzip() throws {
        let html = Array(String(repeating: "<p>some text that compresses</p>", count: 2000).utf8)
        let compressed = try gzip(html)
        let path = try write("cut.html.gz", Array(compressed.prefix(compressed.count / 2)))
        #expect(code { _ = try InputReader().read(path) } == .corruptCompression)
    }

    @Test func refusesAPageOverTheLimit() throws {
        let path = try write("big.html", [UInt8](repeating: UInt8(ascii: "a"), count: 2_000_001))
        #expect(code { _ = try InputReader(sizeLimit: 2_000_000).read(path) } == .tooLarge)
    }

    @Test func refusesAGzipBombOverTheLimit() throws {
        let compressed = try gzip([UInt8](repeating: UInt8(ascii: "a"), count: 3_000_000))
        let path = try write("bomb.html.gz", compressed)
        #expect(compressed.count < 100_000)
        #expect(code { _ = try InputReader(sizeLimit: 2_000_000).read(path) } == .tooLarge)
    }

    @Test func refusesMissingFilesAndDirectories() throws {
        #expect(code { _ = try InputReader().read(directory.appendingPathComponent("none.html").path) } == .notFound)
        #expect(code { _ = try InputReader().read(directory.path) } == .isDirectory)
    }

    @Test func acceptsInvalidUTF8() throws {
        let bytes: [UInt8] = Array("<p>caf".utf8) + [0xE9, 0xFF] + Array("</p>".utf8)
        let path = try write("latin.html", bytes)
        #expect(try InputReader().read(path) == bytes)
    }

    /// Compresses with the system's gzip, the way pages are stored.
    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = try write("gzip-input-\(UUID().uuidString)", bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", input]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
