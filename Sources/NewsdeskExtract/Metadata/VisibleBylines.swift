import NewsdeskCore
import NewsdeskHTML

extension Byline {
    /// Bylines as the page shows them, when no metadata names the authors, read in one pass.
    /// Precise: elements named for the byline or the author's name ("byline", "author-name",
    /// `rel="author"`). Loose, besides those: any small element named for the author ("author
    /// vcard", "text__author") and the text after a label standing alone ("Written by" | "Jane Doe").
    static func visibleAuthors(in document: HTMLDocument) -> (precise: [String], loose: [String]) {
        var precise: [String] = []
        var loose: [String] = []
        var labelSeen = false
        var index = 0
        while index < document.nodes.count, precise.count < 3 || loose.count < 3 {
            let node = document.nodes[index]
            if node.kind == .text {
                labelSeen = standaloneLabel(index, in: document, following: labelSeen, into: &loose)
                index += 1
                continue
            }
            guard node.kind == .element, !node.tag.isNonContent || node.tag == .head else {
                index = node.kind == .element ? Int(node.end) : index + 1
                continue
            }
            // A byline is a small element; the text of a whole section named "author-page" is not one.
            if Int(node.end) - index < 40, let isPrecise = bylineKind(index, in: document) {
                let text = document.text(of: index)
                // A comment's author, or a related article's, is not this article's.
                if !text.isEmpty, text.count < 120, !VisibleDates.isPeripheral(index, in: document) {
                    if isPrecise, precise.count < 3 { precise.append(text) }
                    if loose.count < 3 { loose.append(text) }
                }
                labelSeen = false
            }
            index += 1
        }
        return (precise, loose)
    }

    /// Reads a text node: the name after a standing label goes into `found`; returns whether
    /// this node is such a label. The label fills its element: a "by" in running text is no byline.
    private static func standaloneLabel(
        _ index: Int, in document: HTMLDocument, following labelSeen: Bool, into found: inout [String]
    ) -> Bool {
        let bytes = document.contentBytes(of: index)
        if labelSeen {
            guard bytes.contains(where: { $0 > 0x20 }) else { return true }
            let text = String(decoding: bytes, as: UTF8.self).collapsingWhitespace()
            if text.count < 80, !VisibleDates.isPeripheral(index, in: document) { found.append(text) }
            return false
        }
        // Cheap tests first: most text is longer, or shares its element.
        guard bytes.count <= 20, let parent = document.parent(of: index),
            document.descendants(of: parent) == index..<(index + 1)
        else { return false }
        return standaloneLabels.contains(String(decoding: bytes, as: UTF8.self).lowercased().trimming(" :\n\t"))
    }

    /// Labels that stand in an element of their own before the name.
    static let standaloneLabels: Set<String> = [
        "by", "written by", "author", "authors", "posted by", "words by", "story by", "von", "autor", "autorin",
        "par", "auteur", "por", "di", "autore", "door", "auteur", "av", "tekst",
    ]

    /// Parts of a class name beside "author" that mark something else: a picture, a biography,
    /// a comment's author, a role.
    static let authorNonNames = [
        "bio", "box", "image", "img", "avatar", "photo", "pic", "desc", "about", "comment", "social", "title",
        "role", "job", "position", "more", "posts", "follow", "label", "caption",
    ]

    /// Names of the elements that hold the byline or the author's name itself.
    static let preciseNames = ["byline", "author-name", "authorname", "author__name", "contributor-name"]

    /// Whether an element holds a byline: true when named precisely for it, false when
    /// named for the author only loosely, nil when it is no byline.
    static func bylineKind(_ index: Int, in document: HTMLDocument) -> Bool? {
        var kind: Bool?
        for attribute in document.attributes(of: index) {
            switch attribute.name {
            case "rel" where attribute.value.lowercased() == "author": return true
            case "class", "id":
                // Most elements have neither word in their names: the search allocates nothing.
                let value = attribute.value
                guard value.containsIgnoringASCIICase("author") || value.containsIgnoringASCIICase("byline") else {
                    continue
                }
                for token in value.lowercased().split(separator: " ") {
                    if preciseNames.contains(where: { token.contains($0) }) { return true }
                    if token.contains("author"), !authorNonNames.contains(where: { token.contains($0) }) {
                        kind = false
                    }
                }
            default: continue
            }
        }
        return kind
    }
}
