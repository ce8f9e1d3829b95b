import NewsdeskCore
import Testing

@testable import NewsdeskCheck

/// Separators, code, quoted mail, the article's own cross-references and
/// sources are not page furniture. Fixtures are lines and paragraphs of the
/// WCXB benchmark's clean article texts (id in each case; CC-BY-4.0, see
/// Resources/WCXB-NOTICE).
@Suite struct CleanTextBoilerplateTests {
    func found(_ text: String) -> [String] {
        ArticleChecker().check(text).map { "\($0.kind.rawValue): \($0.excerpt)" }
    }

    @Test func separators() {
        // 0440 ("---"), 0121 ("—"), 0435 (a rule before a quoted document).
        #expect(
            found(
                """
                That was not fun. And we’ll definitely make sure that doesn’t happen again.

                ---

                Technical stability is only one side of the coin; the other is the human process that prevents mishaps from reaching production in the first place.

                ---

                Tooling & Security
                """
            ) == [])
        #expect(
            found(
                """
                I didn't get dimensions for this space so it's hard to tell exactly how much square footage I'm working with.

                —

                So…what did we (mostly) learn here today, class? STOP PUTTING YOUR FURNITURE UP AGAINST THE WALL ALL THE TIME.
                """
            ) == [])
        #expect(found("-------------\nCONFIGURING A RS-232 CONSOLE on a 712") == [])
    }

    @Test func codeAndQuotedMail() {
        // 2789: an XML comment in a build file.
        #expect(
            found(
                """
                <Project>
                  <!--
                    Auto-formatting during build.
                  -->
                  <PropertyGroup>
                """
            ) == [])
        // 0435: a quoted question and a request for comments in a mailing-list post.
        #expect(
            found(
                """
                > more work done by not stepping on each others toes.
                > what do you think?

                I'm a big believer in sharing, absolutely.

                Comments?
                """
            ) == [])
    }

    @Test func theArticlesOwnCrossReferences() {
        // 0032: "Also read:" and a list of the writer's own articles.
        #expect(
            found(
                """
                Also read:

                - How to integrate holistic practices into your coaching & enhance client wellness: Insights from real coaches
                - Crafting Personalized Nutrition Plans: A Coach’s Comprehensive Guide to Tailored Success
                - Leveraging Sleep and Heart Rate Data to Enhance Client’s Well-being

                Trend 5: Exercises for mental health
                """
            ) == [])
        // 4835, 4864: a reading suggestion with its title.
        #expect(found("Read more: Philips Sonicare 4100") == [])
        #expect(found(">> Read More: IPvanish 2026 Review") == [])
        // A bare one, its link gone, is still furniture.
        #expect(found("Read more") == ["boilerplate: Read more"])
    }

    @Test func wordsTheArticleIsAbout() {
        // 4445: a post about a newsletter's subscribers (paragraphs of the text, in its order).
        #expect(
            found(
                """
                My average subscriber has engaged with 19.3 different posts. They’re clicking links (7.4 clicks per subscriber). They’re active across an average of 22 days.

                “Subscribers keep joining” ✅

                The pattern was evident: If subscribers stick around past the first week, they become superfans. But I’m losing people in the first 7 days because I’m not giving them a reason to care.

                More posts ≠ more subscribers.
                """
            ) == [])
        // A prompt in a text about something else is still furniture.
        #expect(found("Subscribe to our Newsletters") == ["boilerplate: Subscribe to our Newsletters"])
    }

    @Test func sourcesAndCitationsNameTheirOutlets() {
        // 4067, 2722, 4475, 0472.
        #expect(found("Sources: HomeAdvisor | Houzz | Rocket Mortgage | Realtor.com") == [])
        #expect(found("* Exploring 12 Million Images Used to Train Stable Diffusion – Waxy.org") == [])
        #expect(
            found(
                "MÄKELÄ, K. (n.d.). Coffee and Water – How to Use High Quality Water to Brew the Best Coffee. Retrieved from https://www.baristainstitute.com/node/275"
            ) == [])
        #expect(
            found(
                "5. (n.d.). Agentic workflows vs autonomous AI agents - Do you know the difference?. GOpenAI. https://blog.gopenai.com/agentic-workflows-vs-autonomous-ai-agents-do-you-know-the-difference-c21c9bfb20ac"
            ) == [])
    }
}
