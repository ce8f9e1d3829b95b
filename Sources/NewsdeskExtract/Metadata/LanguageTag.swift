import NewsdeskCore

/// BCP 47 language tags from what pages write ("en_US", "EN", "en-gb").
enum LanguageTag {
    static func normalize(_ raw: String) -> String? {
        let parts = raw.trimmingSpaces().replacingOccurrencesOf("_", with: "-").split(separator: "-")
        guard let language = parts.first, (2...3).contains(language.count),
            language.allSatisfy({ $0.isLetter && $0.isASCII })
        else { return nil }
        var tag = language.lowercased()
        if let region = parts.dropFirst().first {
            if region.count == 2, region.allSatisfy({ $0.isLetter }) {
                tag += "-" + region.uppercased()
            } else if region.count == 4, region.allSatisfy({ $0.isLetter }) {
                tag += "-" + region.prefix(1).uppercased() + region.dropFirst().lowercased()
            }
        }
        return tag
    }
}
