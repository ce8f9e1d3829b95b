import NewsdeskHTML

/// Finds the element that holds the article body: the subtree that collects
/// the most running text while taking in the least furniture text.
struct BodyFinder {
    /// How much a unit of non-paragraph text (links, labels, short lines)
    /// costs against a unit of paragraph text.
    static let furniturePenalty = 1.0

    let analysis: PageAnalysis

    struct Choice {
        var container: Int
        /// Paragraph text weight inside the container.
        var paragraphWeight: Int
    }

    func find() -> Choice? {
        let document = analysis.document
        let nodes = document.nodes
        var good = [Double](repeating: 0, count: nodes.count)
        var bad = [Double](repeating: 0, count: nodes.count)
        for index in stride(from: nodes.count - 1, through: 1, by: -1) {
            let node = nodes[index]
            guard !analysis.dropped[index] else { continue }
            if node.kind == .element, node.tag.isBlock, analysis.ownWeight[index] > 0 {
                let weight = Double(analysis.ownWeight[index])
                if analysis.isParagraphLike(index) {
                    good[index] += weight * (1 - analysis.linkDensity(index))
                } else if node.tag.isHeading {
                    // Subheadings belong to bodies; they neither help nor hurt.
                } else {
                    bad[index] += weight
                }
            }
            let parent = Int(node.parent)
            good[parent] += good[index]
            bad[parent] += bad[index]
        }
        var best: Int?
        var bestScore = 0.0
        for index in 1..<nodes.count where nodes[index].kind == .element && !analysis.dropped[index] {
            let score = good[index] - Self.furniturePenalty * bad[index]
            if score > bestScore {
                bestScore = score
                best = index
            }
        }
        guard let best else { return nil }
        return Choice(container: best, paragraphWeight: Int(good[best]))
    }
}
