import Foundation

/// Makes links absolute.
public enum URLResolver {
    /// `reference` resolved against `base`; nil for what is not a usable link
    /// (empty, a fragment alone, or a script URL).
    public static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = reference.trimmingSpaces()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("data:") { return nil }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") {
            return trimmed
        }
        let escaped = trimmed.replacingOccurrences(of: " ", with: "%20")
        guard let base, let baseURL = URL(string: base.replacingOccurrences(of: " ", with: "%20")) else {
            return trimmed.hasPrefix("//") ? "https:" + escaped : trimmed
        }
        return URL(string: escaped, relativeTo: baseURL)?.absoluteString ?? trimmed
    }
}
