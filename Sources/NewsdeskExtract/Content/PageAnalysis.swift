import NewsdeskCore
import NewsdeskHTML

/// Per-node facts the body finder works from, computed in two linear passes
/// over the arena: which subtrees are page furniture, and how much text,
/// link text and paragraph text each subtree holds.
struct PageAnalysis {
    let document: HTMLDocument
    /// The node and everything under it is furniture or invisible.
    private(set) var dropped: [Bool]
    /// The block element that owns each text node's text (its nearest block ancestor).
    private(set) var blockOwner: [Int32]
    /// Text weight owned directly by a block element (see `weight(of:)`).
    private(set) var ownWeight: [Int32]
    /// Of `ownWeight`, the part inside links.
    private(set) var ownLinkWeight: [Int32]
    /// Subtree totals of paragraph-like text, ignoring `dropped`.
    private var rawParagraphWeight: [Int32]
    /// Subtree totals of all text (scripts and styles excepted).
    private(set) var subtreeWeight: [Int32]
    /// Subtree totals of text inside links.
    private(set) var subtreeLinkWeight: [Int32]
    /// Verdicts on class names, shared by the many elements that repeat them.
    let classVerdicts = ClassVerdictCache()
    /// Whether a class or id naming furniture ("sidebar", "related") drops an element.
    let trustsClassNames: Bool
    /// Buttons that swallowed text (see `isSwallowingControl`), found while measuring.
    private var swallowingControls: Set<Int> = []

    init(document: HTMLDocument, trustingClassNames: Bool = true) {
        self.document = document
        self.trustsClassNames = trustingClassNames
        let count = document.count
        dropped = [Bool](repeating: false, count: count)
        blockOwner = [Int32](repeating: 0, count: count)
        ownWeight = [Int32](repeating: 0, count: count)
        ownLinkWeight = [Int32](repeating: 0, count: count)
        rawParagraphWeight = [Int32](repeating: 0, count: count)
        subtreeWeight = [Int32](repeating: 0, count: count)
        subtreeLinkWeight = [Int32](repeating: 0, count: count)
        measureText()
        markFurniture()
    }

    /// Text weight: UTF-8 bytes that are not whitespace, so a Chinese
    /// character weighs about three Latin letters, close to its information.
    static func weight(of text: String) -> Int32 {
        weight(of: text.utf8)
    }

    static func weight<Bytes: Sequence<UInt8>>(of bytes: Bytes) -> Int32 {
        var total: Int32 = 0
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case 0x20, 0x0A, 0x09, 0x0D: break
            case 0xA0 where previous == 0xC2: total -= 1  // a no-break space weighs nothing
            default: total += 1
            }
            previous = byte
        }
        return total
    }

    func linkDensity(_ block: Int) -> Double {
        ownWeight[block] == 0 ? 0 : Double(ownLinkWeight[block]) / Double(ownWeight[block])
    }

    /// Pass 1 (document order): the owner block of every text node and the
    /// text and link weight each block owns; then paragraph weight per subtree.
    private mutating func measureText() {
        let nodes = document.nodes
        var linkDepthEnd: Int = -1  // end of the innermost open <a>, if any
        var insideNonContentUntil = -1
        for index in 1..<nodes.count {
            let node = nodes[index]
            let parent = Int(node.parent)
            if index < insideNonContentUntil { continue }
            switch node.kind {
            case .element:
                blockOwner[index] = node.tag.isBlock ? Int32(index) : blockOwner[parent]
                if node.tag.isNonContent {
                    if isSwallowingControl(index) {
                        swallowingControls.insert(index)
                    } else {
                        insideNonContentUntil = Int(node.end)
                    }
                }
                if node.tag == .a, index >= linkDepthEnd { linkDepthEnd = Int(node.end) }
            case .text:
                let owner = Int(blockOwner[parent])
                blockOwner[index] = Int32(owner)
                let weight = Self.weight(of: document.contentBytes(of: index))
                ownWeight[owner] += weight
                subtreeWeight[index] = weight
                if index < linkDepthEnd {
                    ownLinkWeight[owner] += weight
                    subtreeLinkWeight[index] = weight
                }
            case .document:
                break
            }
        }
        // Paragraph weight rolled up to ancestors (children follow parents in the arena).
        for index in stride(from: nodes.count - 1, through: 1, by: -1) {
            let node = nodes[index]
            if node.kind == .element, isParagraphLike(index) {
                rawParagraphWeight[index] += ownWeight[index]
            }
            if node.parent >= 0 {
                rawParagraphWeight[Int(node.parent)] += rawParagraphWeight[index]
                subtreeWeight[Int(node.parent)] += subtreeWeight[index]
                subtreeLinkWeight[Int(node.parent)] += subtreeLinkWeight[index]
            }
        }
    }

    /// A block that reads as running text: long enough and not mostly links.
    func isParagraphLike(_ index: Int) -> Bool {
        let weight = ownWeight[index]
        guard weight > 0, linkDensity(index) < 0.5 else { return false }
        let tag = document.nodes[index].tag
        return weight >= 80 || (tag == .p && weight >= 30)
    }

    /// Pass 2 (document order): furniture is decided per element and inherited.
    private mutating func markFurniture() {
        let nodes = document.nodes
        let total = max(rawParagraphWeight[0], 1)
        for index in 1..<nodes.count {
            let node = nodes[index]
            if dropped[Int(node.parent)] {
                dropped[index] = true
                continue
            }
            guard node.kind == .element else { continue }
            dropped[index] = isFurniture(index, share: Double(rawParagraphWeight[index]) / Double(total))
        }
    }

    private func isInsideCode(_ index: Int) -> Bool {
        var ancestor = document.parent(of: index)
        while let current = ancestor {
            switch document.nodes[current].tag {
            case .pre, .code: return true
            case .p, .div, .body, .article, .section, .li, .td: return false
            default: ancestor = document.parent(of: current)
            }
        }
        return false
    }

    /// A button left open in broken markup swallows the rest of the page
    /// (libxml2 ends it only at the page's end): one that holds paragraphs
    /// or headings is read as the text it holds, not as a control.
    private func isSwallowingControl(_ index: Int) -> Bool {
        guard document.nodes[index].tag == .button else { return false }
        for descendant in document.descendants(of: index) where document.nodes[descendant].kind == .element {
            switch document.nodes[descendant].tag {
            case .p, .h1, .h2, .h3, .h4, .h5, .h6, .article, .main, .section, .table, .ul, .ol: return true
            default: continue
            }
        }
        return false
    }

    /// `S:0`, `S:1f`: the id React gives a segment it streams hidden and reveals with a script.
    static func isStreamedSegment(_ id: String?) -> Bool {
        guard let id, id.hasPrefix("S:"), id.count > 2 else { return false }
        return id.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    private func isFurniture(_ index: Int, share: Double) -> Bool {
        let node = document.nodes[index]
        if node.tag.isNonContent && !swallowingControls.contains(index) { return true }
        // Whatever holds most of the page's running text is never furniture.
        let holdsTheText = share > 0.5
        switch node.tag {
        case .nav, .aside, .footer, .menu, .header:
            if !holdsTheText { return true }
        case .form:
            if share < 0.25 { return true }
        case .html, .body:
            return false
        default:
            break
        }
        let attributes = document.attributes(of: index)
        var className: String?
        var id: String?
        var hidden = false
        for attribute in attributes {
            switch attribute.name {
            case "class": className = attribute.value
            case "id": id = attribute.value
            case "hidden": hidden = true
            case "aria-hidden": if attribute.value == "true" { return !holdsTheText }
            case "style":
                let style = attribute.value
                if style.containsIgnoringASCIICase("none") || style.containsIgnoringASCIICase("hidden") {
                    let compact = style.filter { $0 != " " }
                    if compact.containsIgnoringASCIICase("display:none")
                        || compact.containsIgnoringASCIICase("visibility:hidden")
                    {
                        return !holdsTheText
                    }
                }
            case "role":
                switch attribute.value.lowercased() {
                case "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog",
                    "alertdialog", "search", "tablist", "toolbar":
                    if !holdsTheText { return true }
                default: break
                }
            default: break
            }
        }
        // React streams a page's later parts in hidden `S:` segments that a script moves into place.
        if hidden, !Self.isStreamedSegment(id) { return true }
        if holdsTheText || share > 0.25 && node.tag != .div && node.tag != .section { return false }
        guard trustsClassNames else { return false }
        // A link inside running text ("<a class=affiliate-link>Amp</a> costs…") is never cut for its
        // class; only a class that hides it from sight does.
        if node.tag == .a { return classVerdicts.namesInvisible(class: className, id: id) }
        guard classVerdicts.verdict(class: className, id: id) == .boilerplate else { return false }
        // Syntax highlighting names its spans "comment", "tag", "meta": code keeps all its text.
        return !isInsideCode(index)
    }
}
