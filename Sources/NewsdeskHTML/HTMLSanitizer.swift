import NewsdeskCore

/// Makes third-party HTML safe to show: an allowlist of elements and
/// attributes, links and sources limited to http, https and mailto (made
/// absolute), and no scripts, event handlers, styles, frames, embedded
/// objects, forms or meta refreshes. The text of a dropped element is kept
/// unless the element's content is itself dangerous (a script's source, a
/// style sheet, a frame's fallback).
public struct HTMLSanitizer: Sendable {
    /// Elements kept, with their allowed attributes.
    public static let allowedElements: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote",
        "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
        "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp",
        "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr",
    ]

    /// Elements dropped together with everything inside them.
    public static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
        "noframes", "template", "svg", "math", "form", "input", "button", "select", "textarea", "option", "head",
        "title", "meta", "link", "base", "xml", "param", "canvas", "dialog",
    ]

    public static let allowedAttributes: Set<String> = [
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "valign", "dir", "lang",
        "cite", "datetime", "abbr", "headers", "scope", "start", "reversed", "type", "controls", "poster", "span",
        "summary", "axis", "char", "charoff", "nowrap", "color", "face", "size", "border", "cellpadding",
        "cellspacing", "hspace", "vspace", "name", "value", "label", "open", "clear", "compact", "noshade",
    ]

    /// Whether `attribute` stays on `element`. An `<img name=…>` is named on `document` itself, so
    /// `<img name="getElementById">` would replace the page's own function of that name (DOM
    /// clobbering): of the elements kept, only `img` is, and it loses its `name`.
    static func keeps(_ attribute: String, on element: String) -> Bool {
        allowedAttributes.contains(attribute) && !(attribute == "name" && element == "img")
    }

    /// Attributes that hold a URL, checked for its scheme.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]

    public init() {}

    /// The safe version of an HTML fragment; relative URLs are resolved against `baseURL`.
    public func sanitize(_ html: String, baseURL: String? = nil) -> String {
        if let simple = SimpleMarkup.sanitize(html, baseURL: baseURL) { return simple }
        // What the parser made of broken markup can read differently when parsed again; sanitised
        // until it reads the same (almost always at once, and the second reading takes the plain
        // path), so sanitising what was sanitised changes nothing.
        var current = parsedPass(html, baseURL: baseURL)
        for _ in 0..<3 {
            let again = SimpleMarkup.sanitize(current, baseURL: baseURL) ?? parsedPass(current, baseURL: baseURL)
            if again == current { break }
            current = again
        }
        return current
    }

    /// One sanitising through the parser.
    private func parsedPass(_ html: String, baseURL: String?) -> String {
        // An explicit <body> keeps the parser from wrapping leading text in an implied <p>.
        guard !html.isEmpty, let document = try? HTMLParser.parse("<body>" + html, url: baseURL) else { return "" }
        var output = ""
        guard let body = document.elements(.body).first else { return "" }
        var open: [(end: Int, name: String)] = []
        var index = body + 1
        let end = Int(document.nodes[body].end)
        while index < end {
            while let top = open.last, index >= top.end {
                output += "</\(top.name)>"
                open.removeLast()
            }
            let node = document.nodes[index]
            switch node.kind {
            case .text:
                output += HTMLEscape.text(document.content(of: index))
                index += 1
            case .element:
                let name = document.name(of: index)
                if Self.droppedWithContent.contains(name) {
                    index = Int(node.end)
                    continue
                }
                if Self.allowedElements.contains(name),
                    Self.fits(name, in: open.last?.name, linkOpen: open.contains { $0.name == "a" })
                {
                    if Self.voidElements.contains(name) {
                        output += "<" + name + attributes(of: index, named: name, in: document) + " />"
                    } else {
                        output += "<" + name + attributes(of: index, named: name, in: document) + ">"
                        open.append((Int(node.end), name))
                    }
                }
                index += 1
            case .document:
                index += 1
            }
        }
        while let top = open.popLast() { output += "</\(top.name)>" }
        return output
    }

    static let voidElements: Set<String> = ["br", "hr", "img", "col", "source", "wbr"]

    /// Whether an element may be written inside `parent` (the nearest element kept) so that a browser,
    /// and the next sanitising, reads it where it stands. Broken markup can leave a link inside a link or
    /// a cell outside a row once the elements around it are dropped; a parser would move them, so the
    /// output would change each time it is sanitised. Such a tag is left out, its content kept.
    static func fits(_ name: String, in parent: String?, linkOpen: Bool) -> Bool {
        switch name {
        case "a": return !linkOpen
        case "td", "th": return parent == "tr"
        case "tr": return ["table", "tbody", "thead", "tfoot"].contains(parent)
        case "tbody", "thead", "tfoot", "caption", "colgroup": return parent == "table"
        case "col": return parent == "colgroup" || parent == "table"
        default: return true
        }
    }

    private func attributes(of index: Int, named element: String, in document: HTMLDocument) -> String {
        var result = ""
        for attribute in document.attributes(of: index) where Self.keeps(attribute.name, on: element) {
            var value = attribute.value
            if Self.urlAttributes.contains(attribute.name) {
                guard let safe = Self.safeURL(value, base: document.baseURL) else { continue }
                value = safe
            }
            result += " \(attribute.name)=\"\(HTMLEscape.attribute(value))\""
        }
        return result
    }

    /// The URL if its scheme is safe to follow, made absolute; nil otherwise.
    /// Control characters and spaces that browsers ignore are removed first,
    /// so "jav&#x09;ascript:" is seen for what it is.
    public static func safeURL(_ raw: String, base: String?) -> String? {
        let cleaned = String(raw.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard !cleaned.isEmpty else { return nil }
        if let scheme = scheme(of: cleaned) {
            return scheme == "http" || scheme == "https" || scheme == "mailto" ? cleaned : nil
        }
        // Resolved against whatever base, the link must still be a web link (a base can have any scheme).
        guard let resolved = URLResolver.resolve(cleaned, against: base) else { return cleaned }
        return scheme(of: resolved) == nil || isWeb(resolved) ? resolved : nil
    }

    /// The scheme a URL starts with, in lower case; nil for a relative reference.
    static func scheme(of url: String) -> String? {
        let lower = url.lowercased()
        guard let colon = lower.firstIndex(of: ":"),
            !lower[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" })
        else { return nil }
        return String(lower[..<colon])
    }

    /// Whether `url` is an absolute http or https URL.
    public static func isWeb(_ url: String) -> Bool {
        let scheme = scheme(of: String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        return scheme == "http" || scheme == "https"
    }

}
