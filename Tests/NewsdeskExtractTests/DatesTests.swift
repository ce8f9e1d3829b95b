import Testing

@testable import NewsdeskExtract

/// Publication and modification dates from each place pages put them. The fixtures
/// are excerpts of the WCXB benchmark pages (`../shared/bench/wcxb`, CC-BY-4.0) cut down
/// to the markup that holds the dates, or small pages built the way those pages are.
@Suite struct DatesTests {
    let extractor = ArticleExtractor()

    func dates(_ html: String, url: String? = nil) -> (published: String?, modified: String?) {
        // A page that cannot be read has no dates, and fails the expectation that follows.
        let article = try? extractor.extract(Array(html.utf8), url: url)
        return (article?.published, article?.modified)
    }

    /// A short article body so that the page is an article.
    static let body = """
        <article><p>The council voted on Tuesday to build a new cycle lane along the river, which should be \
        finished by the summer and cost no more than two million.</p><p>Residents welcomed the decision and \
        asked to be heard on the details of the route.</p></article>
        """

    @Test func jsonLDArticleInAGraphBesideItsWebPage() {
        let html = """
            <html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","@id":"https://x.example/a#webpage","datePublished":"2012-09-12T16:45:28+00:00",
            "dateModified":"2021-09-08T18:02:10+00:00"},
            {"@type":["Article","NewsArticle"],"headline":"How to rent a car",
            "datePublished":"2012-09-12T16:45:28+00:00","dateModified":"2021-09-08T18:02:10+00:00"}]}
            </script></head><body><h1>How to rent a car</h1>\(Self.body)</body></html>
            """
        let found = dates(html)
        #expect(found.published == "2012-09-12T16:45:28+00:00")
        #expect(found.modified == "2021-09-08T18:02:10+00:00")
    }

    @Test func metaTagsOfEveryVocabulary() {
        func page(_ meta: String) -> String {
            "<html><head>\(meta)</head><body><h1>Title</h1>\(Self.body)</body></html>"
        }
        #expect(
            dates(page(#"<meta property="article:published_time" content="2025-06-09T08:00:00Z">"#)).published
                == "2025-06-09T08:00:00+00:00")
        #expect(
            dates(page(#"<meta name="parsely-pub-date" content="2025-06-09T08:00:00Z">"#)).published
                == "2025-06-09T08:00:00+00:00")
        #expect(
            dates(page(#"<meta name="sailthru.date" content="2025-06-09 08:00:00">"#)).published
                == "2025-06-09T08:00:00")
        #expect(dates(page(#"<meta name="DC.date.issued" content="2025-06-09">"#)).published == "2025-06-09")
        #expect(dates(page(#"<meta itemprop="datePublished" content="2025-06-09">"#)).published == "2025-06-09")
        // splunk.com writes the date as its readers see it.
        #expect(dates(page(#"<meta name="published" content="July 17, 2025">"#)).published == "2025-07-17")
        let parsely = #"<meta name="parsely-page" content='{"title":"T","pub_date":"2025-06-09T08:00:00Z"}'>"#
        #expect(dates(page(parsely)).published == "2025-06-09T08:00:00+00:00")
    }

    @Test func timeElementsMarkedOrLabelled() {
        // westbelldentalcare.com (WCXB 0143): an Elementor post-info list.
        let elementor = """
            <html><body><h1>Best oral hygiene products</h1><ul><li class="elementor-icon-list-item">\
            <span class="elementor-post-info__item elementor-post-info__item--type-date"> <time>July 27, 2025</time>\
            </span></li></ul>\(Self.body)</body></html>
            """
        #expect(dates(elementor).published == "2025-07-27")
        // tryotter.com (WCXB 0058): the label in one element, the date in the next.
        let otter = """
            <html><body><h1>10 Trends in catering</h1><div><p class="text-grey-1200 mb-1">Last updated</p>\
            <time class="text-grey-700">Aug 04, 2025</time></div>\(Self.body)</body></html>
            """
        #expect(dates(otter).modified == "2025-08-04")
        // The page shows no other date: the update is the best date it gives.
        #expect(dates(otter).published == "2025-08-04")
        #expect(dates(otter, url: "https://www.tryotter.com/2025/07/30/trends").published == "2025-07-30")
        let marked = """
            <html><body><h1>T</h1><time datetime="2025-06-10">June 10</time> \
            <time pubdate datetime="2025-06-09T10:00:00+02:00">9 June</time>\(Self.body)</body></html>
            """
        #expect(dates(marked).published == "2025-06-09T10:00:00+02:00")
    }

    @Test func visibleDatelinesInManyLanguages() {
        func published(_ line: String, lang: String = "en") -> String? {
            dates("<html lang=\"\(lang)\"><body><h1>T</h1><div class=\"meta\">\(line)</div>\(Self.body)</body></html>")
                .published
        }
        // shorelight.com (WCXB 0114) and gardenary.com (WCXB 0145).
        #expect(published("<div>Published on July 18, 2025</div>") == "2025-07-18")
        #expect(published("<span>Published August 7, 2023</span> <span>by Nicole Burke</span>") == "2023-08-07")
        // franshares.com (WCXB 0245): an ordinal.
        #expect(published("September 1st, 2023 <span>By Emily Norwood</span>") == "2023-09-01")
        #expect(published("Published 9 June 2025") == "2025-06-09")
        // pluralsight.com (WCXB 0059): the reading time beside it.
        #expect(published("<p>Jun 08, 2023 &#8226; 11 Minute Read</p>") == "2023-06-08")
        #expect(published("Veröffentlicht am 09.06.2025, 14:30 Uhr", lang: "de") == "2025-06-09T14:30:00")
        #expect(published("Publié le 9 juin 2025 à 10h15", lang: "fr") == "2025-06-09")
        #expect(published("Publicado el 9 de junio de 2025", lang: "es") == "2025-06-09")
        #expect(published("Pubblicato il 9 giugno 2025", lang: "it") == "2025-06-09")
        #expect(published("Publicado em 9 de junho de 2025", lang: "pt-BR") == "2025-06-09")
        #expect(published("Opublikowano: 9 czerwca 2025 r.", lang: "pl") == "2025-06-09")
        #expect(published("Gepubliceerd op 9 juni 2025", lang: "nl") == "2025-06-09")
        // A page that writes the day first.
        #expect(published("09/06/2025", lang: "en-GB") == "2025-06-09")
        #expect(published("06/09/2025", lang: "en-US") == "2025-06-09")
        #expect(published("2025年6月9日", lang: "zh") == "2025-06-09")
    }

    @Test func theURLPathWhenNothingElseGivesTheDate() {
        let html = "<html><body><h1>T</h1>\(Self.body)</body></html>"
        #expect(
            dates(html, url: "https://scratchculinary.com/2025/09/04/top-nutrition-trends").published == "2025-09-04")
        #expect(dates(html, url: "https://example.com/news/2025-06-09-storm-hits").published == "2025-06-09")
        #expect(dates(html, url: "https://example.com/news/20250609/storm").published == "2025-06-09")
        #expect(dates(html, url: "https://example.com/p/12345678/storm").published == nil)
        #expect(dates(html, url: "https://example.com/2025/06/storm").published == nil)
        // Metadata wins over the URL.
        let meta =
            #"<html><head><meta property="article:published_time" content="2025-06-08"></head>"#
            + "<body><h1>T</h1>\(Self.body)</body></html>"
        #expect(dates(meta, url: "https://example.com/2025/06/09/storm").published == "2025-06-08")
        // A time in UTC just past midnight: the day is the one the site's URL gives.
        let utc =
            #"<html><head><meta property="article:published_time" content="2025-12-19T01:30:00Z"></head>"#
            + "<body><h1>T</h1>\(Self.body)</body></html>"
        #expect(dates(utc, url: "https://example.com/2025/12/18/storm").published == "2025-12-18")
        #expect(dates(utc, url: "https://example.com/2025/12/10/storm").published == "2025-12-19T01:30:00+00:00")
    }

    @Test func theModifiedDateIsKeptApart() {
        // sweat.com (WCXB 0085): the publication date, then the update.
        let sweat = """
            <html><body><h1>How To Use Gym Equipment</h1><div slot="description"><p>\
            <span>August 16, 2019</span> <span>- Updated July 9, 2025</span></p></div>\(Self.body)</body></html>
            """
        #expect(dates(sweat).published == "2019-08-16")
        #expect(dates(sweat).modified == "2025-07-09")
        // Only a modified date in the metadata: it is not the publication date; the URL gives that.
        let onlyModified = """
            <html><head><meta property="article:modified_time" content="2025-07-09T10:00:00Z"></head><body>\
            <h1>T</h1><p>Updated: July 9, 2025</p>\(Self.body)</body></html>
            """
        let found = dates(onlyModified, url: "https://example.com/2019/08/16/gym")
        #expect(found.published == "2019-08-16")
        #expect(found.modified == "2025-07-09T10:00:00+00:00")
        // Without the URL, the update the page shows is the only date it gives.
        #expect(dates(onlyModified).published == "2025-07-09")
        // One line, two dates.
        let both = "<html><body><h1>T</h1><p>Published June 1, 2025 Updated June 3, 2025</p>\(Self.body)</body></html>"
        #expect(dates(both).published == "2025-06-01")
        #expect(dates(both).modified == "2025-06-03")
        #expect(
            dates("<html lang=\"de\"><body><h1>T</h1><p>Aktualisiert am 10.06.2025</p>\(Self.body)</body></html>")
                == ("2025-06-10", "2025-06-10"))
    }

    @Test func datesOfOtherPagesAreNotTheArticles() {
        let html = """
            <html><body><aside class="sidebar"><ul><li>Older post <span>May 2, 2024</span></li></ul></aside>\
            <h1>T</h1>\(Self.body)<div class="comments"><p>Posted June 20, 2025</p></div></body></html>
            """
        #expect(dates(html).published == nil)
    }
}
