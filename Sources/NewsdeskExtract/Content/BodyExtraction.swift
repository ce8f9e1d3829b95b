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
        return containers.flatMap { collector.collect($0) }
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
