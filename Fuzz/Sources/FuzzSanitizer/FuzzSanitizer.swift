import NewsdeskHTML

let sanitizer = HTMLSanitizer()

/// Any fragment through the sanitizer, trapping when the result could run
/// script (an element or attribute outside the allowlist, an event handler, a
/// link to a script-capable scheme) or when sanitizing it again changes it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let base: String? = size % 2 == 0 ? nil : "https://news.example.com/a/b.html"
    let once = sanitizer.sanitize(input, baseURL: base)
    for tag in OutputTags(once) {
        if !HTMLSanitizer.allowedElements.contains(tag.name) { violation("element <\(tag.name)>", once) }
        for (name, value) in tag.attributes {
            if name.hasPrefix("on") { violation("event attribute \(name)", once) }
            if !HTMLSanitizer.allowedAttributes.contains(name) { violation("attribute \(name)", once) }
            if urlAttributes.contains(name), let scheme = dangerousScheme(decodeReferences(value)) {
                violation("\(scheme) URL in \(name)", once)
            }
        }
    }
    // A second opinion from the parser the product itself uses (libxml2 decodes every reference).
    if let document = try? HTMLParser.parse(once) {
        for index in 0..<document.count where document[index].kind == .element {
            let name = document.name(of: index)
            if scriptCapable.contains(name) { violation("parsed element <\(name)>", once) }
            for attribute in document.attributes(of: index) where urlAttributes.contains(attribute.name) {
                if let scheme = dangerousScheme(attribute.value) {
                    violation("parsed \(scheme) URL in \(attribute.name)", once)
                }
            }
        }
    }
    // Last, as the least serious: a second pass may not change what the first let through.
    let twice = sanitizer.sanitize(once, baseURL: base)
    if once != twice { violation("not idempotent", once, twice) }
    return 0
}

let scriptCapable: Set<String> = [
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "style", "link", "meta",
    "base", "form", "input", "button", "textarea", "select", "template", "noscript", "xml", "portal",
]

/// Attributes a browser follows or loads as a URL (text in `alt` or `title` may say "javascript:" harmlessly).
let urlAttributes: Set<String> = [
    "href", "src", "cite", "poster", "action", "formaction", "background", "data", "codebase", "srcset", "xlink:href",
    "dynsrc", "lowsrc", "longdesc", "usemap", "ping", "manifest", "icon", "profile",
]

func violation(_ what: String, _ output: String, _ second: String? = nil) -> Never {
    fatalError("sanitizer output: \(what)\n--- output:\n\(output)" + (second.map { "\n--- sanitized again:\n\($0)" } ?? ""))
}

/// The scheme if `value`, read as a browser reads a URL (control characters
/// and spaces ignored, any case), would run script or smuggle a document.
func dangerousScheme(_ value: String) -> String? {
    let squeezed = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
    return ["javascript:", "vbscript:", "data:", "livescript:"].first { squeezed.hasPrefix($0) }
}

/// An attribute value as a browser reads it: named references for the markup
/// characters and every numeric reference decoded (what an escaped colon or
/// letter could hide behind).
func decodeReferences(_ value: String) -> String {
    guard value.contains("&") else { return value }
    var result = ""
    var rest = Substring(value)
    while let amp = rest.firstIndex(of: "&") {
        result += rest[..<amp]
        rest = rest[rest.index(after: amp)...]
        let name = rest.prefix { $0 != ";" && $0 != "&" && $0.isASCII && !$0.isWhitespace }
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t",
                     "newline": "\n"]
        var decoded: String?
        if let text = named[name.lowercased()] {
            decoded = text
        } else if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.lowercased().hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            decoded = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if let decoded {
            result += decoded
            rest = rest[name.endIndex...]
            if rest.first == ";" { rest = rest.dropFirst() }
        } else {
            result += "&"
        }
    }
    return result + rest
}

/// The start tags of sanitizer output, tokenised as a browser would: in that
/// output text is escaped, so every `<` opens a tag.
struct OutputTags: Sequence, IteratorProtocol {
    struct Tag {
        var name: String
        var attributes: [(String, String)]
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ html: String) { scalars = Array(html.unicodeScalars) }

    mutating func next() -> Tag? {
        while position < scalars.count {
            guard scalars[position] == "<" else {
                position += 1
                continue
            }
            position += 1
            let closing = peek() == "/"
            if closing { position += 1 }
            let name = take { !isHTMLSpace($0) && $0 != "/" && $0 != ">" }.lowercased()
            var attributes: [(String, String)] = []
            while position < scalars.count, scalars[position] != ">" {
                if isHTMLSpace(scalars[position]) || scalars[position] == "/" {
                    position += 1
                    continue
                }
                let attribute = take { !isHTMLSpace($0) && $0 != "/" && $0 != ">" && $0 != "=" }.lowercased()
                var value = ""
                _ = take(isHTMLSpace)
                if peek() == "=" {
                    position += 1
                    _ = take(isHTMLSpace)
                    if let quote = peek(), quote == "\"" || quote == "'" {
                        position += 1
                        value = take { $0 != quote }
                        position += 1
                    } else {
                        value = take { !isHTMLSpace($0) && $0 != ">" }
                    }
                }
                attributes.append((attribute, value))
            }
            position += 1
            if closing || name.isEmpty { continue }
            return Tag(name: name, attributes: attributes)
        }
        return nil
    }

    private func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func take(_ keep: (Unicode.Scalar) -> Bool) -> String {
        let start = position
        while position < scalars.count, keep(scalars[position]) { position += 1 }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<position])
        return text
    }
}

/// HTML's ASCII whitespace, which separates a tag's name and attributes.
func isHTMLSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
}
