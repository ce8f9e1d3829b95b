import Foundation
import NewsdeskCore

/// Loads test fixtures from this target's Resources folder.
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.bundleURL.appendingPathComponent("Resources").appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }
}

/// Pages of the shared extraction benchmarks (`../shared/bench/aeb` and `../shared/bench/wcxb`), read in place.
enum SharedPages {
    static let benchmarks = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/bench")
    static let directory = benchmarks.appendingPathComponent("aeb/html")

    /// The WCXB page with this id ("0044"), decompressed.
    static func wcxb(_ id: String) throws -> [UInt8] {
        try NewsdeskCore.InputReader().read(benchmarks.appendingPathComponent("wcxb/html/\(id).html.gz").path)
    }

    /// The page whose file name starts with `prefix`, decompressed.
    static func page(_ prefix: String) throws -> [UInt8] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        guard let name = names.first(where: { $0.hasPrefix(prefix) }) else { throw CocoaError(.fileNoSuchFile) }
        return try NewsdeskCore.InputReader().read(directory.appendingPathComponent(name).path)
    }
}
