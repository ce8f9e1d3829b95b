import Testing

@testable import NewsdeskHTML

@Suite struct ParserTests {
    @Test func buildsTheTreeInDocumentOrder() throws {
        let document = try HTMLParser.parse(
            "<html><body><div id=a><p>One <b>two</b></p><p>three</p></div></body></html>")
        let div = try #require(document.elements(.div).first)
        #expect(document.attribute("id", of: div) == "a")
        let paragraphs = document.elements(.p, in: div)
        #expect(paragraphs.count == 2)
        #expect(paragraphs.map { document.text(of: $0) } == ["One two", "three"])
        #expect(document.children(of: div).map { document.nodes[$0].tag } == [.p, .p])
        #expect(document.descendants(of: div).upperBound == document.count)
    }

    @Test func repairsUnclosedAndMisnestedTags() throws {
        let document = try HTMLParser.parse("<p>first<p>second <b>bold <i>both</b> italic</i><div>block")
        #expect(document.elements(.p).map { document.text(of: $0) } == ["first", "second bold both italic"])
        #expect(document.text(of: try #require(document.elements(.div).first)) == "block")
    }

    @Test func keepsMarkupInsideScriptsOutOfTheTree() throws {
        let document = try HTMLParser.parse(
            "<body><script>var s = '<p>not a paragraph</p>';</script><p>real</p></body>")
        #expect(document.elements(.p).count == 1)
        #expect(document.text(of: HTMLDocument.root) == "real")
    }

    @Test func keepsJSONDataScripts() throws {
        let document = try HTMLParser.parse(
            "<head><script type=\"application/ld+json\">{\"headline\": \"<b>x</b>\"}</script></head>")
        let script = try #require(document.elements(.script).first)
        #expect(document.rawText(of: script) == "{\"headline\": \"<b>x</b>\"}")
    }

    @Test func decodesEntities() throws {
        let document = try HTMLParser.parse("<p>Fish &amp; chips &mdash; &#8220;quoted&#x201D; &nbsp;&eacute;</p>")
        #expect(document.text(of: HTMLDocument.root) == "Fish & chips — “quoted” é")
    }

    @Test func understandsHTML5Elements() throws {
        let document = try HTMLParser.parse(
            "<main><article><header><h1>T</h1></header><section><p>Body</p></section><figure><figcaption>C</figcaption></figure></article></main>"
        )
        #expect(document.elements(.article).count == 1)
        #expect(document.elements(.figcaption).count == 1)
        let section = try #require(document.elements(.section).first)
        #expect(document.parent(of: section).map { document.nodes[$0].tag } == .article)
    }

    @Test func survivesDeepNesting() throws {
        let depth = 100_000
        let html =
            String(repeating: "<div>", count: depth) + "<p>deep text</p>" + String(repeating: "</div>", count: depth)
        let document = try HTMLParser.parse(html)
        #expect(document.text(of: HTMLDocument.root) == "deep text")
        #expect(document.nodes.map(\.depth).max()! <= Int32(HTMLParser.maximumDepth + 1))
    }

    @Test func resolvesTheBaseURL() throws {
        let document = try HTMLParser.parse("<head><base href=\"/news/\"></head>", url: "https://example.com/a/b")
        #expect(document.baseURL == "https://example.com/news/")
        #expect(URLResolver.resolve("story.html", against: document.baseURL) == "https://example.com/news/story.html")
        #expect(URLResolver.resolve("javascript:alert(1)", against: document.baseURL) == nil)
        #expect(URLResolver.resolve("//cdn.example.com/x.jpg", against: nil) == "https://cdn.example.com/x.jpg")
    }
}
