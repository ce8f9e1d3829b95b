/// What a page says a date is: when the article first appeared, or when it last changed.
enum DateLabel: Sendable, Equatable {
    case published, modified

    /// Label words, lower case, in the languages news is written in. "Reviewed" and
    /// "edited" dates are changes to the page, not its first appearance.
    static let words: [String: DateLabel] = [
        "published": .published, "posted": .published, "publish": .published, "released": .published,
        "created": .published, "originally": .published, "pubdate": .published, "updated": .modified,
        "update": .modified, "modified": .modified, "revised": .modified, "reviewed": .modified, "edited": .modified,
        "last": .modified, "refreshed": .modified,
        // German, French, Spanish, Italian, Portuguese, Polish, Dutch.
        "veröffentlicht": .published, "erschienen": .published, "erstellt": .published, "publiziert": .published,
        "aktualisiert": .modified, "geändert": .modified, "zuletzt": .modified, "aktualisierung": .modified,
        "stand": .modified, "publié": .published, "publiée": .published, "paru": .published, "mis": .modified,
        "mise": .modified, "jour": .modified, "modifié": .modified, "actualisé": .modified, "publicado": .published,
        "publicada": .published, "actualizado": .modified, "actualizada": .modified, "atualizado": .modified,
        "atualizada": .modified, "modificado": .modified, "actualización": .modified, "atualização": .modified,
        "pubblicato": .published, "pubblicata": .published, "aggiornato": .modified, "aggiornata": .modified,
        "aggiornamento": .modified, "modificato": .modified, "opublikowano": .published, "publikacja": .published,
        "publikacji": .published, "aktualizacja": .modified, "zaktualizowano": .modified, "aktualizacji": .modified,
        "gepubliceerd": .published, "geplaatst": .published, "gewijzigd": .modified, "bijgewerkt": .modified,
        "laatst": .modified,
    ]

    /// The label a piece of text gives its date: a change when it names one
    /// ("Last updated"), else the first appearance when it names that.
    static func of<S: StringProtocol>(_ text: S) -> DateLabel? {
        var found: DateLabel?
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            switch words[String(word)] {
            case .modified: return .modified
            case .published: found = .published
            case nil: continue
            }
        }
        return found
    }

    /// The label an element's class, id or itemprop gives ("post-date updated",
    /// "entry-date published", `itemprop="dateModified"`).
    static func ofName(_ name: String) -> DateLabel? {
        let lower = name.lowercased()
        if lower.contains("modif") || lower.contains("update") || lower.contains("revis") { return .modified }
        if lower.contains("publish") || lower.contains("posted") || lower.contains("pubdate")
            || lower.contains("created")
        {
            return .published
        }
        return nil
    }
}
