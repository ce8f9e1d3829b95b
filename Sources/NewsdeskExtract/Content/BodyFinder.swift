import NewsdeskHTML

/// Finds the elements that hold the article body.
///
/// Each paragraph credits its parent fully and its grandparent by half, so
/// the winner is the element whose own paragraphs read as one text — a list
/// of teaser cards, each paragraph in its own card, scatters its credit. The
/// winner is then widened to an ancestor when several strong candidates sit
/// under it (a body split by ads), and siblings that read as more of the same
/// text are added (a lead paragraph outside the body element), up to a
/// comment section's heading. Elsewhere on the page, elements built from the
/// same template as the winner join it (a body the CMS cut into sections).
struct BodyFinder {
    let analysis: PageAnalysis

    struct Choice {
        /// Elements whose content is the body, in document order.
        var containers: [Int]
        /// Paragraph text weight inside them.
        var paragraphWeight: Int
        /// How they were found.
        var path: ExtractionPath
    }

    /// Paragraph text, other text and link text per subtree, and the credit
    /// each element earns from the paragraphs directly under it.
    private struct Scores {
        var good: [Double]
        var bad: [Double]
        var links: [Double]
        var local: [Double]
    }

    /// One bottom-up pass over the arena (children follow their parents).
    private func measure() -> Scores {
        let document = analysis.document
        let nodes = document.nodes
        let count = nodes.count
        var scores = Scores(
            good: [Double](repeating: 0, count: count), bad: [Double](repeating: 0, count: count),
            links: [Double](repeating: 0, count: count), local: [Double](repeating: 0, count: count))
        for index in stride(from: count - 1, through: 1, by: -1) {
            let node = nodes[index]
            guard !analysis.dropped[index] else { continue }
            let parent = Int(node.parent)
            if node.kind == .element, node.tag.isBlock, analysis.ownWeight[index] > 0 {
                let weight = Double(analysis.ownWeight[index])
                scores.links[index] += Double(analysis.ownLinkWeight[index])
                if analysis.isParagraphLike(index) {
                    scores.good[index] += weight * (1 - analysis.linkDensity(index))
                    let credit = paragraphCredit(index)
                    if node.tag != .p && node.tag != .li { scores.local[index] += credit }
                    scores.local[parent] += credit
                    if let grandparent = document.parent(of: parent) { scores.local[grandparent] += credit / 2 }
                } else if !node.tag.isHeading {
                    scores.bad[index] += weight
                }
            }
            scores.good[parent] += scores.good[index]
            scores.bad[parent] += scores.bad[index]
            scores.links[parent] += scores.links[index]
        }
        return scores
    }

    private func score(_ index: Int, _ scores: Scores) -> Double {
        let total = scores.good[index] + scores.bad[index]
        let linkDensity = total > 0 ? min(scores.links[index] / total, 1) : 0
        return scores.local[index] * (1 - linkDensity) * ClassWeight.factor(of: index, in: analysis)
    }

    func find() -> Choice? {
        let document = analysis.document
        let nodes = document.nodes
        let scores = measure()
        var ranked: [(index: Int, score: Double)] = []
        for index in 1..<nodes.count
        where nodes[index].kind == .element && !analysis.dropped[index] && scores.local[index] > 0 {
            ranked.append((index, score(index, scores)))
        }
        ranked.sort { $0.score > $1.score }
        guard let best = ranked.first?.index else { return nil }
        let top = widenedForSplitBody(ranked)
        var containers = withSiblings(of: top, scores)
        containers += sameTemplate(as: best, in: ranked, besides: containers)
        containers.sort()
        let weight = containers.reduce(0.0) { $0 + scores.good[$1] }
        // The winner holds little of the page's running text: the body is cut
        // into parts the scoring could not join; take the nearest ancestor that
        // holds most of it, unless what it adds reads as teasers.
        if weight < Self.lowShare * scores.good[0],
            let wider = widened(containers, holding: Self.wideShare * scores.good[0], good: scores.good)
        {
            return Choice(containers: [wider], paragraphWeight: Int(scores.good[wider]), path: .widerContainer)
        }
        return Choice(containers: containers, paragraphWeight: Int(weight), path: .body)
    }

    /// The winner, or the ancestor of several strong candidates (a body split
    /// by ads); an only child stands for its parent.
    private func widenedForSplitBody(_ ranked: [(index: Int, score: Double)]) -> Int {
        let document = analysis.document
        var top = ranked[0].index
        let strong = ranked.dropFirst().prefix(4).filter { $0.score >= ranked[0].score * 0.75 }.map(\.index)
        if strong.count >= 2 {
            var ancestor = document.parent(of: top)
            while let candidate = ancestor, candidate != HTMLDocument.root {
                if strong.filter({ document.contains(candidate, $0) }).count >= 2 {
                    top = candidate
                    break
                }
                ancestor = document.parent(of: candidate)
            }
        }
        while let parent = document.parent(of: top), parent != HTMLDocument.root,
            document.nodes[parent].tag != .body, document.children(of: parent).filter({ isMeaningful($0) }).count == 1
        {
            top = parent
        }
        return top
    }

    /// The top element with the siblings that read as more of the article, up
    /// to a comment section's heading.
    private func withSiblings(of top: Int, _ scores: Scores) -> [Int] {
        let document = analysis.document
        let nodes = document.nodes
        guard let parent = document.parent(of: top) else { return [top] }
        var containers: [Int] = []
        let threshold = max(10, score(top, scores) * 0.2)
        var passedTop = false
        for sibling in document.children(of: parent) {
            if sibling == top {
                containers.append(sibling)
                passedTop = true
                continue
            }
            guard nodes[sibling].kind == .element, !analysis.dropped[sibling] else { continue }
            // What follows a comment section's heading is comments.
            if passedTop, analysis.subtreeWeight[sibling] <= 40,
                ArticleExtractor.isCommentHeading(document.text(of: sibling))
            {
                break
            }
            let siblingLinks = scores.links[sibling] / max(scores.good[sibling] + scores.bad[sibling], 1)
            if score(sibling, scores) >= threshold {
                containers.append(sibling)
            } else if analysis.isParagraphLike(sibling), siblingLinks < 0.25, scores.good[sibling] >= 80,
                nodes[sibling].tag == .p || analysis.ownWeight[sibling] >= 200
            {
                containers.append(sibling)
            }
        }
        return containers
    }

    /// Elements built from the winner's template elsewhere on the page: a body
    /// the CMS cut into sections. A short part (an intro of two paragraphs)
    /// scores far below the winner; the shared class vouches for it.
    private func sameTemplate(as best: Int, in ranked: [(index: Int, score: Double)], besides containers: [Int])
        -> [Int]
    {
        let document = analysis.document
        guard let bestClass = document.attribute("class", of: best), !bestClass.isEmpty else { return [] }
        var taken = containers
        for candidate in ranked.dropFirst() where candidate.score >= ranked[0].score * 0.05 {
            let index = candidate.index
            guard document.nodes[index].tag == document.nodes[best].tag,
                document.attribute("class", of: index) == bestClass,
                !taken.contains(where: { document.contains($0, index) || document.contains(index, $0) })
            else { continue }
            taken.append(index)
        }
        return Array(taken.dropFirst(containers.count))
    }

    /// Below this share of the page's running text the winner is widened…
    static let lowShare = 0.6
    /// …to the nearest ancestor holding at least this share.
    static let wideShare = 0.7

    private func widened(_ containers: [Int], holding enough: Double, good: [Double]) -> Int? {
        let document = analysis.document
        var ancestor = document.parent(of: containers[0])
        while let candidate = ancestor, candidate != HTMLDocument.root {
            defer { ancestor = document.parent(of: candidate) }
            guard good[candidate] >= enough, containers.allSatisfy({ document.contains(candidate, $0) }) else {
                continue
            }
            let (paragraphs, cards) = cardCount(in: [candidate], excluding: containers, countLinkLed: true)
            return cards >= 2 && Double(cards) >= Double(paragraphs) * 0.4 ? nil : candidate
        }
        return nil
    }

    /// Whether the chosen text reads as an article rather than a page of
    /// teasers. A teaser is a card: a paragraph alone in its box next to a
    /// headline link. Three or more paragraphs, most of them in cards, make a
    /// front page, not an article.
    func isArticleShaped(_ choice: Choice) -> Bool {
        let (paragraphs, cards) = cardCount(in: choice.containers, excluding: [])
        return !(cards >= 3 && Double(cards) >= Double(paragraphs) * 0.6)
    }

    /// Paragraphs under `containers` but outside `excluded`, and how many of them sit in teaser cards.
    func cardCount(in containers: [Int], excluding excluded: [Int], countLinkLed: Bool = false) -> (
        paragraphs: Int, cards: Int
    ) {
        let document = analysis.document
        var paragraphs = 0
        var cards = 0
        for container in containers {
            var index = container
            while index < Int(document.nodes[container].end) {
                defer { index += 1 }
                if let skip = excluded.first(where: { $0 == index }) {
                    index = Int(document.nodes[skip].end) - 1
                    continue
                }
                guard
                    document.nodes[index].kind == .element && !analysis.dropped[index]
                        && analysis.isParagraphLike(index)
                else { continue }
                paragraphs += 1
                guard let box = document.parent(of: index) else { continue }
                let siblingsWithText = document.children(of: box).filter {
                    $0 != index && document.nodes[$0].kind == .element && analysis.isParagraphLike($0)
                }
                let linkTextAround = analysis.subtreeLinkWeight[box] - analysis.ownLinkWeight[index]
                if siblingsWithText.isEmpty && linkTextAround >= 20 {
                    cards += 1
                } else if countLinkLed, startsWithHeadlineLink(index) {
                    cards += 1
                }
            }
        }
        return (paragraphs, cards)
    }

    /// A teaser in a list: its text opens with a headline link, then the lead.
    private func startsWithHeadlineLink(_ index: Int) -> Bool {
        let document = analysis.document
        guard analysis.ownLinkWeight[index] >= 20 else { return false }
        for child in document.descendants(of: index) {
            let node = document.nodes[child]
            if node.kind == .text {
                if analysis.subtreeWeight[child] > 0 { return false }
            } else if node.tag == .a {
                return analysis.subtreeWeight[child] >= 20
            }
        }
        return false
    }

    /// A paragraph's credit: more for more text and for commas (running prose), capped.
    private func paragraphCredit(_ index: Int) -> Double {
        let weight = Double(analysis.ownWeight[index])
        return 1 + min(weight / 100, 3) + Double(min(commaCount(index), 10))
    }

    /// Commas, the Chinese and Japanese ones ("，" and "、") included.
    private func commaCount(_ index: Int) -> Int {
        var commas = 0
        let document = analysis.document
        for child in document.descendants(of: index) where document.nodes[child].kind == .text {
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in document.contentBytes(of: child) {
                if byte == 0x2C || (previous == (0xEF, 0xBC) && byte == 0x8C)
                    || (previous == (0xE3, 0x80) && byte == 0x81)
                {
                    commas += 1
                }
                previous = (previous.1, byte)
            }
        }
        return commas
    }

    private func isMeaningful(_ index: Int) -> Bool {
        let node = analysis.document.nodes[index]
        if analysis.dropped[index] { return false }
        if node.kind == .text { return analysis.subtreeWeight[index] > 0 }
        return node.kind == .element
    }
}

/// The class and id of a candidate nudge its score, as in Readability.
enum ClassWeight {
    static func factor(of index: Int, in analysis: PageAnalysis) -> Double {
        let document = analysis.document
        switch analysis.classVerdicts.verdict(
            class: document.attribute("class", of: index), id: document.attribute("id", of: index))
        {
        case .content: return 1.5
        case .boilerplate: return 0.6
        case .neutral:
            let tag = document.nodes[index].tag
            return tag == .article || tag == .main ? 1.2 : 1
        }
    }
}
