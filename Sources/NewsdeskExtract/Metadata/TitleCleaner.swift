import NewsdeskCore
import NewsdeskHTML

/// Picks the headline and strips what sites glue onto it ("Headline | Outlet").
enum TitleCleaner {
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " • ", " · ", " / ", ": "]

    static func best(candidates: [String], documentTitle: String?, headings: [String], siteName: String?) -> String? {
        let cleanedHeadings = headings.map { $0.collapsingWhitespace() }.filter { !$0.isEmpty }
        var options = candidates.map { $0.collapsingWhitespace() }.filter { !$0.isEmpty }
        if let documentTitle { options.append(documentTitle.collapsingWhitespace()) }
        guard var title = options.first(where: { !$0.isEmpty }) ?? cleanedHeadings.first else { return nil }
        title = strip(title, siteName: siteName)
        // A visible h1 that the chosen title contains, or that contains it, is the headline as shown.
        if let heading = cleanedHeadings.first(where: { heading in
            heading.count >= 10
                && (title.lowercased().hasPrefix(heading.lowercased()) || heading.lowercased() == title.lowercased())
        }) {
            title = heading
        }
        return title.isEmpty ? nil : title
    }

    /// The part of a name before its first separator ("LinkNaija | News platform" → "LinkNaija").
    static func firstSegment(_ name: String) -> String {
        for separator in separators where name.firstMatch(of: separator) != nil {
            return name.components(separatedBy: separator)[0].trimmingSpaces()
        }
        return name
    }

    /// Removes a site name (or a short trailing/leading segment) around the separators.
    static func strip(_ title: String, siteName: String?) -> String {
        let site = siteName?.lowercased()
        for separator in separators {
            let parts = title.components(separatedBy: separator)
            guard parts.count >= 2 else { continue }
            let last = parts[parts.count - 1].trimmingSpaces().lowercased()
            let first = parts[0].trimmingSpaces().lowercased()
            if let site, !site.isEmpty {
                if last.contains(site) || site.contains(last) {
                    return parts.dropLast().joined(separator: separator).trimmingSpaces()
                }
                if (first.contains(site) || site.contains(first)) && separator != ": " {
                    return parts.dropFirst().joined(separator: separator).trimmingSpaces()
                }
            }
            // "Long headline words here | Short Site" without a known site name.
            if separator != ": " && separator != " - " && parts.count == 2,
                last.split(separator: " ").count <= 3, first.split(separator: " ").count >= 4
            {
                return parts[0].trimmingSpaces()
            }
        }
        return title
    }
}

extension String {
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstMatch(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
