import NewsdeskCore

/// The labels bylines carry ("By", "Written by", "Medically reviewed by", "Photo:"):
/// stripped from names, and telling the writer apart from reviewers and photographers.
enum BylineRoles {
    /// One stretch of a byline and whether it names the writer.
    struct Part: Equatable {
        var text: String
        var isWriter: Bool
    }

    /// Labels naming someone other than the writer, lower case, longest first where one holds another.
    static let otherRoles = [
        "medically reviewed by", "clinically reviewed by", "expert reviewed by", "fact-checked by",
        "fact checked by", "peer-reviewed by", "peer reviewed by", "reviewed by", "edited by", "updated by",
        "photographs by", "photography by", "photos by", "photo by", "illustrations by", "illustration by",
        "video by", "graphics by", "photo:", "photos:", "image:", "images:", "picture:", "credit:", "foto:",
        "fotos:", "bild:", "geprüft von", "überprüft von", "révisé par", "revisado por", "revisto por",
        "verificado por", "rivisto da", "gecontroleerd door",
    ]

    /// Labels naming the writer, stripped from the front of a name (several may stand in a row:
    /// "By Written by Jane Doe").
    static let writerLabels = [
        "written by", "posted by", "reported by", "published by", "story by", "words by", "text by", "created by",
        "compiled by", "article by", "authored by", "contributed by", "author:", "authors:", "writer:",
        "written:", "by:", "by", "text:", "texto:", "tekst:", "autor:", "autorin:", "autore:", "auteur:", "autor",
        "geschrieben von", "verfasst von", "von", "écrit par", "rédigé par", "par", "escrito por", "publicado por",
        "por", "scritto da", "di", "geschreven door", "door", "napisane przez", "av", "updated", "published",
        "posted",
    ]

    /// Labels that name the writer in the middle of a sentence ("This post was written by Jane Doe").
    static let inlineWriterLabels = ["written by", "posted by", "reported by", "authored by"]

    /// The stretches of a byline, cut where a label names a role: "Jane Doe Reviewed by
    /// John Roe" is the writer Jane Doe and the reviewer John Roe; in "This post was written
    /// by Jane Doe" only what follows the label is a name.
    static func parts(of entry: String) -> [Part] {
        let text = entry.collapsingWhitespace()
        let lower = text.lowercased()
        var cuts: [(offset: Int, length: Int, isWriter: Bool)] = []
        for (labels, isWriter) in [(otherRoles, false), (inlineWriterLabels, true)] {
            for label in labels {
                var searchStart = lower.startIndex
                while let range = lower[searchStart...].range(of: label) {
                    let offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
                    let startsWord =
                        range.lowerBound == lower.startIndex || !lower[lower.index(before: range.lowerBound)].isLetter
                    if startsWord, !cuts.contains(where: { offset >= $0.offset && offset < $0.offset + $0.length }) {
                        cuts.append((offset, label.count, isWriter))
                    }
                    searchStart = range.upperBound
                }
            }
        }
        let characters = Array(text)
        guard !cuts.isEmpty, characters.count == lower.count else { return [Part(text: text, isWriter: true)] }
        cuts.sort { $0.offset < $1.offset }
        var parts: [Part] = []
        let lead = String(characters[0..<cuts[0].offset])
        if !cuts[0].isWriter, !lead.trimmingSpaces().isEmpty { parts.append(Part(text: lead, isWriter: true)) }
        for (position, cut) in cuts.enumerated() {
            let start = min(cut.offset + cut.length, characters.count)
            let end = position + 1 < cuts.count ? cuts[position + 1].offset : characters.count
            guard start < end else { continue }
            parts.append(Part(text: String(characters[start..<end]), isWriter: cut.isWriter))
        }
        return parts
    }

    /// A name without the labels in front of it: "By Reviewed by Margaret James" is Margaret James.
    static func stripLabels(_ name: String) -> String {
        var result = name.collapsingWhitespace()
        var stripped = true
        while stripped {
            stripped = false
            let lower = result.lowercased()
            for label in writerLabels + otherRoles where lower.hasPrefix(label) {
                let rest = result.dropFirst(label.count)
                // A label is a whole word: "Byron" does not start with "By", though
                // "Posted byDamien Walter" (a label glued to the name) does.
                let glued = label.hasSuffix("by") && rest.first?.isUppercase == true
                guard label.hasSuffix(":") || glued || rest.first.map({ !$0.isLetter }) ?? true else { continue }
                result = String(rest).trimming(" :-–—,.").collapsingWhitespace()
                stripped = true
                break
            }
        }
        return result
    }
}
