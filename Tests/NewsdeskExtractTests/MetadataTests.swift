import Testing

@testable import NewsdeskExtract

@Suite struct MetadataTests {
    let extractor = ArticleExtractor()

    func article(_ fixture: String, url: String? = nil) throws -> Article {
        try extractor.extract(Fixtures.bytes("metadata/" + fixture), url: url)
    }

    @Test func jsonLDInAGraphWins() throws {
        let article = try article("jsonld-graph.html", url: "https://gazette.example/news/storm-closes-ports")
        #expect(article.title == "Storm closes ports along the coast")
        #expect(article.authors == ["Maria Jensen", "Tom O'Neill"])
        #expect(article.published == "2024-03-05T08:30:00+01:00")
        #expect(article.modified == "2024-03-05T11:02:00+01:00")
        #expect(article.siteName == "The Harbour Gazette")
        #expect(article.canonicalURL == "https://gazette.example/news/storm-closes-ports?utm_source=x")
        #expect(article.image == "https://gazette.example/img/storm.jpg")
        #expect(article.tags == ["storm", "ports", "weather"])
        #expect(article.language == "en-GB")
        #expect(article.description == "Ferries stay in harbour as winds reach 120 km/h.")
    }

    @Test func openGraphAndMetaTags() throws {
        let article = try article("opengraph.html")
        #expect(article.title == "Rathaus beschließt neuen Radweg")
        #expect(article.authors == ["Jonas Weber"])
        #expect(article.published == "2023-09-14T17:45:00+02:00")
        #expect(article.modified == "2023-09-15T09:00:00+02:00")
        #expect(article.siteName == "Stadtanzeiger")
        #expect(article.language == "de-DE")
        #expect(article.tags == ["Verkehr", "Stadtrat"])
        #expect(article.canonicalURL == "https://stadtanzeiger.example/lokal/radweg")
        #expect(article.image == "https://stadtanzeiger.example/bilder/radweg.jpg")
        #expect(article.description == "Der Stadtrat stimmt mit großer Mehrheit für den Ausbau.")
    }

    @Test func microdata() throws {
        let article = try article("microdata.html")
        #expect(article.title == "Les vendanges commencent tôt cette année")
        #expect(article.authors == ["Claire Dubois"])
        #expect(article.published == "2022-08-22T06:15:00+02:00")
        #expect(article.siteName == "Le Journal du Vignoble")
        #expect(article.language == "fr")
    }

    @Test func timeElementAndVisibleByline() throws {
        let article = try article("time-and-byline.html")
        #expect(article.title == "Library reopens after two-year renovation")
        #expect(article.authors == ["Priya Natarajan"])
        #expect(article.published == "2021-06-01T10:00:00-04:00")
        #expect(article.language == "en")
    }

    @Test func visibleDatelineWhenNothingElseGivesTheDate() throws {
        let html = """
            <html><body><h1>Storm hits the coast</h1><div class="post-date">Published 11:26 pm EST, Tuesday, November 19, 2019</div>
            <article><p>The storm reached the coast on Tuesday night and flooded several streets near the harbour, officials said.</p>
            <p>Schools will stay closed on Wednesday while crews clear the roads and check the sea walls for damage.</p></article>
            </body></html>
            """
        #expect(try extractor.extract(Array(html.utf8)).published == "2019-11-19T23:26:00-05:00")
    }

    @Test func languageIsDetectedWhenTheMarkupIsSilent() throws {
        let html = """
            <html><body><article><p>Der Stadtrat hat am Donnerstag den Bau eines neuen Radwegs beschlossen, \
            der im Sommer fertig sein soll und nicht mehr als zwei Millionen Euro kosten darf.</p>\
            <p>Die Anwohner sind mit dem Ergebnis der Abstimmung sehr zufrieden und wollen auch weiter mitreden.</p>\
            </article></body></html>
            """
        #expect(try extractor.extract(Array(html.utf8)).language == "de")
    }
}

@Suite struct DateParserTests {
    @Test(arguments: [
        ("2019-11-19T10:00:00Z", "2019-11-19T10:00:00+00:00"),
        ("2019-11-19T10:00:00.000-0500", "2019-11-19T10:00:00-05:00"),
        ("2019-11-19 10:00", "2019-11-19T10:00:00"),
        ("2019-11-19", "2019-11-19"),
        ("Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19T10:00:00+00:00"),
        ("November 19, 2019 10:30 PM ET", "2019-11-19T22:30:00-05:00"),
        ("Nov. 19, 2019", "2019-11-19"),
        ("19 novembre 2019", "2019-11-19"),
        ("19.11.2019", "2019-11-19"),
        ("1574157600", "2019-11-19T10:00:00+00:00"),
    ])
    func parses(_ input: String, _ expected: String) {
        #expect(DateParser.parse(input)?.iso8601 == expected)
    }

    @Test func datelinesAreDatesAndNothingMore() {
        #expect(DateParser.isDateline("June 1, 2021"))
        #expect(DateParser.isDateline("Updated: Tue, Nov. 19, 2019 10:42 AM ET"))
        #expect(!DateParser.isDateline("— The Nigerian Senate (@NGRSenate) October 9, 2018"))
        #expect(!DateParser.isDateline("The vote is on June 1, 2021."))
    }

    @Test func refusesNonDates() {
        #expect(DateParser.parse("yesterday") == nil)
        #expect(DateParser.parse("2019-13-45") == nil)
        #expect(DateParser.parse("") == nil)
    }
}

@Suite struct BylineTests {
    @Test func keepsPeopleAndDropsTheRest() {
        #expect(Byline.clean(["By Jane Doe and John Roe"], excluding: []) == ["Jane Doe", "John Roe"])
        #expect(Byline.clean(["Staff", "Email the author", "news desk"], excluding: []) == [])
        #expect(Byline.clean(["Reuters"], excluding: ["Reuters"]) == [])
        #expect(Byline.clean(["By Priya Natarajan | Updated June 1, 2021"], excluding: []) == ["Priya Natarajan"])
        #expect(Byline.clean(["https://facebook.com/someone"], excluding: []) == [])
        #expect(Byline.clean(["Juan GaonaSeguir", "Juan Gaona", "Seguir"], excluding: []) == ["Juan Gaona"])
        #expect(Byline.clean(["Maria Schmidt (www.example.de)"], excluding: []) == ["Maria Schmidt"])
        #expect(Byline.clean(["Reuters", "PTI", "Cleveland.com", "KWCH"], excluding: []) == [])
        #expect(Byline.clean(["Sarah E. Needleman"], excluding: []) == ["Sarah E. Needleman"])
        #expect(Byline.clean(["Finian Cunningham. Sputnik International"], excluding: []) == ["Finian Cunningham"])
    }

    @Test func titlesLoseTheSiteName() {
        #expect(
            TitleCleaner.strip("Storm closes ports | The Harbour Gazette", siteName: "The Harbour Gazette")
                == "Storm closes ports")
        #expect(TitleCleaner.strip("Gazette - Storm closes ports", siteName: "Gazette") == "Storm closes ports")
        #expect(
            TitleCleaner.strip("Why the sea is rising faster than we thought | Science", siteName: nil)
                == "Why the sea is rising faster than we thought")
        #expect(TitleCleaner.strip("Covid-19: what we know", siteName: "BBC") == "Covid-19: what we know")
    }
}

@Suite struct LenientJSONTests {
    @Test func readsObjectsArraysAndEscapes() throws {
        let value = try #require(
            LenientJSON.parse(#"{"a": [1, 2.5, true, null], "b": "x\"y\u00e9\ud83d\ude00", "c": {"d": -3e2}}"#)
                as? [String: Any])
        let array = try #require(value["a"] as? [Any])
        #expect(array.count == 4)
        #expect(array[0] as? Double == 1)
        #expect(array[1] as? Double == 2.5)
        #expect(array[2] as? Bool == true)
        #expect(value["b"] as? String == "x\"yé😀")
        #expect((value["c"] as? [String: Any])?["d"] as? Double == -300)
    }

    @Test func forgivesWhatPagesBreak() {
        #expect(
            (LenientJSON.parse("{\"headline\": \"two\nlines\",}") as? [String: Any])?["headline"] as? String
                == "two\nlines")
        #expect(LenientJSON.parse("[1, 2,]") as? [Any] != nil)
    }

    @Test func refusesWhatIsNotJSON() {
        #expect(LenientJSON.parse("{\"a\": }") == nil)
        #expect(LenientJSON.parse("var x = {}") == nil)
        #expect(LenientJSON.parse("{\"a\": 1} trailing") == nil)
        #expect(LenientJSON.parse(String(repeating: "[", count: 10_000)) == nil)
    }
}
