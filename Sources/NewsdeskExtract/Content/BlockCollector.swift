import NewsdeskHTML

/// Walks the chosen body element in document order and cuts it into blocks
/// (paragraphs, headings, list items, quotes, table rows…), rendering each as
/// plain text, minimal HTML and Markdown at once. Furniture subtrees are skipped.
struct BlockCollector {
    let analysis: PageAnalysis
    let baseURL: String?
    /// Decides whether a finished block is kept (it sees the block and its source element).
    let keep: (Block) -> Bool

    private var document: HTMLDocument { analysis.document }

    private struct OpenInline {
        var htmlOpen: String, htmlClose: String, markdownOpen: String, markdownClose: String
        var emitted = false
    }

    private struct Context {
        var quoteDepth = 0
        var preDepth = 0
        var lists: [Bool] = []  // ordered?
        var listItemDepth = 0
        var dataTables: [Bool] = []
        var cellsInRow = 0
        var rowIsHeader = false
    }

    private var blocks: [Block] = []
    private var kind: Block.Kind = .paragraph
    private var source = 0
    private var text = ""
    private var html = ""
    private var markdown = ""
    private var pendingSpace = false
    private var inlines: [OpenInline] = []
    private var context = Context()
    /// Blocks kept so far across containers, and whether a comment section has begun.
    private var keptCount = 0
    private var reachedComments = false

    init(analysis: PageAnalysis, baseURL: String?, keep: @escaping (Block) -> Bool) {
        self.analysis = analysis
        self.baseURL = baseURL
        self.keep = keep
    }

    mutating func collect(_ container: Int) -> [Block] {
        let nodes = document.nodes
        blocks = []
        context = Context()
        inlines = []
        source = container
        var open: [(end: Int, index: Int)] = []
        var index = container
        let end = Int(nodes[container].end)
        startBlock(for: container)
        while index < end {
            while let top = open.last, index >= top.end {
                exit(top.index)
                open.removeLast()
            }
            let node = nodes[index]
            if node.kind == .text {
                append(document.contentBytes(of: index))
                index += 1
                continue
            }
            if analysis.dropped[index] {
                index = Int(node.end)
                continue
            }
            enter(index)
            open.append((Int(node.end), index))
            index += 1
        }
        while let top = open.popLast() { exit(top.index) }
        finishBlock()
        return blocks
    }

    // MARK: Elements

    private mutating func enter(_ index: Int) {
        let node = document.nodes[index]
        switch node.tag {
        case .br, .hr:
            finishBlock()
            startBlock(for: Int(node.parent))
        case .ul, .ol:
            finishBlock()
            context.lists.append(node.tag == .ol)
            startBlock(for: index)
        case .li:
            finishBlock()
            context.listItemDepth += 1
            startBlock(for: index)
        case .blockquote:
            finishBlock()
            context.quoteDepth += 1
            startBlock(for: index)
        case .pre:
            finishBlock()
            context.preDepth += 1
            startBlock(for: index)
        case .table:
            finishBlock()
            context.dataTables.append(isDataTable(index))
            startBlock(for: index)
        case .tr:
            guard context.dataTables.last == true else { return enterBlock(index) }
            finishBlock()
            context.cellsInRow = 0
            context.rowIsHeader = document.children(of: index).allSatisfy {
                document.nodes[$0].kind != .element || document.nodes[$0].tag == .th
            }
            startBlock(for: index)
            kind = .tableRow(header: context.rowIsHeader)
        case .td, .th:
            guard context.dataTables.last == true else { return enterBlock(index) }
            if context.cellsInRow > 0 {
                text += " | "
                markdown += " | "
                html += "\u{1F}"
                pendingSpace = false
            }
            context.cellsInRow += 1
        case .img:
            appendImage(index)
        case .a:
            let href = document.attribute("href", of: index).flatMap { HTMLSanitizer.safeURL($0, base: baseURL) }
            if let href {
                inlines.append(
                    OpenInline(
                        htmlOpen: "<a href=\"\(HTMLEscape.attribute(href))\">", htmlClose: "</a>", markdownOpen: "[",
                        markdownClose: "](\(Escape.markdownURL(href)))"))
            } else {
                inlines.append(OpenInline(htmlOpen: "", htmlClose: "", markdownOpen: "", markdownClose: ""))
            }
        case .em, .i, .cite:
            inlines.append(OpenInline(htmlOpen: "<em>", htmlClose: "</em>", markdownOpen: "*", markdownClose: "*"))
        case .strong, .b:
            inlines.append(
                OpenInline(htmlOpen: "<strong>", htmlClose: "</strong>", markdownOpen: "**", markdownClose: "**"))
        case .code, .kbd, .samp, .tt:
            guard context.preDepth == 0 else { return }
            inlines.append(OpenInline(htmlOpen: "<code>", htmlClose: "</code>", markdownOpen: "`", markdownClose: "`"))
        default:
            if node.tag.isBlock { enterBlock(index) }
        }
    }

    /// Any other block element starts a new block of the context's kind.
    private mutating func enterBlock(_ index: Int) {
        let tag = document.nodes[index].tag
        finishBlock()
        startBlock(for: index)
        if tag.isHeading {
            kind = .heading(level: Int(tag.rawValue - HTMLTag.h1.rawValue) + 1)
        } else if tag == .figcaption || tag == .caption {
            kind = .caption
        }
    }

    private mutating func exit(_ index: Int) {
        let node = document.nodes[index]
        switch node.tag {
        case .a, .em, .i, .cite, .strong, .b:
            closeInline()
        case .code, .kbd, .samp, .tt:
            if context.preDepth == 0 { closeInline() }
        case .ul, .ol:
            finishBlock()
            context.lists.removeLast()
            startBlock(for: Int(node.parent))
        case .li:
            finishBlock()
            context.listItemDepth -= 1
            startBlock(for: Int(node.parent))
        case .blockquote:
            finishBlock()
            context.quoteDepth -= 1
            startBlock(for: Int(node.parent))
        case .pre:
            finishBlock()
            context.preDepth -= 1
            startBlock(for: Int(node.parent))
        case .table:
            finishBlock()
            context.dataTables.removeLast()
            startBlock(for: Int(node.parent))
        case .td, .th:
            if context.dataTables.last == true { return }
            finishBlock()
            startBlock(for: Int(node.parent))
        default:
            if node.tag.isBlock && node.tag != .br && node.tag != .hr {
                finishBlock()
                startBlock(for: Int(node.parent))
            }
        }
    }

    /// A table of data (its rows become lines) rather than one used for layout
    /// (its cells are read like any other container).
    private func isDataTable(_ index: Int) -> Bool {
        var rows = 0
        for descendant in document.descendants(of: index) where document.nodes[descendant].kind == .element {
            switch document.nodes[descendant].tag {
            case .table, .p, .div, .ul, .ol, .blockquote, .h1, .h2, .h3: return false
            case .tr: rows += 1
            case .td, .th: if analysis.ownWeight[descendant] > 400 { return false }
            default: continue
            }
        }
        return rows >= 2
    }

    // MARK: Text

    private mutating func append(_ source: ArraySlice<UInt8>) {
        if context.preDepth > 0 {
            let raw = String(decoding: source, as: UTF8.self)
            emitOpenInlines()
            text += raw
            html += HTMLEscape.text(raw)
            markdown += raw
            return
        }
        // One pass over the bytes collapses whitespace; the result is appended whole.
        var collapsed = [UInt8]()
        collapsed.reserveCapacity(source.count)
        var leadingSpace = false
        var trailingSpace = false
        var needsHTMLEscape = false
        var needsMarkdownEscape = false
        source.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let (kind, length) = Self.classify(bytes, at: index)
                index += length
                switch kind {
                case .space:
                    trailingSpace = true
                    continue
                case .invisible:
                    continue
                case .content:
                    if collapsed.isEmpty {
                        leadingSpace = trailingSpace
                    } else if trailingSpace {
                        collapsed.append(0x20)
                    }
                    trailingSpace = false
                    if length == 1 {
                        needsHTMLEscape = needsHTMLEscape || byte == 0x26 || byte == 0x3C || byte == 0x3E
                        needsMarkdownEscape = needsMarkdownEscape || Self.isMarkdownSpecial(byte)
                        collapsed.append(byte)
                    } else {
                        collapsed.append(contentsOf: bytes[(index - length)..<index])
                    }
                }
            }
        }
        guard !collapsed.isEmpty else {
            if trailingSpace { pendingSpace = !text.isEmpty || pendingSpace }
            return
        }
        if leadingSpace { pendingSpace = !text.isEmpty || pendingSpace }
        emitOpenInlines()
        if pendingSpace {
            if !text.isEmpty {
                text += " "
                html += " "
                markdown += " "
            }
            pendingSpace = false
        }
        let run = String(decoding: collapsed, as: UTF8.self)
        text += run
        html += needsHTMLEscape ? HTMLEscape.text(run) : run
        markdown += needsMarkdownEscape ? Escape.markdown(Substring(run)) : run
        pendingSpace = trailingSpace
    }

    private enum ByteKind { case content, space, invisible }

    /// What the character at `index` is, and how many bytes it takes. Spaces are
    /// ASCII whitespace and the Unicode spaces; invisible are zero-width characters.
    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (ByteKind, Int) {
        let byte = bytes[index]
        if byte < 0x80 {
            return (isASCIISpace(byte) ? .space : .content, 1)
        }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        guard index + length <= bytes.count else { return (.content, bytes.count - index) }
        let second = length > 1 ? bytes[index + 1] : 0
        let third = length > 2 ? bytes[index + 2] : 0
        switch (byte, second, third) {
        case (0xC2, 0xA0, _), (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9),
            (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80):
            return (.space, length)
        case (0xC2, 0xAD, _), (0xE2, 0x80, 0x8B...0x8D), (0xE2, 0x81, 0xA0), (0xEF, 0xBB, 0xBF):
            return (.invisible, length)
        default:
            return (.content, length)
        }
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    private static func isMarkdownSpecial(_ byte: UInt8) -> Bool {
        byte == 0x2A || byte == 0x5F || byte == 0x60 || byte == 0x5B || byte == 0x5D || byte == 0x5C
    }

    private mutating func appendImage(_ index: Int) {
        let candidates = ["src", "data-src", "data-lazy-src", "data-original", "data-url"]
        let document = self.document
        guard
            let raw = candidates.compactMap({ document.attribute($0, of: index) }).first(where: {
                !$0.hasPrefix("data:")
            }), let src = HTMLSanitizer.safeURL(raw, base: baseURL)
        else { return }
        let alt = (document.attribute("alt", of: index) ?? "").collapsingWhitespace()
        let title = document.attribute("title", of: index)?.collapsingWhitespace()
        var tag = "<img src=\"\(HTMLEscape.attribute(src))\" alt=\"\(HTMLEscape.attribute(alt))\""
        if let title, !title.isEmpty { tag += " title=\"\(HTMLEscape.attribute(title))\"" }
        tag += ">"
        let (savedKind, savedSource) = (kind, source)
        finishBlock()
        blocks.append(
            Block(kind: .image, text: "", html: tag, markdown: "![\(alt)](\(Escape.markdownURL(src)))", source: index))
        (kind, source) = (savedKind, savedSource)
    }

    private mutating func emitOpenInlines() {
        for position in inlines.indices where !inlines[position].emitted {
            if pendingSpace && !text.isEmpty {
                text += " "
                html += " "
                markdown += " "
                pendingSpace = false
            }
            html += inlines[position].htmlOpen
            markdown += inlines[position].markdownOpen
            inlines[position].emitted = true
        }
    }

    private mutating func closeInline() {
        guard let inline = inlines.popLast() else { return }
        if inline.emitted {
            html += inline.htmlClose
            markdown += inline.markdownClose
        }
    }

    // MARK: Blocks

    private mutating func startBlock(for element: Int) {
        source = element
        if context.preDepth > 0 {
            kind = .preformatted
        } else if context.listItemDepth > 0 {
            kind = .listItem(ordered: context.lists.last ?? false)
        } else if context.quoteDepth > 0 {
            kind = .quote
        } else {
            kind = .paragraph
        }
    }

    private mutating func finishBlock() {
        for position in inlines.indices.reversed() where inlines[position].emitted {
            html += inlines[position].htmlClose
            markdown += inlines[position].markdownClose
            inlines[position].emitted = false
        }
        defer {
            text = ""
            html = ""
            markdown = ""
            pendingSpace = false
        }
        if kind == .preformatted {
            text = text.trimming("\n")
        }
        guard !text.isEmpty, !reachedComments else { return }
        // A comment section's heading after some of the article ends the article.
        if keptCount >= 2, ArticleExtractor.isCommentHeading(text),
            kind != .paragraph || text.first?.isNumber == true
        {
            reachedComments = true
            return
        }
        let block = Block(kind: kind, text: text, html: html, markdown: markdown, source: source)
        if keep(block) {
            blocks.append(block)
            keptCount += 1
        }
    }
}

/// Escaping for the Markdown the collector writes.
enum Escape {
    static func markdown(_ raw: Substring) -> String {
        var result = ""
        for character in raw {
            if "*_`[]\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    static func markdownURL(_ raw: String) -> String {
        raw.replacingOccurrencesOf(" ", with: "%20").replacingOccurrencesOf(")", with: "%29")
    }
}
