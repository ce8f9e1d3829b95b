import Foundation
import Testing

@testable import NewsdeskHTML

/// DOMPurify's 223 test vectors (../shared/conformance/xss/dompurify-vectors.json) through the sanitiser:
/// for every payload the output, read back by the parser, holds only allowed elements and attributes, no
/// script-capable element, event handler, style or `javascript:`/`vbscript:`/`data:` URL, and sanitising
/// the output again changes nothing. scripts/xss-browser-test.sh puts the same payloads through ingest and
/// the reader in a real browser.
@Suite struct DOMPurifyVectorTests {
    struct Vector: Decodable {
        var title: String?
        var payload: String
    }

    static func vectors() throws -> [Vector] {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance/xss/dompurify-vectors.json")
        return try JSONDecoder().decode([Vector].self, from: Data(contentsOf: file))
    }

    /// Elements that can run script, load active content, submit, or change how the rest is parsed.
    static let scriptCapable: Set<String> = [
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "style", "link", "meta",
        "base", "form", "input", "button", "textarea", "select", "option", "template", "noscript", "noembed",
        "noframes", "xmp", "plaintext", "listing", "isindex", "keygen", "param", "portal", "title", "head", "xml",
    ]

    /// Attributes whose value is followed or loaded as a URL.
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "data", "cite",
        "codebase", "dynsrc", "lowsrc", "longdesc", "ping", "srcdoc", "manifest", "icon",
    ]

    static let baseURL = "https://news.example.com/world/2026/12/04/story.html"

    /// Characters a reader of the scheme should look past: controls, spaces and other white space.
    static func ignoredInScheme(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF { return true }
        if scalar.value >= 0x200B && scalar.value <= 0x200D { return true }
        return scalar.properties.isWhitespace
    }

    /// What is wrong with sanitised HTML, read back by the parser; empty when nothing is.
    static func violations(in html: String) throws -> [String] {
        guard !html.isEmpty else { return [] }
        let document = try HTMLParser.parse("<body>" + html)
        guard let body = document.elements(.body).first else { return ["the output has no body"] }
        var found: [String] = []
        for index in document.descendants(of: body) where document.nodes[index].kind == .element {
            let name = document.name(of: index).lowercased()
            if scriptCapable.contains(name) {
                found.append("<\(name)>")
            } else if !HTMLSanitizer.allowedElements.contains(name) {
                found.append("<\(name)>, not an allowed element")
            }
            for attribute in document.attributes(of: index) {
                let attributeName = attribute.name.lowercased()
                if attributeName.hasPrefix("on") {
                    found.append("<\(name) \(attributeName)>, an event handler")
                } else if attributeName == "style" {
                    found.append("<\(name) style>")
                } else if !HTMLSanitizer.allowedAttributes.contains(attributeName) {
                    found.append("<\(name) \(attributeName)>, not an allowed attribute")
                }
                guard urlAttributes.contains(attributeName) || attributeName.hasSuffix(":href") else { continue }
                let candidates: [String] =
                    attributeName == "srcset"
                    ? attribute.value.split(separator: ",").map { String($0) } : [attribute.value]
                for candidate in candidates {
                    // What a browser sees as the scheme: spaces, controls and other white space ignored, any case.
                    let compact = String(candidate.unicodeScalars.filter { !ignoredInScheme($0) }).lowercased()
                    for scheme in ["javascript:", "vbscript:", "data:"] where compact.hasPrefix(scheme) {
                        found.append("<\(name) \(attributeName)=\"\(attribute.value.prefix(60))\">")
                    }
                }
            }
        }
        return found
    }

    @Test func allVectorsAreRead() throws {
        #expect(try Self.vectors().count == 223)
    }

    /// Nothing dangerous survives, read back by the parser.
    @Test func outputHoldsNothingDangerous() throws {
        let sanitizer = HTMLSanitizer()
        var clean = 0
        for (number, vector) in try Self.vectors().enumerated() {
            let output = sanitizer.sanitize(vector.payload, baseURL: Self.baseURL)
            let found = try Self.violations(in: output)
            #expect(found.isEmpty, "vector \(number) (\(vector.title ?? "untitled")): \(found) in \(output)")
            if found.isEmpty { clean += 1 }
        }
        #expect(clean == 223)
    }

    /// sanitise(sanitise(x)) == sanitise(x), with the reader's base URL and without one.
    @Test(arguments: [DOMPurifyVectorTests.baseURL, nil] as [String?])
    func sanitisingTwiceChangesNothing(_ base: String?) throws {
        let sanitizer = HTMLSanitizer()
        var stable = 0
        for (number, vector) in try Self.vectors().enumerated() {
            let once = sanitizer.sanitize(vector.payload, baseURL: base)
            let twice = sanitizer.sanitize(once, baseURL: base)
            #expect(twice == once, "vector \(number) (\(vector.title ?? "untitled")): \(once) became \(twice)")
            #expect(try Self.violations(in: twice).isEmpty, "vector \(number), sanitised twice: \(twice)")
            if twice == once { stable += 1 }
        }
        #expect(stable == 223)
    }
}
