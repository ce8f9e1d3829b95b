import NewsdeskCore
import NewsdeskHTML

/// Authors from bylines: people's names, without "By", dates, roles or the outlet.
enum Byline {
    /// Words that mark a byline as not naming a person.
    static let nonPersonWords: Set<String> = [
        "staff", "admin", "administrator", "editor", "editors", "editorial", "desk", "team", "newsroom", "reporter",
        "reporters", "correspondent", "contributor", "contributors", "email", "author", "authors", "guest", "press",
        "agency", "agencies", "wire", "wires", "news", "media", "online", "web", "digital", "service", "services",
        "redaktion", "rédaction", "redacción", "redazione", "unknown", "anonymous", "follow", "twitter",
        "facebook", "view", "posts", "more", "articles", "profile", "contact", "updated", "published",
        "seguir", "folgen", "suivre", "segui", "obserwuj", "volgen", "follow", "www", "гость", "редакция", "автор",
        "redakcja", "redactie", "agenzia",
    ]

    /// News agencies and wire services: organisations, not people.
    static let agencies: Set<String> = [
        "reuters", "associated press", "the associated press", "ap", "afp", "agence france-presse", "dpa", "epa",
        "bloomberg", "bloomberg news", "pa", "pa media", "press association", "ani", "pti", "ians", "upi", "efe",
        "ansa", "kyodo", "xinhua", "tass", "ria novosti", "anadolu", "cnn wire", "nyt", "bbc news", "futurism",
    ]

    /// Link labels that sites glue onto the author's name ("Juan GaonaSeguir").
    static let gluedLabels = ["Seguir", "Follow", "Folgen", "Suivre", "Segui", "Obserwuj", "Volgen"]

    static let prefixes = [
        "written by ", "posted by ", "reported by ", "story by ", "words by ", "by: ", "by ", "von ",
        "par ", "por ", "di ", "door ", "av ", "autor: ", "autor ", "author: ", "texto: ",
    ]

    static func clean(_ raw: [String], excluding organisations: [String]) -> [String] {
        let excluded = Set(organisations.map { $0.lowercased() })
        var result: [String] = []
        var seen = Set<String>()
        for entry in raw {
            for name in split(entry) {
                let key = name.lowercased()
                guard !excluded.contains(key), isPersonName(name), seen.insert(key).inserted else { continue }
                result.append(name)
            }
        }
        return Array(result.prefix(8))
    }

    /// Splits "By Jane Doe and John Roe, Reuters" into candidate names.
    static func split(_ entry: String) -> [String] {
        var text = entry.collapsingWhitespace()
        if text.lowercased().hasPrefix("http") { return [] }
        // Cut at a line break of "|", or a dateline "Updated", "Published", "on".
        for marker in [" | ", " updated ", " published ", " posted ", " on ", " • ", " - ", " — ", " – "] {
            if let range = text.lowercased().firstMatch(of: marker) {
                let offset = text.lowercased().distance(from: text.lowercased().startIndex, to: range.lowerBound)
                text = String(text.prefix(offset))
            }
        }
        var parts: [String] = []
        for piece in text.replacingAll([" and ", " & ", " und ", " et ", " y ", " e ", ";", ",", "/"], with: "\u{1}")
            .split(separator: "\u{1}")
        {
            var name = piece.collapsingWhitespace()
            // "(www.dw.com)" and other parentheticals are not part of a name, nor is
            // an outlet after a full stop ("Jane Doe. Example News").
            if let open = name.firstIndex(of: "(") { name = String(name[..<open]).trimmingSpaces() }
            if let stop = name.firstMatch(of: ". "), name[..<stop.lowerBound].contains(" "),
                let lastWord = name[..<stop.lowerBound].split(separator: " ").last, lastWord.count > 1
            {
                name = String(name[..<stop.lowerBound])
            }
            for label in gluedLabels where name.hasSuffix(label) && name.count > label.count {
                let stem = name.dropLast(label.count)
                if stem.last?.isLowercase == true { name = String(stem) }
            }
            for prefix in prefixes where name.lowercased().hasPrefix(prefix) {
                name = String(name.dropFirst(prefix.count)).collapsingWhitespace()
                break
            }
            if !name.isEmpty { parts.append(name) }
        }
        return parts
    }

    static func isPersonName(_ name: String) -> Bool {
        guard name.count >= 3, name.count <= 50 else { return false }
        let words = name.split(separator: " ")
        guard words.count <= 5, !agencies.contains(name.lowercased()) else { return false }
        // "Cleveland.com", "KWCH": a domain or a call sign, not a person.
        if words.count == 1, name.contains(".") || name.allSatisfy({ $0.isUppercase || $0.isNumber }) { return false }
        guard !name.contains("@"), !name.contains(where: { $0.isNumber }), !name.contains(":") else { return false }
        if words.contains(where: { nonPersonWords.contains($0.lowercased().trimming(".()")) }) { return false }
        // A name starts with a capital in scripts that have case.
        guard let first = name.first, !first.isLowercase else { return false }
        return true
    }

    /// Bylines as the page shows them, when no metadata names the authors.
    static func visibleAuthors(in document: HTMLDocument) -> [String] {
        var found: [String] = []
        for index in document.nodes.indices where document.nodes[index].kind == .element {
            let node = document.nodes[index]
            guard !node.tag.isNonContent, node.tag != .meta else { continue }
            var isByline = false
            for attribute in document.attributes(of: index) {
                switch attribute.name {
                case "rel": isByline = isByline || attribute.value.lowercased() == "author"
                case "class", "id":
                    let value = attribute.value
                    isByline =
                        isByline || value.containsIgnoringASCIICase("byline")
                        || value.containsIgnoringASCIICase("author-name")
                        || value.containsIgnoringASCIICase("authorname")
                        || value.containsIgnoringASCIICase("author__name")
                        || value.containsIgnoringASCIICase("contributor-name")
                default: continue
                }
            }
            guard isByline else { continue }
            let text = document.text(of: index)
            guard !text.isEmpty, text.count < 120 else { continue }
            found.append(text)
            if found.count >= 3 { break }
        }
        return found
    }
}

extension String {
    func replacingAll(_ targets: [String], with replacement: String) -> String {
        var result = self
        for target in targets {
            result = result.replacingOccurrencesOf(target, with: replacement)
        }
        return result
    }

    func replacingOccurrencesOf(_ target: String, with replacement: String) -> String {
        guard firstMatch(of: target) != nil else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
