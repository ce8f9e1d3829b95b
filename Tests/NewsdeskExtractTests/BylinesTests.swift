import Testing

@testable import NewsdeskExtract

/// Bylines are names, never labels, from every place pages put them: excerpts of the WCXB
/// benchmark pages (`../shared/bench/wcxb`, CC-BY-4.0) cut down to the markup that holds them.
@Suite struct BylineLabelTests {
    @Test(arguments: [
        (["By Reviewed by Margaret James"], ["Margaret James"]),
        (["Medically reviewed by Kim Rose-Francis RDN, CDCES, LD"], ["Kim Rose-Francis"]),
        (["Posted byDamien Walter"], ["Damien Walter"]),
        (["Written by Jillian Kubala, MS, RD Medically reviewed by Kim Rose-Francis"], ["Jillian Kubala"]),
        (["By Shelby Loos, DVM . Reviewed by Molly Price, DVM"], ["Shelby Loos"]),
        (["Fact checked by Yarilet Perez", "Jane Doe"], ["Jane Doe"]),
        (["Author: Jane Doe"], ["Jane Doe"]),
        (["Posted by Jane Doe"], ["Jane Doe"]),
        (["Written by: Jane Doe"], ["Jane Doe"]),
        (["Photo: Getty Images"], []),
        (["Jane Doe", "Photo: John Roe"], ["Jane Doe"]),
        (["Updated"], []),
        (["Reviewed by"], []),
        (["Byron Smith"], ["Byron Smith"]),
        (["Mike Marshall, Shipping Expert"], ["Mike Marshall"]),
        (["Von Anna Schmidt"], ["Anna Schmidt"]),
    ])
    func namesWithoutLabels(_ raw: [String], _ expected: [String]) {
        #expect(Byline.clean(raw, excluding: []) == expected)
    }
}

@Suite struct BylineSourcesTests {
    let extractor = ArticleExtractor()

    func authors(_ html: String) throws -> [String] {
        try extractor.extract(Array(html.utf8)).authors
    }

    @Test func aLabelInItsOwnElementThenTheName() throws {
        // tryotter.com (WCXB 0058).
        let html = """
            <html><body><h1>10 Trends in catering</h1><div class="text-body-large"><p class="text-grey-1200 mb-1">\
            Written by</p><p class="text-grey-700">Edzel Tabing</p></div>\(DatesTests.body)</body></html>
            """
        #expect(try authors(html) == ["Edzel Tabing"])
        // A "by" in running text is no byline.
        let running = """
            <html><body><h1>T</h1><article><p>Two libraries, <a href="/a">astring</a> and <a href="/u">uutf</a>, \
            by <span>Daniel Bünzli</span>, are small and well made, and they are used by most of the projects that \
            parse text in the language today.</p></article></body></html>
            """
        #expect(try authors(running) == [])
    }

    @Test func elementsNamedForTheAuthor() throws {
        // btod.com (WCXB 4787): "Posted by :" in the author box.
        let html = """
            <html><body><h1>Standing desk converters</h1><p class="post-meta"><span class="author">\
            <a href="/blog/author/ryan/">Ryan Bald </a></span></p>\(DatesTests.body)\
            <div class="comments"><span class="author">George Oates</span></div></body></html>
            """
        #expect(try authors(html) == ["Ryan Bald"])
        let comment = """
            <html><body><h1>T</h1>\(DatesTests.body)<ul class="jcomments-latest"><li>\
            <span class="author">George Oates</span></li></ul></body></html>
            """
        #expect(try authors(comment) == [])
    }

    @Test func theWrittenByPairOfLinkPreviews() throws {
        // ischool.syracuse.edu (WCXB 0163) and docker.com (WCXB 0451): Yoast's preview labels.
        let html = """
            <html><head><meta name="twitter:label1" content="Written by"><meta name="twitter:data1" \
            content="Colin Madison"><meta name="twitter:label2" content="Est. reading time">\
            <meta name="twitter:data2" content="4 minutes"></head><body><h1>T</h1>\(DatesTests.body)</body></html>
            """
        #expect(try authors(html) == ["Colin Madison"])
    }
}
