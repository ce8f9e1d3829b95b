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

    @Test func aReportFindsItsStoryAmongManySharingItsWords() {
        let grouper = StoryGrouper()
        let first = grouper.add(Self.sky)
        // 300 later stories, each in words of its own but sharing a few of the report's, a third each the same
        // few: each such word brings its latest 64 stories, 192 in all, and only the 64 that share the most
        // weight of the report's strongest terms are compared in full text. Its own story must be among them.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let sharedWords = ["coronavirus patient died", "Royal Berkshire Hospital", "underlying health conditions"]
        for number in 0..<300 {
            let code = String([letters[number % 26], letters[number / 26]])
            let words = (0..<10).map { "\(code)term\(letters[$0])" }
            _ = grouper.add(
                StoryArticle(
                    id: "other-\(number)", title: words[0..<4].joined(separator: " "),
                    text: words.joined(separator: " ") + " " + sharedWords[number % 3], published: Self.sky.published))
        }
        #expect(grouper.openStoryCount > 200)
        let second = grouper.add(Self.bbc)
        #expect(!second.opened)
        #expect(second.story == first.story)
    }

    @Test func aStoryClosesAfterItsWindow() {
        let grouper = StoryGrouper()
        _ = grouper.add(Self.sky)
        var later = Self.bbc
        later.published = Self.sky.published! + 10 * 86_400
        #expect(grouper.add(later).opened)
    }

    @Test func anOngoingTopicBecomesAStoryAWeek() {
        let grouper = StoryGrouper()
        var stories: [Int] = []
        for day in 0..<10 {
            var report = day % 2 == 0 ? Self.sky : Self.bbc
            report.id = "day-\(day)"
            report.published = Self.sky.published! + day * 86_400
            stories.append(grouper.add(report).story)
        }
        // Each report comes within the three-day window of the last, but a story closes a week after its
        // first report: days 0 to 7 are one story (the sweep runs hourly), days 8 and 9 another.
        #expect(Set(stories[0...7]).count == 1)
        #expect(Set(stories[8...9]).count == 1)
        #expect(stories[8] != stories[0])
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
        let counts = StoryTerms.counts(
            title: "", text: "The hospitals said Reading had 115 cases after testing.", titleWeight: 2)
        #expect(counts["hospital"] == 1)
        #expect(counts["test"] == 1)
        #expect(counts.words["test"] == "testing")
        #expect(counts["case"] == 1)
        #expect(counts["#115"] == 1)
        #expect(counts["N:reading"] == 0.5)
        #expect(counts["the"] == nil)
    }

    /// Sixty days of news, five events a day with three outlets each, every event in words of its own.
    static func longRun() -> [StoryArticle] {
        let outlets = ["Sky News", "BBC News", "The Guardian"]
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var articles: [StoryArticle] = []
        for day in 0..<60 {
            for event in 0..<5 {
                // Words made of letters only, so that each event's vocabulary is its own.
                let code = String([letters[day % 26], letters[day / 26], letters[event]])
                let words = (0..<8).map { "\(code)word\(letters[$0])" }
                for (number, outlet) in outlets.enumerated() {
                    articles.append(
                        StoryArticle(
                            id: "\(day)-\(event)-\(number)", title: words[0..<4].joined(separator: " "),
                            text: "reports say " + words.shuffled().joined(separator: " ") + " officials said",
                            source: outlet, published: 1_600_000_000 + day * 86_400 + event * 3_600 + number * 600))
                }
            }
        }
        return articles
    }

    @Test func aLongRunHoldsOnlyTheRecentWindow() {
        var settings = StoryGrouper.Settings()
        settings.window = 86_400
        settings.vocabularyMemory = 60
        let grouper = StoryGrouper(settings: settings)
        settings.vocabularyMemory = .max
        let unbounded = StoryGrouper(settings: settings)
        var stories: [Int: Int] = [:]
        var mostOpen = 0
        var mostTerms = 0
        for article in Self.longRun() {
            _ = unbounded.add(article)
            stories[grouper.add(article).story, default: 0] += 1
            mostOpen = max(mostOpen, grouper.openStoryCount)
            mostTerms = max(mostTerms, grouper.vocabularySize)
        }
        // Every event is one story of three reports, however long the run.
        #expect(grouper.storyCount == 300)
        #expect(stories.values.allSatisfy { $0 == 3 })
        // Stories close a day after their last report, and are forgotten: at most two days' are held.
        #expect(mostOpen <= 10)
        // Terms unused in the last 60 articles are forgotten, checked every 15 articles: at most the terms
        // of 75 articles (25 events of 8 words, and 2 words all share) of the 300 events' that came and went.
        #expect(unbounded.vocabularySize == 300 * 8 + 2)
        #expect(mostTerms <= 25 * 8 + 2)
    }

    @Test func thePlacerForgetsTextsOlderThanTheWindow() {
        var settings = StoryGrouper.Settings()
        settings.window = 86_400
        let placer = StoryPlacer(settings: settings)
        var mostTexts = 0
        for article in Self.longRun() {
            var long = article
            long.text = Array(repeating: article.text, count: 4).joined(separator: " ")
            _ = placer.place(long)
            mostTexts = max(mostTexts, placer.held.texts)
        }
        #expect(placer.held.texts <= 30)
        #expect(mostTexts <= 60)
    }
}
