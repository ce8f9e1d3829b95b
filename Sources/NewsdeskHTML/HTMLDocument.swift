/// A parsed HTML document as an immutable arena of nodes in document order.
///
/// Nodes are stored in pre-order, so the descendants of node `i` are exactly
/// the indices `i + 1 ..< nodes[i].end`: whole-subtree work is a loop, never
/// recursion, which keeps pathological nesting harmless.
public struct HTMLDocument: Sendable {
    public typealias Index = Int

    public enum Kind: UInt8, Sendable {
        case document, element, text
    }

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// A node holds no strings, so copying one costs no reference counting:
    /// a text node's text lives in `textStorage` (the UTF-8 bytes at
    /// `rangeStart ..< rangeStart + rangeCount`), an element's attributes in
    /// `attributeStore` (the same range), an unusual element's name in `strings`.
    public struct Node: Sendable {
        public var kind: Kind
        public var tag: HTMLTag
        /// Index in `strings` of an `.other` element's name; -1 for none.
        var payload: Int32
        public var parent: Int32
        public var firstChild: Int32
        public var nextSibling: Int32
        /// One past the last descendant.
        public var end: Int32
        public var depth: Int32
        var rangeStart: Int32
        var rangeCount: Int32
    }

    public internal(set) var nodes: [Node]
    public internal(set) var attributeStore: [Attribute]
    /// The UTF-8 text of all text nodes, one after another.
    var textStorage: [UInt8]
    var strings: [String]
    /// The URL the document gave for itself (`<base href>`) or was given.
    public var baseURL: String?
    /// The character set the bytes were decoded from.
    public var charset: String

    init(
        nodes: [Node], attributes: [Attribute], textStorage: [UInt8], strings: [String], baseURL: String?,
        charset: String
    ) {
        self.nodes = nodes
        self.attributeStore = attributes
        self.textStorage = textStorage
        self.strings = strings
        self.baseURL = baseURL
        self.charset = charset
    }

    public static let root: Index = 0
    static let none: Int32 = -1

    public subscript(index: Index) -> Node { nodes[index] }

    public var count: Int { nodes.count }

    /// The text of a text node (empty for other nodes).
    public func content(of index: Index) -> String {
        String(decoding: contentBytes(of: index), as: UTF8.self)
    }

    /// The UTF-8 bytes of a text node (empty for other nodes), without making a string.
    public func contentBytes(of index: Index) -> ArraySlice<UInt8> {
        let node = nodes[index]
        guard node.kind == .text else { return [] }
        let start = Int(node.rangeStart)
        return textStorage[start..<(start + Int(node.rangeCount))]
    }

    /// The lower-case name of an element (empty for other nodes).
    public func name(of index: Index) -> String {
        let node = nodes[index]
        guard node.kind == .element else { return "" }
        return node.payload >= 0 ? strings[Int(node.payload)] : String(describing: node.tag)
    }

    /// The attributes of an element.
    public func attributes(of index: Index) -> ArraySlice<Attribute> {
        let node = nodes[index]
        guard node.kind == .element else { return [] }
        let start = Int(node.rangeStart)
        return attributeStore[start..<(start + Int(node.rangeCount))]
    }

    /// The value of an attribute (names are lower case).
    public func attribute(_ name: String, of index: Index) -> String? {
        for attribute in attributes(of: index) where attribute.name == name {
            return attribute.value
        }
        return nil
    }

    public func parent(of index: Index) -> Index? {
        let parent = nodes[index].parent
        return parent == Self.none ? nil : Int(parent)
    }

    /// The direct children of a node, in order.
    public func children(of index: Index) -> ChildSequence {
        ChildSequence(document: self, first: nodes[index].firstChild)
    }

    /// All descendants of a node, in document order.
    public func descendants(of index: Index) -> Range<Index> {
        (index + 1)..<Int(nodes[index].end)
    }

    /// Elements of the whole document with the given tag.
    public func elements(_ tag: HTMLTag) -> [Index] {
        nodes.indices.filter { nodes[$0].tag == tag && nodes[$0].kind == .element }
    }

    /// Elements of a subtree with the given tag.
    public func elements(_ tag: HTMLTag, in index: Index) -> [Index] {
        descendants(of: index).filter { nodes[$0].tag == tag && nodes[$0].kind == .element }
    }

    /// Whether `ancestor` contains `index` (or is it).
    public func contains(_ ancestor: Index, _ index: Index) -> Bool {
        index >= ancestor && index < Int(nodes[ancestor].end)
    }

    /// The text of a subtree with whitespace collapsed, skipping scripts and styles.
    public func text(of index: Index) -> String {
        var pieces = ""
        var skipUntil = -1
        for i in index..<Int(nodes[index].end) {
            if i < skipUntil { continue }
            let node = nodes[i]
            switch node.kind {
            case .text:
                pieces += content(of: i)
            case .element:
                if node.tag.isNonContent && i != index {
                    skipUntil = Int(node.end)
                } else if node.tag == .br || (node.tag.isBlock && i != index) {
                    pieces += " "
                }
            case .document:
                break
            }
        }
        return pieces.collapsingWhitespace()
    }

    /// The raw text of a node's text children (for `<script>` and `<title>`).
    public func rawText(of index: Index) -> String {
        var result = ""
        for child in children(of: index) where nodes[child].kind == .text {
            result += content(of: child)
        }
        return result
    }

    public struct ChildSequence: Sequence, IteratorProtocol {
        let document: HTMLDocument
        var upcoming: Int32

        init(document: HTMLDocument, first: Int32) {
            self.document = document
            self.upcoming = first
        }

        public mutating func next() -> Index? {
            guard upcoming != HTMLDocument.none else { return nil }
            let current = Int(upcoming)
            upcoming = document.nodes[current].nextSibling
            return current
        }
    }
}
