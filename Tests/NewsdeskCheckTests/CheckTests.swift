import NewsdeskCore
import Testing

@testable import NewsdeskCheck

/// Each kind on small real-looking cases, and the clean cases that must not fire.
@Suite struct CheckTests {
    let checker = ArticleChecker()

    func kinds(_ text: String) -> [String] {
        checker.check(text).map { "\($0.kind.rawValue): \($0.excerpt)" }
    }

    @Test func missingNumbers() {
        #expect(
            kinds("The storm killed at least people in the north of the country.") == [
                "missing-number: at least people"
            ])
        #expect(kinds("Police said the attack killed , including two officers.") == ["missing-number: killed ,"])
        #expect(
            kinds("The death toll rose on Friday, bringing the total number of victims to .")
                == ["missing-number: to ."])
        #expect(
            kinds("The bill includes just $ billion for border security and £ m for the rest.") == [
                "missing-number: $ billion", "missing-number: £ m",
            ])
        #expect(kinds("It costs $5 billion, or £4bn, or US$ 3 million; profit was £m 12 in the table.") == [])
        #expect(kinds("Policyholders’ Surplus ($ bn)\t2024\tYear Change (%)") == [])
        #expect(kinds("Some people said they would return to the village to rebuild.") == [])
        #expect(kinds("Adults suffer more than children, the study found.") == [])
        #expect(kinds("The number of visitors rose to 12,000 last year, up from 9,500.") == [])
    }

    @Test func partsLargerThanTheirWhole() {
        #expect(
            kinds("The blast killed 12 people, including 15 children, officials said.")
                == ["part-exceeds-whole: 12 people, including 15 children"])
        #expect(kinds("The blast killed 42 people, including at least 15 children, officials said.") == [])
        #expect(kinds("Of 300 applicants, including 120 women, 40 were hired.") == [])
    }

    @Test func garbledNumbers() {
        #expect(kinds("The vote closes at 08. 30 tonight.") == ["garbled-number: 08. 30"])
        #expect(kinds("The meeting starts at 25:70 in the main hall.") == ["garbled-number: 25:70"])
        #expect(kinds("The law takes effect on February 30 next year.") == ["garbled-number: February 30"])
        #expect(kinds("The meeting starts at 10:30 on March 3, 2024. It lasts 2.5 hours.") == [])
        #expect(kinds("Die Stadt zählt 1.000 Einwohner mehr als im Jahr 2019.") == [])
        #expect(kinds("La ville compte 1 000 habitants de plus qu'en 2019.") == [])
    }

    @Test func truncation() {
        #expect(
            kinds("The president shakes hands with the prime minister after their meeting in Paris on March 5,")
                == ["truncated: Paris on March 5,"])
        #expect(
            kinds("The company said it would invest heavily in new plants in the\n\nnext five years.")
                .first == "truncated: plants in the")
        #expect(kinds("The company said it would invest heavily in new plants over the next five years.") == [])
        #expect(kinds("Read the full report here:\n\nhttps://example.com/report") == [])
    }

    @Test func duplicates() {
        let headline = "Floods close schools across the region"
        #expect(kinds("\(headline)\n\n\(headline)\n\nSchools stayed shut on Monday.") == ["duplicate: \(headline)"])
        // A recurring short line far apart (a recipe, an interview question) is not a duplicate.
        #expect(
            kinds(
                "Intro text about the plan.\n\nEat every two to three hours\n\nBreakfast is eggs and toast.\n\nEat every two to three hours"
            ) == [])
    }

    @Test func boilerplate() {
        #expect(kinds("Leave a Reply") == ["boilerplate: Leave a Reply"])
        #expect(kinds("Lesen Sie auch") == ["boilerplate: Lesen Sie auch"])
        #expect(kinds("Tous droits réservés") == ["boilerplate: Tous droits réservés"])
        #expect(kinds("Share") == ["boilerplate: Share"])
        #expect(
            kinds("Sign up for a Hulu ad-free account for $11.99 a month, then add the bundle from your account page.")
                == [])
        #expect(kinds("Which native ad units are the most popular with readers this year?") == [])
    }

    @Test func brokenWords() {
        #expect(kinds("A 34 – year-old man was arrested.") == ["broken-word: 34 – year-old"])
        #expect(kinds("Crown Prince Mohammed bin -Salman met the envoy.") == ["broken-word: bin -Salman"])
        #expect(kinds("Sende- und -Empfangsanlagen wurden geprüft.") == [])
        #expect(kinds("The fighting – which began in May – has displaced thousands.") == [])
    }

    @Test func mojibake() {
        #expect(kinds("The minister didnâ€™t comment.") == ["mojibake: didnâ€™t"])
        // The same garbled sequence is one finding, at its first place, with the count.
        let repeated = ArticleChecker().check("Le cafÃ© est fermÃ©.")
        #expect(repeated.map(\.excerpt) == ["cafÃ©"])
        #expect(repeated.first?.message == "“Ã©” is text decoded with the wrong character set, here and 1 more time.")
        #expect(kinds("Le cafÃ© est fermÃ¨.").map { $0.prefix(13) } == ["mojibake: caf", "mojibake: fer"])
        #expect(kinds("Le café est fermé. Ça va.") == [])
        // WCXB 4526: an en dash read as Latin-1, its two continuation bytes left as C1 controls.
        #expect(
            kinds("We spend hours a day at our desks \u{E2}\u{80}\u{93} and it shows.") == [
                "mojibake: \u{E2}\u{80}\u{93}"
            ])
        #expect(kinds("Voilà \u{2013} à bientôt.") == [])
    }

    @Test func aWellEditedArticleHasNoFindings() {
        let article = """
            Walt Disney Co. executive Kevin Mayer said overwhelming demand and a computer-coding glitch led to widespread problems last week when the Burbank entertainment giant launched Disney+.

            The company struggled to contend with the more than 10 million users who activated their accounts last Tuesday. Disney’s $6.99-a-month service is stocked with movies and TV shows from Pixar Animation, “Star Wars,” Marvel Studios and classic Disney fare.

            “We had some issues ... we had some customer service issues that didn’t make me feel good,” Mayer said at 10:30 a.m. on Tuesday, Nov. 19.
            """
        #expect(checker.check(article) == [])
    }
}
