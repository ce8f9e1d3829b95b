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
        "redakcja", "redactie", "agenzia", "reviewed", "checked", "written", "posted", "photo", "photos", "image",
        "images", "getty", "shutterstock", "istock", "stock", "credit", "courtesy", "medically", "fact", "by",
        "expert", "writer", "specialist", "minute", "minutes", "read", "min", "contributing", "senior", "chief",
        "managing", "associate", "deputy", "executive", "freelance", "junior",
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

    /// The people a byline names, labels stripped. Reviewers, fact checkers, editors and
    /// photographers count only when the byline names no writer.
    static func clean(_ raw: [String], excluding organisations: [String]) -> [String] {
        let excluded = Set(organisations.map { $0.lowercased() })
        var writers: [String] = []
        var others: [String] = []
        var seen = Set<String>()
        for entry in raw {
            for part in BylineRoles.parts(of: entry) {
                for name in split(part.text) {
                    let key = name.lowercased()
                    guard !excluded.contains(key), isPersonName(name), seen.insert(key).inserted else { continue }
                    if part.isWriter { writers.append(name) } else { others.append(name) }
                }
            }
        }
        return Array((writers.isEmpty ? others : writers).prefix(8))
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
            name = withoutTrailingRole(withoutCredentials(BylineRoles.stripLabels(name).trimming(" .;:-–—|*")))
            if !name.isEmpty { parts.append(name) }
        }
        return parts
    }

    /// "Kim Rose-Francis RDN" is Kim Rose-Francis: letters after a name ("MD", "M.D.", "CPP")
    /// are not part of it.
    static func withoutCredentials(_ name: String) -> String {
        var words = name.split(separator: " ")
        while words.count > 2, let last = words.last {
            let letters = last.filter(\.isLetter)
            guard (2...5).contains(letters.count), letters.allSatisfy(\.isUppercase) else { break }
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    static func isPersonName(_ name: String) -> Bool {
        guard name.count >= 3, name.count <= 50 else { return false }
        let words = name.split(separator: " ")
        guard words.count <= 5, !agencies.contains(name.lowercased()) else { return false }
        // "Cleveland.com", "KWCH": a domain or a call sign, not a person.
        if words.count == 1, name.contains(".") || name.allSatisfy({ $0.isUppercase || $0.isNumber }) { return false }
        guard !name.contains("@"), !name.contains(where: { $0.isNumber }), !name.contains(":") else { return false }
        if words.contains(where: { nonPersonWords.contains($0.lowercased().trimming(".()")) }) { return false }
        // Every word of a name starts with a capital in scripts that have case, but for the
        // particles of surnames ("Ludwig van Beethoven"): "Head of Marketing" is a role.
        return words.allSatisfy { word in
            word.first.map { !$0.isLowercase } ?? false || nameParticles.contains(String(word))
        }
    }

    static let nameParticles: Set<String> = [
        "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin", "al", "el", "y", "e",
        "dos", "das", "do", "ten", "ter", "zu", "af", "ibn", "ben",
    ]

    /// Words of a job title that bylines put after the name.
    static let roleWords: Set<String> = [
        "editor", "editors", "reporter", "correspondent", "contributor", "writer", "expert", "specialist",
        "contributing", "senior", "chief", "managing", "associate", "deputy", "executive", "freelance", "junior",
        "founder", "co-founder", "ceo", "head", "director", "manager", "coordinator",
    ]

    /// "Zackery Cuevas Writer" is Zackery Cuevas: a name ends where a job title begins, when
    /// two words of the name stand before it.
    static func withoutTrailingRole(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard words.count > 2,
            let cut = words.indices.dropFirst(2).first(where: { roleWords.contains(words[$0].lowercased()) })
        else { return name }
        return words[..<cut].joined(separator: " ")
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
