import Testing

@testable import NewsdeskStories

@Suite("Term vectors")
struct TermVectorTests {
    static func entries(_ vector: TermVector) -> [[Double]] {
        vector.entries.map { [Double($0.term), $0.weight] }
    }

    @Test func entriesAreKeptInTermOrder() {
        let vector = TermVector([(term: 9, weight: 0.5), (term: 2, weight: 0.25), (term: 5, weight: 1)])
        #expect(Self.entries(vector) == [[2, 0.25], [5, 1], [9, 0.5]])
    }

    @Test func theDotProductTakesOnlySharedTerms() {
        let article = TermVector([(term: 1, weight: 0.5), (term: 4, weight: 0.5), (term: 7, weight: 0.25)])
        let story = TermVector([(term: 4, weight: 2), (term: 7, weight: 4), (term: 8, weight: 1)])
        #expect(article.dot(story) == 2)
        #expect(story.dot(article) == 2)
        #expect(article.dot(TermVector()) == 0)
        #expect(article.products(with: story).map { [Double($0.term), $0.product] } == [[4, 1], [7, 1]])
    }

    @Test func addingSumsSharedTermsAndKeepsTheRest() {
        var story = TermVector([(term: 3, weight: 0.5), (term: 6, weight: 0.25)])
        story.add(TermVector([(term: 1, weight: 1), (term: 6, weight: 0.5), (term: 9, weight: 2)]))
        #expect(Self.entries(story) == [[1, 1], [3, 0.5], [6, 0.75], [9, 2]])
        var empty = TermVector()
        empty.add(story)
        #expect(Self.entries(empty) == Self.entries(story))
        #expect(Self.entries(story.removing([3, 9])) == [[1, 1], [6, 0.75]])
    }
}
