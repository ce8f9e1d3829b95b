import Foundation

/// Test fixtures: this target's Resources, and the shared seed page read in place.
enum Fixtures {
    static func text(_ name: String) throws -> String {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources").appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// `../shared/seed/000_3624e5ef41cb84d9.txt`: a real page as an aggregator republished it.
    static func seed() throws -> String {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/seed/000_3624e5ef41cb84d9.txt")
        return try String(contentsOf: url, encoding: .utf8)
    }
}
