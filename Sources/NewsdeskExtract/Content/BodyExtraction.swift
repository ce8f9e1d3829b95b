import NewsdeskHTML

/// Finds an article's body, falling back step by step when the direct way
/// finds nothing: the body finder on the page as it is (widening its winner
/// when that holds little of the page's text), then on the page with class
/// names not trusted (a body whose wrappers are named "widget" or "nav"),
/// then the element microdata marks as the body, then JSON-LD's `articleBody`.
struct BodyExtraction {
    let document: HTMLDocument
    let metadata: Metadata
    let baseURL: String?

    /// Less running text than this (a sentence) is not an article.
    static let minimumBodyWeight = 50

    func blocks() -> (blocks: [Block], path: ExtractionPath)? {
        let analysis = PageAnalysis(document: document)
        if let found = fromBodyFinder(analysis) { return found }
        let relaxed = PageAnalysis(document: document, trustingClassNames: false)
        if let found = fromBodyFinder(relaxed) { return (found.blocks, .densestRegion) }
        if let found = fromMicrodata(analysis) { return (found, .microdata) }
        if let text = metadata.articleBody, PageAnalysis.weight(of: text) >= Self.minimumBodyWeight {
            let blocks = Self.paragraphs(of: text)
            if !blocks.isEmpty { return (blocks, .jsonLD) }
        }
        return nil
    }

    private func fromBodyFinder(_ analysis: PageAnalysis) -> (blocks: [Block], path: ExtractionPath)? {
        let finder = BodyFinder(analysis: analysis)
        guard let choice = finder.find(), choice.paragraphWeight >= Self.minimumBodyWeight,
            metadata.declaresArticle || finder.isArticleShaped(choice)
        else { return nil }
        let blocks = collect(choice.containers, in: analysis)
        return blocks.contains(where: { $0.kind != .image }) ? (blocks, choice.path) : nil
    }

    /// The element marked `itemprop="articleBody"`, when it holds running text.
    private func fromMicrodata(_ analysis: PageAnalysis) -> [Block]? {
        guard
            let body = document.nodes.indices.first(where: {
                document.nodes[$0].kind == .element
                    && document.attribute("itemprop", of: $0)?.lowercased() == "articlebody"
            }), analysis.subtreeWeight[body] >= Self.minimumBodyWeight
        else { return nil }
        let blocks = collect([body], in: analysis)
        return blocks.contains(where: { $0.kind != .image }) ? blocks : nil
    }

    private func collect(_ containers: [Int], in analysis: PageAnalysis) -> [Block] {
        let filter = BlockFilter(analysis: analysis)
        var collector = BlockCollector(analysis: analysis, baseURL: baseURL, keep: filter.keep)
        return Self.withoutRepeats(containers.flatMap { collector.collect($0) })
    }

    /// A page that carries its body twice (a print copy, a second layout for
    /// phones) gives each paragraph once: a run of five or more blocks that
    /// repeat, in order, blocks that came before is dropped. Lines said again
    /// on their own (the same note under each item, a meal plan's days) stay.
    static func withoutRepeats(_ blocks: [Block]) -> [Block] {
        // Blocks of a sentence or more, by position; shorter ones and images go along with their run.
        let counted = blocks.indices.filter {
            blocks[$0].kind != .image && PageAnalysis.weight(of: blocks[$0].text) >= 50
        }
        var firstSeen: [String: Int] = [:]  // text → its place in `counted`
        var drop = Set<Int>()  // places in `counted`
        var run: [Int] = []
        var expected: Int?  // the place the next block repeats, if the run goes on
        func closeRun() {
            if run.count >= 5 { drop.formUnion(run) }
            run = []
            expected = nil
        }
        for (place, index) in counted.enumerated() {
            let text = blocks[index].text
            guard let original = firstSeen[text] else {
                closeRun()
                firstSeen[text] = place
                continue
            }
            if let expected, original != expected { closeRun() }
            run.append(place)
            expected = original + 1
        }
        closeRun()
        guard !drop.isEmpty else { return blocks }
        // A dropped run takes the short blocks and images between its first and last block with it.
        var dropped = [Bool](repeating: false, count: blocks.count)
        let places = drop.sorted()
        var start = places[0]
        for (position, place) in places.enumerated() {
            let next = position + 1 < places.count ? places[position + 1] : nil
            if next != place + 1 {
                for index in counted[start]...counted[place] { dropped[index] = true }
                if let next { start = next }
            }
        }
        return blocks.indices.filter { !dropped[$0] }.map { blocks[$0] }
    }

    /// Plain text cut into paragraphs at its line breaks.
    static func paragraphs(of text: String) -> [Block] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let paragraph = line.collapsingWhitespace()
            guard !paragraph.isEmpty else { return nil }
            let html = "<p>" + HTMLEscape.text(paragraph) + "</p>"
            return Block(
                kind: .paragraph, text: paragraph, html: html, markdown: Escape.markdown(Substring(paragraph)),
                source: HTMLDocument.root)
        }
    }
}
