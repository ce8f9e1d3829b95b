/// Joins blocks into the three body formats.
enum BodyRenderer {
    static func text(_ blocks: [Block]) -> String {
        var output = ""
        var previous: Block.Kind?
        for block in blocks where block.kind != .image {
            if let previous {
                // List items and table rows of one list or table sit on consecutive lines.
                output += sameGroup(previous, block.kind) ? "\n" : "\n\n"
            }
            output += block.text
            previous = block.kind
        }
        return output
    }

    static func markdown(_ blocks: [Block]) -> String {
        var output = ""
        var previous: Block.Kind?
        var rowCount = 0
        for block in blocks {
            if let previous {
                output += sameGroup(previous, block.kind) ? "\n" : "\n\n"
            }
            switch block.kind {
            case .heading(let level):
                output += String(repeating: "#", count: max(2, min(level, 6))) + " " + block.markdown
            case .listItem(let ordered): output += (ordered ? "1. " : "- ") + block.markdown
            case .quote: output += "> " + block.markdown
            case .preformatted: output += "```\n" + block.text + "\n```"
            case .tableRow:
                if case .tableRow = previous ?? .paragraph {} else { rowCount = 0 }
                output += "| " + block.markdown + " |"
                rowCount += 1
                if rowCount == 1 {
                    let cells = block.markdown.components(separatedBy: " | ").count
                    output += "\n|" + String(repeating: " --- |", count: cells)
                }
            case .caption: output += "*" + block.markdown + "*"
            case .paragraph, .image: output += block.markdown
            }
            previous = block.kind
        }
        return output
    }

    static func html(_ blocks: [Block]) -> String {
        var output = ""
        var open: String?  // the open container: "ul", "ol", "table", "blockquote"
        func close() {
            if let tag = open { output += "</\(tag)>\n" }
            open = nil
        }
        func ensure(_ tag: String) {
            if open != tag {
                close()
                output += "<\(tag)>"
                open = tag
            }
        }
        for block in blocks {
            switch block.kind {
            case .listItem(let ordered):
                ensure(ordered ? "ol" : "ul")
                output += "<li>\(block.html)</li>"
            case .tableRow(let header):
                ensure("table")
                let cell = header ? "th" : "td"
                let cells = block.html.components(separatedBy: "\u{1F}").map { "<\(cell)>\($0)</\(cell)>" }.joined()
                output += "<tr>\(cells)</tr>"
            case .quote:
                ensure("blockquote")
                output += "<p>\(block.html)</p>"
            default:
                close()
                switch block.kind {
                case .heading(let level):
                    let h = max(2, min(level, 6))
                    output += "<h\(h)>\(block.html)</h\(h)>\n"
                case .preformatted: output += "<pre><code>\(block.html)</code></pre>\n"
                case .caption: output += "<figure><figcaption>\(block.html)</figcaption></figure>\n"
                case .image: output += "<figure>\(block.html)</figure>\n"
                default: output += "<p>\(block.html)</p>\n"
                }
            }
        }
        close()
        return output
    }

    private static func sameGroup(_ a: Block.Kind, _ b: Block.Kind) -> Bool {
        switch (a, b) {
        case (.listItem, .listItem), (.tableRow, .tableRow), (.quote, .quote): return true
        default: return false
        }
    }
}
