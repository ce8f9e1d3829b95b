import NewsdeskCore
import Testing

@testable import NewsdeskCheck

/// A page may repeat a paragraph on purpose: a pull quote, a template blurb,
/// a table's equal cells, a heading echoing the title. A scraper repeats a
/// run of paragraphs or one right after itself. Fixtures are paragraphs of the
/// WCXB benchmark's clean article texts (ids in the file names; CC-BY-4.0,
/// see Resources/WCXB-NOTICE).
@Suite struct CleanTextDuplicateTests {
    func found(_ text: String) -> [String] {
        ArticleChecker().check(text).map { "\($0.kind.rawValue): \($0.excerpt)" }
    }

    @Test func aParagraphRepeatedOnPurpose() throws {
        // 0363: "Let’s repeat that, with emphasis:" and the definition again.
        #expect(found(try Fixtures.text("wcxb-0363-repeat-with-emphasis.txt")) == [])
        // 4362 (its first paragraph, then events): each organiser’s blurb under each of its events.
        #expect(found(try Fixtures.text("wcxb-4362-events.txt")) == [])
    }

    @Test func equalTableCellsAndAHeadingEchoingTheTitle() {
        // 4253: two columns of a table with the same value.
        #expect(
            found(
                """
                Wave Advisor

                3.4

                1, plus $11 monthly per added user

                1, plus $11 monthly per added user

                N/A
                """
            ) == [])
        // 4102: the title, and a section heading in its own capitals.
        #expect(
            found(
                """
                Cybersecurity Tips for Small Businesses

                - Financial losses from theft of banking information

                Cybersecurity tips for small businesses

                As a small business, you might feel helpless against cyberattacks. Fortunately, you can take steps to protect your company by keeping up with the latest security ideas for businesses. Here are some essential business cybersecurity tips:
                """
            ) == [])
    }

    @Test func aBlockCopiedTwiceIsStillFound() throws {
        // 4615's first paragraph, then two paragraphs of an essay in it, copied again after the third.
        let findings = ArticleChecker().check(try Fixtures.text("wcxb-4615-block-twice.txt"))
        #expect(
            findings.map(\.message) == [
                "This repeats an earlier paragraph word for word.", "This repeats an earlier paragraph word for word.",
            ])
        #expect(findings.map { $0.excerpt.prefix(25) } == ["I look at the ticking, wh", "Cutting the first photogr"])
    }
}
