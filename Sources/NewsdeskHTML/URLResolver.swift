import Foundation
import NewsdeskCore

/// Makes links absolute.
public enum URLResolver {
    /// `reference` resolved against `base`; nil for what is not a usable link
    /// (empty, a fragment alone, or a script or data URL).
    public static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = reference.utf8.contains(where: { $0 <= 0x20 }) ? reference.trimmingSpaces() : reference
        guard let first = trimmed.utf8.first, first != UInt8(ascii: "#") else { return nil }
        if hasScheme(trimmed) {
            if trimmed.containsIgnoringASCIICase("javascript:") || trimmed.containsIgnoringASCIICase("vbscript:")
                || trimmed.containsIgnoringASCIICase("data:")
            {
                let lower = trimmed.lowercased()
                if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("data:") {
                    return nil
                }
            }
            return trimmed
        }
        // The common relative forms are joined by hand; Foundation does the rest.
        if trimmed.hasPrefix("//") {
            let scheme = base.flatMap { $0.hasPrefix("http://") ? "http:" : nil } ?? "https:"
            return scheme + trimmed
        }
        guard let base, let origin = origin(of: base) else { return trimmed }
        if first == UInt8(ascii: "/") { return origin + trimmed }
        let escaped = trimmed.replacingOccurrences(of: " ", with: "%20")
        guard let baseURL = URL(string: base.replacingOccurrences(of: " ", with: "%20")) else { return trimmed }
        return URL(string: escaped, relativeTo: baseURL)?.absoluteString ?? trimmed
    }

    /// Whether the reference starts with a URL scheme ("https:", "mailto:").
    private static func hasScheme(_ reference: String) -> Bool {
        for (offset, byte) in reference.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: ":"): return offset > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if offset == 0 { return false }
            default: return false
            }
        }
        return false
    }

    /// "https://example.com" of "https://example.com/a/b?c".
    static func origin(of url: String) -> String? {
        guard let schemeEnd = url.firstMatch(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard hostEnd > rest.startIndex else { return nil }
        return String(url[..<hostEnd])
    }
}
