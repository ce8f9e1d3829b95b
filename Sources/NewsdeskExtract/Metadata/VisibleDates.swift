import NewsdeskCore
import NewsdeskHTML

/// The dates a page shows its readers: `<time>` elements and short lines that are a
/// date and nothing more ("Published 9 June 2025", "Aktualisiert am 09.06.2025",
/// "June 9th, 2025"), each with what the page says it is. Found in one pass over
/// the nodes that looks closely only at short text holding digits.
struct VisibleDates {
    struct Found {
        var date: PageDate
        var label: DateLabel?
        /// A `<time pubdate>` or an element marked `itemprop="datePublished"`.
        var marked = false
        /// In navigation, a sidebar, comments or related links: another page's date, likely.
        var peripheral = false
        /// Text nodes before this date: how far it stands from the headline.
        var position = 0
    }

    private(set) var found: [Found] = []
    /// Text nodes before the page's first `<h1>`, if it has one.
    private(set) var headingPosition: Int?

    /// The publication date the page shows, most trusted first: a marked `<time>`,
    /// then a line labelled as the publication ("Published", "Veröffentlicht").
    var labelledPublished: PageDate? {
        found.first { !$0.peripheral && $0.marked && $0.label != .modified }?.date
            ?? found.first { !$0.peripheral && $0.label == .published }?.date
    }

    /// A date shown without a label: the article's dateline when it stands close to the
    /// headline (a teaser's date further down belongs to another page); the first date
    /// of a page without a headline.
    var unlabelled: PageDate? {
        let plain = found.filter { !$0.peripheral && $0.label == nil }
        guard let heading = headingPosition else { return plain.first?.date }
        let near = plain.filter {
            ($0.position - heading) <= Self.window.after && (heading - $0.position) <= Self.window.before
        }
        return near.min { abs($0.position - heading) < abs($1.position - heading) }?.date
    }

    /// How many text nodes after (and before) the headline its dateline may stand.
    static let window = (after: 25, before: 12)

    /// The last change the page shows ("Updated", "Zuletzt aktualisiert").
    var modified: PageDate? {
        found.first { !$0.peripheral && $0.label == .modified }?.date
    }

    /// Dates found beyond this many are not looked for: the article's are near the top.
    static let limit = 40

    init(document: HTMLDocument, dayFirst: Bool) {
        // Short text before a date ("Last updated"), read as a label only when a date
        // follows: most short text is a menu item.
        var labelNodes: [(node: Int, position: Int)] = []
        var textNodes = 0
        func inheritedLabel() -> DateLabel? {
            for candidate in labelNodes.reversed() where textNodes - candidate.position <= 3 {
                if let label = DateLabel.of(document.content(of: candidate.node)) { return label }
            }
            return nil
        }
        var index = 0
        while index < document.nodes.count, found.count < Self.limit {
            let node = document.nodes[index]
            if node.kind == .element {
                // Skips scripts, styles and the like; a `<head>` holding the page (as broken pages make it) is read.
                if node.tag.isNonContent, node.tag != .head {
                    index = Int(node.end)
                    continue
                }
                if node.tag == .h1, headingPosition == nil { headingPosition = textNodes }
                if node.tag == .time {
                    if var entry = timeElement(index, in: document, inherited: inheritedLabel(), dayFirst: dayFirst) {
                        entry.position = textNodes
                        found.append(entry)
                        labelNodes.removeAll()
                    }
                    index = Int(node.end)
                    continue
                }
            } else if node.kind == .text {
                let bytes = document.contentBytes(of: index)
                // Whitespace between tags does not count in the distance from the headline.
                if bytes.contains(where: { $0 > 0x20 }) { textNodes += 1 }
                if bytes.count <= 160, DateParser.hasYearOrTime(bytes) {
                    let entries = Self.datelines(
                        String(decoding: bytes, as: UTF8.self), inherited: inheritedLabel(), dayFirst: dayFirst)
                    for var entry in entries {
                        entry.position = textNodes
                        if entry.label == nil { entry.label = Self.ancestorLabel(of: index, in: document) }
                        entry.peripheral = Self.isPeripheral(index, in: document)
                        found.append(entry)
                    }
                    if !entries.isEmpty { labelNodes.removeAll() }
                } else if bytes.count <= 40 {
                    // "Last updated" in an element of its own, or before the element with the date.
                    labelNodes.append((index, textNodes))
                    if labelNodes.count > 3 { labelNodes.removeFirst() }
                }
            }
            index += 1
        }
    }

    private func timeElement(
        _ index: Int, in document: HTMLDocument, inherited: DateLabel?, dayFirst: Bool
    ) -> Found? {
        let text = document.text(of: index)
        guard
            let date = document.attribute("datetime", of: index).flatMap({ DateParser.parse($0) })
                ?? (DateParser.isDateline(text) ? DateParser.parse(text, dayFirst: dayFirst) : nil)
        else { return nil }
        var entry = Found(date: date)
        let itemprop = document.attribute("itemprop", of: index)?.lowercased()
        entry.marked = document.attribute("pubdate", of: index) != nil || itemprop == "datepublished"
        entry.label =
            itemprop.flatMap(DateLabel.ofName) ?? document.attribute("class", of: index).flatMap(DateLabel.ofName)
            ?? DateLabel.of(text) ?? inherited ?? Self.ancestorLabel(of: index, in: document)
        entry.peripheral = Self.isPeripheral(index, in: document)
        return entry
    }

    /// The datelines in one piece of text: split at separators ("|", "•", " - ") and
    /// before a second label ("Published June 1, 2025 Updated June 3, 2025").
    static func datelines(_ text: String, inherited: DateLabel?, dayFirst: Bool) -> [Found] {
        var result: [Found] = []
        let separated = text.replacingOccurrencesOf(" - ", with: "|")
        for segment in separated.split(whereSeparator: { "|•·;\n\t–—".contains($0) }) {
            for piece in splitAtLabels(segment) {
                let trimmed = String(piece).trimming(" -:,.()[]\u{a0}")
                guard DateParser.isDateline(trimmed), let date = DateParser.parse(trimmed, dayFirst: dayFirst)
                else { continue }
                result.append(Found(date: date, label: DateLabel.of(trimmed) ?? inherited))
            }
        }
        return result
    }

    /// Pieces of a segment, a new one starting at each label word that follows digits.
    private static func splitAtLabels(_ segment: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = segment.startIndex
        var sawDigit = false
        var wordStart: Substring.Index?
        var position = segment.startIndex
        while position <= segment.endIndex {
            let character = position < segment.endIndex ? segment[position] : " "
            if character.isLetter {
                if wordStart == nil { wordStart = position }
            } else {
                if let begin = wordStart, sawDigit, DateLabel.words[segment[begin..<position].lowercased()] != nil {
                    pieces.append(segment[start..<begin])
                    start = begin
                    sawDigit = false
                }
                wordStart = nil
                if character.isNumber { sawDigit = true }
            }
            if position == segment.endIndex { break }
            position = segment.index(after: position)
        }
        pieces.append(segment[start...])
        return pieces
    }

    /// A label from the names of the elements around a date ("entry-date published",
    /// "post-updated"), three levels up at most.
    static func ancestorLabel(of index: Int, in document: HTMLDocument) -> DateLabel? {
        var current = document.parent(of: index)
        var steps = 0
        while let element = current, steps < 3 {
            for attribute in document.attributes(of: element)
            where attribute.name == "class" || attribute.name == "id" || attribute.name == "itemprop" {
                if let label = DateLabel.ofName(attribute.value) { return label }
            }
            current = document.parent(of: element)
            steps += 1
        }
        return nil
    }

    /// Names of the parts of a page that carry other pages' dates, found inside a class
    /// or id ("comments-area", "jp-relatedposts").
    private static let peripheralNames = [
        "comment", "related", "widget-area", "recent", "popular", "site-footer", "breadcrumb", "more-from",
        "read-next", "readnext", "trending", "teaser", "reply", "replies",
    ]

    /// Whether a node sits in navigation, a sidebar, comments or related links, or in a
    /// `<footer>` that is not an article's own. The page's `<body>` classes are no guide
    /// ("has-sidebar"), and a sidebar is named as one ("sidebar-left", not "post-sidebar").
    static func isPeripheral(_ index: Int, in document: HTMLDocument) -> Bool {
        var current = document.parent(of: index)
        var inFooter = false
        while let element = current {
            let tag = document.nodes[element].tag
            if tag == .body || tag == .html { break }
            var names: [Substring] = []
            for attribute in document.attributes(of: element) where attribute.name == "class" || attribute.name == "id"
            {
                names += attribute.value.lowercased().split(separator: " ")
            }
            switch tag {
            case .nav: return true
            case .footer: inFooter = true
            case .article: inFooter = false
            default: break
            }
            for name in names where isSidebar(name) || peripheralNames.contains(where: { name.contains($0) }) {
                return true
            }
            current = document.parent(of: element)
        }
        return inFooter
    }

    /// "sidebar", "sidebar-left", "sidebar__inner"; not "post-sidebar" nor a layout's "sidebar_content".
    private static func isSidebar(_ name: Substring) -> Bool {
        name == "sidebar" || name.hasPrefix("sidebar-") || name.hasPrefix("sidebar__")
    }
}
