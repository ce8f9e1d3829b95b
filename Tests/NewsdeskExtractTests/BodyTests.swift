import Testing

@testable import NewsdeskExtract

@Suite struct BodyTests {
    let extractor = ArticleExtractor()

    @Test func keepsTheArticleAndDropsTheFurniture() throws {
        let article = try extractor.extract(
            Fixtures.bytes("metadata/jsonld-graph.html"), url: "https://gazette.example/news/storm")
        #expect(
            article.text == """
                Ferries stayed in harbour on Tuesday as winds of up to 120 km/h swept the coast, and the port authority said no ship would sail before Wednesday morning.

                “We have never closed all four ports at once,” said harbour master Lena Berg, who added that crews had been told to secure containers overnight.

                Forecasters expect the wind to drop by the afternoon, though heavy rain could cause flooding in low-lying streets near the quays.
                """)
        #expect(article.wordCount == 75)  // "km/h" is two words
        #expect(article.warnings.isEmpty)
    }

    @Test func dropsNewsletterPromptsAndCommentForms() throws {
        let article = try extractor.extract(Fixtures.bytes("metadata/time-and-byline.html"))
        #expect(
            article.text == """
                The central library reopened its doors on Tuesday after a renovation that lasted two years and added a children's wing, a recording studio and a rooftop reading garden.

                More than 800 people visited on the first day, according to the city, and the new study rooms were booked out by noon.

                The project cost $14.5 million, slightly less than the budget approved in 2019.
                """)
    }

    @Test func aHomePageHasNoArticle() throws {
        let article = try extractor.extract(Fixtures.bytes("metadata/homepage.html"))
        #expect(article.text == "")
        #expect(article.warnings == ["no article found on the page"])
        #expect(article.title == "Metro Daily — News, sport and weather")
    }

    @Test func rendersHTMLAndMarkdown() throws {
        let html = """
            <html><body><article>
            <p>First paragraph with a <a href="/more?a=1&amp;b=2" onclick="x()">link</a>, <em>emphasis</em> and <strong>weight</strong>, long enough to count.</p>
            <h2>A subheading</h2>
            <ul><li>One item of the list</li><li>Another item of the list</li></ul>
            <blockquote><p>A quotation that the article cites at some length here.</p></blockquote>
            <p>Closing paragraph of the article, also long enough to be counted as text.</p>
            </article></body></html>
            """
        let article = try extractor.extract(Array(html.utf8), url: "https://news.example/story")
        #expect(
            article.text == """
                First paragraph with a link, emphasis and weight, long enough to count.

                A subheading

                One item of the list
                Another item of the list

                A quotation that the article cites at some length here.

                Closing paragraph of the article, also long enough to be counted as text.
                """)
        #expect(
            article.html == """
                <p>First paragraph with a <a href="https://news.example/more?a=1&amp;b=2">link</a>, <em>emphasis</em> and <strong>weight</strong>, long enough to count.</p>
                <h2>A subheading</h2>
                <ul><li>One item of the list</li><li>Another item of the list</li></ul>
                <blockquote><p>A quotation that the article cites at some length here.</p></blockquote>
                <p>Closing paragraph of the article, also long enough to be counted as text.</p>

                """)
        #expect(
            article.markdown == """
                First paragraph with a [link](https://news.example/more?a=1&b=2), *emphasis* and **weight**, long enough to count.

                ## A subheading

                - One item of the list
                - Another item of the list

                > A quotation that the article cites at some length here.

                Closing paragraph of the article, also long enough to be counted as text.
                """)
    }

    @Test func captionsWithPhotoCreditsGo() throws {
        let html = """
            <html><body><article>
            <p>The earthquake of magnitude 7.4 caused an emergency with social and economic effects across the country - crédito @someone/X</p>
            <p>The emergency caused by the earthquake has left hundreds dead and thousands injured, officials said on Monday.</p>
            <p>Consumption fell by almost nine percent during the week of the quake, according to an analysis by a bank.</p>
            </article></body></html>
            """
        let article = try extractor.extract(Array(html.utf8))
        #expect(article.text.hasPrefix("The emergency caused by the earthquake"))
    }

    @Test func aLayoutTableWithABylineLine() throws {
        let article = try extractor.extract(Fixtures.bytes("metadata/layout-table.html"))
        #expect(article.title == "Council votes on budget")
        #expect(article.authors == ["John Smith"])
        #expect(article.text.hasPrefix("The town council voted on Tuesday"))
        #expect(article.text.hasSuffix("on the design of the new bridge."))
    }

    @Test func commentsAfterTheArticleAreNotTheArticle() throws {
        let article = try extractor.extract(Fixtures.bytes("metadata/comments-after.html"))
        #expect(article.text.hasSuffix("to water new ones for at least three summers."))
        #expect(!article.text.contains("says:"))
    }

    @Test func linksInTheBodyAreSafe() throws {
        let html = """
            <html><body><article>
            <p>A paragraph with a <a href="jav&#x09;ascript:alert(1)">hostile link</a> and a <a href="/ok">safe one</a>, long enough.</p>
            <p>Another paragraph of the article follows here so that the body is long enough to count as one.</p>
            </article></body></html>
            """
        let article = try extractor.extract(Array(html.utf8), url: "https://news.example/story")
        #expect(!article.html.lowercased().contains("script"))
        #expect(article.html.contains(#"<a href="https://news.example/ok">safe one</a>"#))
    }

    @Test func textOfDataTablesKeepsRows() throws {
        let html = """
            <html><body><article><p>The results of the vote, district by district, were published this morning by the electoral office.</p>
            <table><tr><th>District</th><th>Turnout</th></tr><tr><td>North</td><td>61%</td></tr><tr><td>South</td><td>58%</td></tr></table>
            </article></body></html>
            """
        let article = try extractor.extract(Array(html.utf8))
        #expect(article.text.hasSuffix("District | Turnout\nNorth | 61%\nSouth | 58%"))
        #expect(
            article.html.contains(
                "<table><tr><th>District</th><th>Turnout</th></tr><tr><td>North</td><td>61%</td></tr>"))
    }
}

/// Real pages from the shared benchmark: the body starts and ends where a reader's would.
@Suite struct RealPageTests {
    let extractor = ArticleExtractor()

    @Test func latimesStory() throws {
        let article = try extractor.extract(SharedPages.page("098bb3e9"))
        #expect(article.title == "Disney+ glitches blamed on heavy demand says executive Kevin Mayer")
        #expect(article.text.hasPrefix("Walt Disney Co. executive Kevin Mayer said overwhelming demand"))
        #expect(!article.text.contains("Subscribe"))
        #expect(!article.text.contains("Advertisement"))
    }

    @Test func quantaSectionsAreAllKept() throws {
        let article = try extractor.extract(SharedPages.page("bdb56ac8"))
        #expect(article.text.hasPrefix("When the immunologist De’Broski Herbert"))
        #expect(article.text.contains("Not Merely Taste and Smell Receptors"))
        #expect(article.text.contains("A Job for Tuft Cells"))
        #expect(article.authors == ["Carrie Arnold"])
    }

    @Test func bloggerPostWithoutParagraphTags() throws {
        let article = try extractor.extract(SharedPages.page("34a73285"))
        #expect(article.text.hasPrefix("Photos which were released online"))
        #expect(article.text.contains("Veteran Nollywood actress, Kate Henshaw"))
        #expect(article.warnings.isEmpty)
    }
}
