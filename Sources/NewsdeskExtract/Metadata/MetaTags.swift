import NewsdeskCore
import NewsdeskHTML

/// The `<meta>` and `<link>` facts of a page, keyed by lower-case name or property.
struct MetaTags {
    private var values: [String: [String]] = [:]
    var canonical: String?
    var ampOf: String?
    var title: String?
    var htmlLanguage: String?

    init(document: HTMLDocument) {
        for index in document.nodes.indices where document.nodes[index].kind == .element {
            switch document.nodes[index].tag {
            case .meta:
                guard let content = document.attribute("content", of: index)?.collapsingWhitespace(), !content.isEmpty
                else { continue }
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let name = document.attribute(key, of: index)?.lowercased() {
                        values[name.trimmingSpacesASCII(), default: []].append(content)
                    }
                }
            case .link:
                guard let rel = document.attribute("rel", of: index)?.lowercased(),
                    let href = document.attribute("href", of: index)
                else { continue }
                if rel == "canonical", canonical == nil { canonical = href }
            case .title where title == nil:
                title = document.text(of: index)
            case .html where htmlLanguage == nil:
                htmlLanguage = document.attribute("lang", of: index) ?? document.attribute("xml:lang", of: index)
            default:
                continue
            }
        }
    }

    /// The first non-empty value among the names, in the order given.
    func first(_ names: String...) -> String? {
        for name in names {
            if let value = values[name]?.first(where: { !$0.isEmpty }) { return value }
        }
        return nil
    }

    /// The value of a label and data pair ("twitter:label1" "Written by", "twitter:data1"
    /// "Jane Doe") whose label names the author.
    func pairedValue(label: String, data: String) -> String? {
        guard let text = first(label)?.lowercased(), text == "written by" || text == "author" || text == "by"
        else { return nil }
        return first(data)
    }

    func all(_ names: String...) -> [String] {
        names.flatMap { values[$0] ?? [] }
    }
}

extension String {
    func trimmingSpacesASCII() -> String {
        var view = Substring(self)
        while view.first == " " { view.removeFirst() }
        while view.last == " " { view.removeLast() }
        return String(view)
    }
}
