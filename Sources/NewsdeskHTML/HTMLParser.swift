import CLibXML2
import NewsdeskCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses HTML with libxml2's error-tolerant HTML parser into an `HTMLDocument`.
public enum HTMLParser {
    /// Elements nested deeper than this are attached at this depth: the text
    /// survives, the pathological structure does not.
    public static let maximumDepth = 512

    /// The attributes the DOM keeps: those that say what an element is, whether
    /// it shows, where it links, and the page's metadata. Event handlers,
    /// `data-*` payloads, `srcset` lists and layout attributes are dropped as
    /// they are read, which spares most of the copying.
    public static let keptAttributes: Set<String> = HTMLSanitizer.allowedAttributes.union([
        "class", "id", "style", "hidden", "aria-hidden", "role", "href", "src", "data-src", "data-lazy-src",
        "data-original", "data-url", "alt", "title", "rel", "content", "name", "property", "itemprop", "itemscope",
        "itemtype", "datetime", "pubdate", "type", "lang", "xml:lang", "charset", "http-equiv", "colspan", "rowspan",
        "cite", "dir",
    ])

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses the bytes of a page, whatever their character set.
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - url: the page's own URL, used as the base for relative links.
    ///   - transportCharset: the charset named by HTTP, if any.
    public static func parse(_ bytes: [UInt8], url: String? = nil, transportCharset: String? = nil) throws
        -> HTMLDocument
    {
        let decoded = PageDecoder.decode(bytes, transportCharset: transportCharset)
        return try parse(utf8: decoded.utf8, url: url, charset: decoded.charset)
    }

    /// Parses a UTF-8 string.
    public static func parse(_ html: String, url: String? = nil) throws -> HTMLDocument {
        try parse(utf8: Array(html.utf8), url: url, charset: "UTF-8")
    }

    static func parse(utf8 raw: [UInt8], url: String?, charset: String) throws -> HTMLDocument {
        _ = initialized
        let utf8 = RawTextStripper.strip(raw)
        // XML_PARSE_HUGE lifts libxml2's nesting limit of 256, past which it stops
        // reading and drops the rest of the page; the tree builder caps depth instead.
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | UInt32(XML_PARSE_HUGE.rawValue))
        let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(clamping: buffer.count), url, "UTF-8", options)
            }
        }
        guard let document else {
            throw NewsdeskError(.unparseable, "libxml2 could not parse the page")
        }
        defer { xmlFreeDoc(document) }
        var builder = TreeBuilder()
        builder.build(from: document)
        var result = HTMLDocument(
            nodes: builder.nodes, attributes: builder.attributes, textStorage: builder.text,
            strings: builder.strings, baseURL: url, charset: charset)
        // A base of any scheme but http and https (a "\u{1}javascript://" one, say) would make every
        // relative link on the page a link of that scheme: it is ignored.
        if let base = result.elements(.base).lazy.compactMap({ result.attribute("href", of: $0) }).first,
            let resolved = URLResolver.resolve(base, against: url), HTMLSanitizer.isWeb(resolved)
        {
            result.baseURL = resolved
        }
        return result
    }
}

/// Recognises the kept attribute names from their C strings without making
/// a Swift string for the many that are dropped.
private enum KeptAttribute {
    private static let byLength: [Int: [(bytes: [UInt8], name: String)]] = Dictionary(
        grouping: HTMLParser.keptAttributes.map { (Array($0.utf8), $0) }, by: { $0.0.count })

    static func name(_ pointer: UnsafePointer<xmlChar>) -> String? {
        let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        guard let candidates = byLength[length] else { return nil }
        for candidate in candidates where memcmp(pointer, candidate.bytes, length) == 0 {
            return candidate.name
        }
        return nil
    }
}

/// Copies libxml2's tree into the arena in one iterative pre-order walk.
private struct TreeBuilder {
    var nodes: [HTMLDocument.Node] = []
    var attributes: [HTMLDocument.Attribute] = []
    var text: [UInt8] = []
    var strings: [String] = []

    mutating func build(from document: htmlDocPtr) {
        nodes.reserveCapacity(4096)
        text.reserveCapacity(1 << 16)
        nodes.append(
            HTMLDocument.Node(
                kind: .document, tag: .other, payload: -1, parent: HTMLDocument.none,
                firstChild: HTMLDocument.none, nextSibling: HTMLDocument.none, end: 1, depth: 0,
                rangeStart: 0, rangeCount: 0))
        // The stack holds arena indices of the open elements; lastChild per open element.
        var openIndex: [Int32] = [0]
        var lastChild: [Int32] = [HTMLDocument.none]
        var current = document.pointee.children
        var depthOverflow = 0  // libxml2 levels entered but flattened into the deepest kept element

        while let node = current {
            let parentIndex = openIndex[openIndex.count - 1]
            var enteredElement = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                var descend = node.pointee.children != nil
                if openIndex.count <= HTMLParser.maximumDepth {
                    let index = append(
                        element: node, parent: parentIndex, depth: Int32(openIndex.count), lastChild: &lastChild)
                    descend = descend && keepsContent(Int(index))
                    if descend {
                        openIndex.append(index)
                        lastChild.append(HTMLDocument.none)
                    }
                } else if descend {
                    depthOverflow += 1
                }
                enteredElement = descend
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    appendText(content, parent: parentIndex, depth: Int32(openIndex.count), lastChild: &lastChild)
                }
            default:
                break
            }
            if enteredElement {
                current = node.pointee.children
                continue
            }
            // Move to the next node, closing elements on the way up.
            var climb: xmlNodePtr? = node
            current = nil
            while let up = climb {
                if let next = up.pointee.next {
                    current = next
                    break
                }
                climb = up.pointee.parent
                guard let parent = climb, parent.pointee.type != XML_HTML_DOCUMENT_NODE,
                    parent.pointee.type != XML_DOCUMENT_NODE
                else { break }
                if depthOverflow > 0 {
                    depthOverflow -= 1
                } else {
                    close(openIndex.removeLast())
                    lastChild.removeLast()
                }
            }
        }
        while openIndex.count > 1 { close(openIndex.removeLast()) }
        nodes[0].end = Int32(nodes.count)
    }

    /// Scripts and styles are often half a page's bytes and never its text:
    /// only data scripts (JSON-LD and the like) keep their content.
    private func keepsContent(_ index: Int) -> Bool {
        switch nodes[index].tag {
        case .style:
            return false
        case .script:
            let start = Int(nodes[index].rangeStart)
            let attributes = self.attributes[start..<(start + Int(nodes[index].rangeCount))]
            guard let type = attributes.first(where: { $0.name == "type" })?.value else { return false }
            return type.containsIgnoringASCIICase("json")
        default:
            return true
        }
    }

    private mutating func close(_ index: Int32) {
        nodes[Int(index)].end = Int32(nodes.count)
    }

    private mutating func link(_ index: Int32, parent: Int32, lastChild: inout [Int32]) {
        let previous = lastChild[lastChild.count - 1]
        if previous == HTMLDocument.none {
            nodes[Int(parent)].firstChild = index
        } else {
            nodes[Int(previous)].nextSibling = index
        }
        lastChild[lastChild.count - 1] = index
    }

    /// Element names seen in this document: libxml2 interns them, so one
    /// pointer stands for one name and each is looked up once.
    private var names: [UnsafeRawPointer: (tag: HTMLTag, payload: Int32)] = [:]

    private mutating func tag(of element: xmlNodePtr) -> (tag: HTMLTag, payload: Int32) {
        guard let pointer = element.pointee.name else { return (.other, -1) }
        if let known = names[UnsafeRawPointer(pointer)] { return known }
        let name = String(cString: pointer)
        let tag = HTMLTag(name: name)
        var payload: Int32 = -1
        if tag == .other {
            payload = Int32(strings.count)
            strings.append(name)
        }
        names[UnsafeRawPointer(pointer)] = (tag, payload)
        return (tag, payload)
    }

    private mutating func append(element: xmlNodePtr, parent: Int32, depth: Int32, lastChild: inout [Int32]) -> Int32 {
        let (tag, payload) = tag(of: element)
        let attributeStart = Int32(attributes.count)
        var property = element.pointee.properties
        while let attribute = property {
            // libxml2's HTML parser lower-cases attribute names itself.
            if let namePointer = attribute.pointee.name, let attributeName = KeptAttribute.name(namePointer) {
                var value = ""
                if let only = attribute.pointee.children, only.pointee.next == nil {
                    value = only.pointee.content.map { String(cString: $0) } ?? ""
                } else {
                    var child = attribute.pointee.children
                    while let text = child {
                        if let content = text.pointee.content { value += String(cString: content) }
                        child = text.pointee.next
                    }
                }
                attributes.append(HTMLDocument.Attribute(name: attributeName, value: value))
            }
            property = attribute.pointee.next
        }
        let index = Int32(nodes.count)
        nodes.append(
            HTMLDocument.Node(
                kind: .element, tag: tag, payload: payload, parent: parent,
                firstChild: HTMLDocument.none, nextSibling: HTMLDocument.none, end: index + 1, depth: depth,
                rangeStart: attributeStart, rangeCount: Int32(attributes.count) - attributeStart))
        link(index, parent: parent, lastChild: &lastChild)
        return index
    }

    private mutating func appendText(
        _ content: UnsafePointer<xmlChar>, parent: Int32, depth: Int32, lastChild: inout [Int32]
    ) {
        let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
        guard length > 0 else { return }
        let bytes = UnsafeBufferPointer(start: content, count: length)
        // Adjacent text (after flattening) merges into one node.
        let previous = lastChild[lastChild.count - 1]
        if previous != HTMLDocument.none, nodes[Int(previous)].kind == .text {
            let node = nodes[Int(previous)]
            if Int(node.rangeStart + node.rangeCount) != text.count {
                // Not the last text stored: move it to the end first.
                let start = Int(node.rangeStart)
                text.append(contentsOf: Array(text[start..<(start + Int(node.rangeCount))]))
                nodes[Int(previous)].rangeStart = Int32(text.count) - node.rangeCount
            }
            text.append(contentsOf: bytes)
            nodes[Int(previous)].rangeCount += Int32(length)
            return
        }
        let index = Int32(nodes.count)
        let start = Int32(text.count)
        text.append(contentsOf: bytes)
        nodes.append(
            HTMLDocument.Node(
                kind: .text, tag: .other, payload: -1, parent: parent,
                firstChild: HTMLDocument.none, nextSibling: HTMLDocument.none, end: index + 1, depth: depth,
                rangeStart: start, rangeCount: Int32(length)))
        link(index, parent: parent, lastChild: &lastChild)
    }

}
