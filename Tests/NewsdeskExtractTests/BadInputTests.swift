import Foundation
import NewsdeskCore
import Testing

@testable import NewsdeskExtract

/// Every kind of bad input gets its own one-line error, and the batch goes on.
@Suite struct BadInputTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func aBatchOfBadInputsGoesOn() async throws {
        let good = try Fixtures.bytes("metadata/jsonld-graph.html")
        let truncatedGzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xF3, 0x48]
        let paragraph = "<p>This page is far too large to be an article, yet it must fail cleanly.</p>"
        let huge = Array(String(repeating: paragraph, count: 50_000_000 / paragraph.utf8.count + 1).utf8)
        let deep =
            String(repeating: "<div>", count: 100_000)
            + "<p>The text at the bottom of a very deep page survives the nesting, all of it, and reaches the reader intact.</p>"
            + String(repeating: "</div>", count: 100_000)
        let inputs = [
            try write("empty.html", []),
            try write("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]),
            try write("cut.html.gz", truncatedGzip),
            try write("latin1.html", Array("<p>Le caf".utf8) + [0xE9] + Array(" est servi \u{0}".utf8.dropLast())),
            try write("huge.html", huge),
            try write("deep.html", Array(deep.utf8)),
            try write("home.html", try Fixtures.bytes("metadata/homepage.html")),
            directory.appendingPathComponent("missing.html").path,
            directory.path,
            try write("good.html", good),
        ]
        var results: [(String, Result<Article, NewsdeskError>)] = []
        await BatchExtractor(jobs: 2).run(inputs) { results.append(($0, $1)) }

        #expect(results.map(\.0) == inputs)
        func error(_ position: Int) -> NewsdeskError.Code? {
            if case .failure(let error) = results[position].1 { return error.code }
            return nil
        }
        func article(_ position: Int) -> Article? {
            if case .success(let article) = results[position].1 { return article }
            return nil
        }
        #expect(error(0) == .empty)
        #expect(error(1) == .binary)
        #expect(error(2) == .corruptCompression)
        #expect(article(3)?.warnings == ["no article found on the page"])
        #expect(error(4) == .tooLarge)
        #expect(
            article(5)?.text
                == "The text at the bottom of a very deep page survives the nesting, all of it, and reaches the reader intact."
        )
        #expect(article(6)?.text == "")
        #expect(article(6)?.warnings == ["no article found on the page"])
        #expect(error(7) == .notFound)
        #expect(error(8) == .isDirectory)
        #expect(article(9)?.title == "Storm closes ports along the coast")
        for case (_, .failure(let failure)) in results {
            #expect(!failure.message.contains("\n"))
            #expect(failure.message.count < 120)
        }
    }

    @Test func invalidUTF8IsReadNotRefused() throws {
        let bytes: [UInt8] =
            Array("<html><body><article><p>Le caf".utf8) + [0xE9]
            + Array(" du village a rouvert ses portes apr".utf8) + [0xE8]
            + Array(
                "s deux ans de travaux, au grand plaisir des habitants du quartier.</p></article></body></html>".utf8)
        let article = try ArticleExtractor().extract(bytes)
        #expect(
            article.text
                == "Le café du village a rouvert ses portes après deux ans de travaux, au grand plaisir des habitants du quartier."
        )
    }
}

/// Numbers and escapes a page controls, at their extremes.
@Suite struct AbsurdPageValueTests {
    /// A high surrogate followed by an escape that is not its low half underflowed `low - 0xDC00`.
    @Test func aLoneSurrogateInJSONLDIsAReplacementCharacter() throws {
        let page = """
            <html><head><script type="application/ld+json">
            {"@type": "NewsArticle", "headline": "Broken \\uD800\\u0041 pair and a lone \\uDC00 half"}
            </script></head><body><article><p>The text of the article, long enough to be read as one, with
            several words in it so that the extractor keeps it as the body of the page.</p></article></body></html>
            """
        let article = try ArticleExtractor().extract(Array(page.utf8))
        #expect(article.title == "Broken \u{FFFD}A pair and a lone \u{FFFD} half")
    }

    @Test func absurdTableAndImageSizesAreRead() throws {
        let page = """
            <html><body><article>
            <p>A table of figures follows, with spans and sizes no browser would honour, and it must not stop us.</p>
            <table><tr><td colspan="99999999999999999999" rowspan="-9223372036854775808">One</td>
            <td colspan="9223372036854775807">Two</td></tr></table>
            <img src="https://img.example.com/a.jpg" width="99999999999999999999" height="-1" alt="A picture">
            <p>The article goes on after the table, and this paragraph is the end of its text for the test.</p>
            </article></body></html>
            """
        let article = try ArticleExtractor().extract(Array(page.utf8), url: "https://news.example.com/a")
        #expect(article.text.contains("One"))
        #expect(article.text.hasSuffix("this paragraph is the end of its text for the test."))
    }
}
