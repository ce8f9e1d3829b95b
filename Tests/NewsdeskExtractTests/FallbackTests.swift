import NewsdeskCore
import Testing

@testable import NewsdeskExtract

/// Each way the body is found, on pages of the WCXB benchmark where it is the
/// way that works (`../shared/bench/wcxb`), and on pages modelled on real ones
/// for the last resorts.
@Suite struct FallbackTests {
    let extractor = ArticleExtractor()

    private func wcxb(_ id: String, url: String) throws -> Article {
        try extractor.extract(SharedPages.wcxb(id), url: url)
    }

    private func paragraphs(_ article: Article) -> [String] {
        article.text.split(separator: "\n").map(String.init)
    }

    @Test func theBodyElementItself() throws {
        let article = try wcxb("0437", url: "https://www.coryd.dev/posts/2021/a-brief-intro-to-git")
        #expect(article.extraction == .body)
        #expect(
            paragraphs(article).first
                == "As a developer, a version control system is a critical part of your toolkit, no matter the size of the project or team you may find yourself working on."
        )
    }

    /// The winner held a ninth of the comparison chart; its ancestor holds the rest.
    @Test func aWiderContainerWhenTheWinnerHoldsLittle() throws {
        let article = try wcxb("4255", url: "https://gurussolutions.com/crm-comparison-chart")
        #expect(article.extraction == .widerContainer)
        #expect(
            paragraphs(article).first
                == "Finding the right Customer Relationship Management (CRM) software for your organization can be challenging, but don't worry, I'm here to help!"
        )
        #expect(paragraphs(article).last == "Ensures productivity away from the office.")
        #expect(article.wordCount == 1621)
    }

    /// Every part of the body sits in an element named "content-nav-section".
    @Test func theDensestRegionWhenClassNamesMislead() throws {
        let article = try wcxb(
            "4091",
            url:
                "https://www.citadelbanking.com/citadel-financial-wellness/learn-and-plan/money-management-for-millennials"
        )
        #expect(article.extraction == .densestRegion)
        #expect(
            paragraphs(article).first?.hasPrefix(
                "Wealth-building strategies matter a lot to millennials—and for a good reason.") == true)
        #expect(article.wordCount == 707)
    }

    /// A poem: no line is long enough to read as running text, so only the markup says where it is.
    @Test func theMicrodataArticleBody() throws {
        let html = """
            <html><head><title>Harbour Lights</title></head><body>
            <nav><a href="/">Home</a> <a href="/poems">Poems</a></nav>
            <article itemscope itemtype="https://schema.org/CreativeWork">
            <h1 itemprop="headline">Harbour Lights</h1>
            <div itemprop="articleBody">
            <p>The ferries sleep along the quay,</p>
            <p>their ropes grown heavy with the sea;</p>
            <p>a lamp still burns above the gate</p>
            <p>for boats that come in late.</p>
            </div>
            </article>
            <footer><a href="/about">About</a></footer>
            </body></html>
            """
        let article = try extractor.extract(Array(html.utf8), url: "https://poems.example/harbour-lights")
        #expect(article.extraction == .microdata)
        #expect(
            article.text == """
                The ferries sleep along the quay,

                their ropes grown heavy with the sea;

                a lamp still burns above the gate

                for boats that come in late.
                """)
    }

    /// A page whose body a script writes: only JSON-LD carries the text.
    @Test func theJSONLDArticleBody() throws {
        let html = """
            <html><head><title>Port reopens after storm</title>
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Port reopens after storm",
             "articleBody": "The port reopened on Wednesday morning after two days of gales.\\nThe first ferry left at 7:15, an hour late, with 212 passengers on board."}
            </script></head>
            <body><div id="root"></div><script src="/app.js"></script></body></html>
            """
        let article = try extractor.extract(Array(html.utf8), url: "https://gazette.example/port")
        #expect(article.extraction == .jsonLD)
        #expect(
            article.text == """
                The port reopened on Wednesday morning after two days of gales.

                The first ferry left at 7:15, an hour late, with 212 passengers on board.
                """)
    }

    @Test func noPathOnAHomePage() throws {
        let article = try extractor.extract(Fixtures.bytes("metadata/homepage.html"))
        #expect(article.extraction == nil)
        #expect(article.text.isEmpty)
    }

    @Test func thePathIsInTheJSON() throws {
        let article = try wcxb("0437", url: "https://www.coryd.dev/posts/2021/a-brief-intro-to-git")
        var writer = JSONWriter()
        writer.beginObject()
        article.writeFields(to: &writer)
        writer.endObject()
        #expect(writer.output.contains(#""extraction":"body""#))
    }
}

/// What kept whole bodies out before, each on the page that showed it.
@Suite struct RecallTests {
    let extractor = ArticleExtractor()

    private func text(_ id: String, url: String) throws -> String {
        try extractor.extract(SharedPages.wcxb(id), url: url).text
    }

    /// A `<button>` left open swallows the rest of the page in libxml2's tree.
    @Test func theTextABrokenButtonSwallowed() throws {
        let text = try text("0044", url: "https://www.investopedia.com/terms/d/digital-marketing.asp")
        #expect(text.hasPrefix("What Is Digital Marketing?\n\n"))
        #expect(
            text.contains(
                "Digital marketing utilizes online platforms, including websites, apps, social media, and search engines"
            ))
    }

    /// React streams the later parts of a page in `<div hidden id="S:…">`.
    @Test func reactsStreamedSegments() throws {
        let text = try text("4503", url: "https://www.fool.com/investing/how-to-invest/index-funds/")
        #expect(text.contains("\nTax considerations\n"))
        #expect(
            text.hasSuffix(
                "If you're interested in growing your money but would rather put some or all of your investments on autopilot, index funds can be a great solution to achieve your financial goals."
            ))
    }

    /// Elementor wraps every paragraph in an "elementor-widget".
    @Test func paragraphsInWidgets() throws {
        let text = try text("0097", url: "https://www.krioda.com/language-learning-apps-compared/")
        #expect(
            text.contains(
                "This insight is particularly relevant when it comes to language learning. If you want to learn a foreign language effectively, you should look for an app that best suits your personal learning habits or offers versatile learning paths."
            ))
    }

    /// "main-wrap has-rail-right" is the layout around a rail, not the rail.
    @Test func aLayoutNamedForItsSidebar() throws {
        let text = try text(
            "0396",
            url:
                "https://developers.slashdot.org/story/25/12/19/236259/stanford-computer-science-grads-find-their-degrees-no-longer-guarantee-jobs"
        )
        #expect(text.hasPrefix("Elite computer science degrees are no longer a guaranteed on-ramp to tech jobs"))
    }

    /// `<a class="has-affiliate-link">Amp</a> ($1,795) is…`: the link's word stays.
    @Test func aLinkNamedAffiliateInASentence() throws {
        let text = try text("0039", url: "https://www.popsugar.com/fitness/amp-fitness-review-49401320")
        #expect(text.contains("\nAmp ($1,795) is the newest addition to the world of smart fitness equipment"))
    }

    /// Highlighted code's `<span class="hljs-comment">` is code.
    @Test func commentsInCode() throws {
        let text = try text("0437", url: "https://www.coryd.dev/posts/2021/a-brief-intro-to-git")
        #expect(text.contains("# this will stage all of your modified and/or untracked files for commit"))
    }

    /// "Recommended" opens furniture; it ends this sentence.
    @Test func aFurnitureWordInsideASentence() throws {
        let text = try text("4185", url: "https://www.jiffylube.com/resource-center/vehicle-maintenance-schedule")
        #expect(
            text.contains(
                "\nSince most drivers experience at least one of these conditions, following the severe maintenance schedule is recommended.\n"
            ))
    }

    /// The page carries its body twice; every paragraph comes once.
    @Test func aBodyGivenTwice() throws {
        let text = try text("1396", url: "https://marketerhire.com/blog/best-social-media-marketing-agency")
        let paragraphs = text.split(separator: "\n").map(String.init).filter { $0.count > 60 }
        #expect(Set(paragraphs).count == paragraphs.count)
        #expect(
            paragraphs.contains(
                "Billions of people are active on social media today, and many of them use it to research brands and make buying decisions. As social media’s reach and influence continue to grow, this marketing channel will only become more important for businesses looking to generate leads and boost sales."
            ))
    }

    @Test func repeatsInOrderAreDroppedLoneRepeatsStay() {
        func block(_ text: String) -> Block { Block(kind: .paragraph, text: text, html: "", markdown: "", source: 0) }
        let lines = (1...6).map { "Paragraph number \($0) of the article, long enough to count as a sentence." }
        let note = "Check availability with the operator before you travel to the park this week."
        let other = "A paragraph said once, between the copies, long enough to count as a sentence."
        let page = [block(note)] + lines.map(block) + [block(other), block(note), block(other + " Twice.")]
        let kept = BodyExtraction.withoutRepeats(page + lines.map(block)).map(\.text)
        #expect(kept == page.map(\.text))
    }
}
