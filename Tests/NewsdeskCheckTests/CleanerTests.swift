import Testing

@testable import NewsdeskCheck

@Suite struct CleanerTests {
    @Test func menusAroundAnArticleGo() {
        let scraped = """
            Library reopens after two-year renovation | Riverside Weekly

            Home
            News
            Sport
            Events
            Subscribe

            The central library reopened its doors on Tuesday after a renovation that lasted two years and added a children's wing.

            New study rooms

            More than 800 people visited on the first day, according to the city, and the study rooms were booked out by noon.

            Share
            Tweet
            3 Comments
            jane says:
            Lovely to have it back, the new reading garden on the roof is wonderful and the staff were so helpful.
            © 2021 Riverside Weekly. All rights reserved.
            """
        let result = TextCleaner().clean(scraped)
        #expect(result.title == "Library reopens after two-year renovation")
        #expect(result.source == TextCleaner.Source(name: "Riverside Weekly", domain: nil))
        #expect(
            result.text == """
                The central library reopened its doors on Tuesday after a renovation that lasted two years and added a children's wing.

                New study rooms

                More than 800 people visited on the first day, according to the city, and the study rooms were booked out by noon.
                """)
        #expect(
            result.removed.contains(TextCleaner.Removal(text: "3 Comments", reason: "the start of reader comments")))
    }

    @Test func nothingToCleanGivesNothing() {
        #expect(TextCleaner().clean("").text == "")
        #expect(TextCleaner().clean("Home\nNews\nSport").text == "")
    }
}
