import NewsdeskCore
import Testing

@testable import NewsdeskCheck

/// The acceptance case: every defect the seed page shows is found, and
/// cleaning gives back exactly the article.
@Suite struct SeedTests {
    @Test func everyDefectIsFound() throws {
        let seed = try Fixtures.seed()
        let findings = ArticleChecker().check(seed)
        let found = findings.map { "\($0.kind.rawValue): \($0.excerpt)" }
        #expect(
            found == [
                "boilerplate: – Aljazeera.com, Al Jazeera English",
                "duplicate: Erdogan, Putin announce Idlib ceasefire after Moscow meeting – Aljazeera.com, Al Jazeera English",
                "boilerplate: – Aljazeera.com, Al Jazeera English",
                "garbled-number: 06. 06",
                "boilerplate: More:\n\n  • Turkey-backed fighters recapture key town in Syria’s Idlib\n\n  • Syria’s Idlib sees ghost towns as hundreds of thousands flee\n\n  • Erdogan threatens ‘imminent’ Turkish operation in Syria",
                "part-exceeds-whole: 728 civilians, including at least 823 children",
                "truncated: Russia on March 5,",
                "broken-word: al -Assad",
                "missing-number: to .",
                "truncated: which they said",
                "missing-number: at least people",
                "broken-word: 65 – year-old",
                "boilerplate: • ()",
                "boilerplate: (Read More) Brave Browser",
                "boilerplate: What do you think?",
                "boilerplate: Leave a Reply",
                "boilerplate: Your email address will not be published. Required fields are marked *",
                "boilerplate: GIPHY App Key not set. Please check settings",
                "boilerplate: – Sky News, Sky.com",
                "duplicate: Coronavirus: First patient in UK dies after testing positive for COVID-19 – Sky News, Sky.com",
                "boilerplate: – Sky News, Sky.com",
                "boilerplate: – BBC South East Wales, BBC News",
                "duplicate: Coronavirus: Older patient becomes first virus fatality in UK – BBC South East Wales, BBC News",
                "boilerplate: – BBC South East Wales, BBC News",
            ])
        // Offsets count Unicode scalars and point at the excerpt.
        let scalars = Array(seed.unicodeScalars)
        for finding in findings {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[finding.start..<finding.end])
            #expect(String(view) == finding.excerpt)
            #expect(!finding.message.isEmpty && finding.message.hasSuffix("."))
        }
        #expect(findings.first { $0.kind == .partExceedsWhole }?.start == 1401)
    }

    @Test func cleaningGivesBackTheArticle() throws {
        let result = TextCleaner().clean(try Fixtures.seed())
        #expect(result.title == "Erdogan, Putin announce Idlib ceasefire after Moscow meeting")
        #expect(result.source == TextCleaner.Source(name: "Al Jazeera English", domain: "aljazeera.com"))
        #expect(result.text == (try Fixtures.text("seed-cleaned.txt")))
        #expect(result.text.hasPrefix("Turkish President Recep Tayyip Erdogan"))
        #expect(result.text.hasSuffix("With reporting by Linah Alsaafin in Antakya."))
        #expect(result.text.contains("Russia on March 5,"))  // the photo caption stays
        #expect(!result.text.contains("•"))
        #expect(result.removed.map(\.reason).contains("a list of links"))
        #expect(
            result.removed.last?.text
                == "Coronavirus: Older patient becomes first virus fatality in UK – BBC South East Wales, BBC News")
    }
}
