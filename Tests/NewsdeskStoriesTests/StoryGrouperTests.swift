import Testing

@testable import NewsdeskStories

@Suite("Story grouping")
struct StoryGrouperTests {
    static let sky = StoryArticle(
        id: "sky", title: "Coronavirus: First patient in UK dies after testing positive for COVID-19",
        text: """
            A patient in the UK has died after testing positive for coronavirus, the Royal Berkshire Hospital in \
            Reading said. The patient, who was in their 70s and had underlying health conditions, was being \
            treated at the hospital. The number of confirmed cases in the UK rose to 115.
            """, source: "Sky News", published: 1_583_427_600)
    static let bbc = StoryArticle(
        id: "bbc", title: "Coronavirus: Older patient becomes first virus fatality in UK",
        text: """
            A woman in her 70s with underlying health conditions has become the first person in the UK to die \
            after testing positive for coronavirus. The Royal Berkshire Hospital in Reading said the patient \
            had been treated there. Confirmed UK cases have risen to 115.
            """, source: "BBC News", published: 1_583_431_200)
    static let budget = StoryArticle(
        id: "budget", title: "Chancellor sets out spending plans in first budget",
        text: """
            The chancellor announced billions for roads and broadband in his first budget, with new borrowing \
            planned over the parliament and a cut to business rates for small shops.
            """, source: "BBC News", published: 1_583_852_400)

    @Test func theSeedsTwoReportsAreOneStory() {
        let grouper = StoryGrouper()
        let first = grouper.add(Self.sky)
        let second = grouper.add(Self.bbc)
        let third = grouper.add(Self.budget)
        #expect(first.opened)
        #expect(!second.opened)
        #expect(second.story == first.story)
        #expect(second.score >= grouper.settings.threshold)
        // Title words count double, so the headline's shared words explain the match first.
        #expect(second.sharedTerms == ["patient", "coronavirus", "first", "positive", "testing"])
        #expect(third.opened)
        #expect(third.story != first.story)
    }

    @Test func aStoryClosesAfterItsWindow() {
        let grouper = StoryGrouper()
        _ = grouper.add(Self.sky)
        var later = Self.bbc
        later.published = Self.sky.published! + 10 * 86_400
        #expect(grouper.add(later).opened)
    }

    @Test func withoutTimesEverythingIsSimultaneous() {
        let grouper = StoryGrouper()
        var first = Self.sky
        var second = Self.bbc
        first.published = nil
        second.published = nil
        first.source = nil
        second.source = nil
        #expect(grouper.add(first).story == grouper.add(second).story)
    }

    @Test func termsFoldPluralsAndMarkNamesAndNumbers() {
        let counts = StoryTerms.counts(title: "", text: "The hospitals said Reading had 115 cases.", titleWeight: 2)
        #expect(counts["hospital"] == 1)
        #expect(counts["case"] == 1)
        #expect(counts["#115"] == 1)
        #expect(counts["N:reading"] == 0.5)
        #expect(counts["the"] == nil)
    }
}
