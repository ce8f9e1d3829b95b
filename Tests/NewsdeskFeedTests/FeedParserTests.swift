import Foundation
import NewsdeskCore
import Testing

@testable import NewsdeskFeed

func parse(_ xml: String, url: String? = nil, headers: [String: String] = [:]) -> ParsedFeed {
    FeedParser.parse(Array(xml.utf8), url: url, headers: headers)
}

@Suite("Feed formats")
struct FeedFormatTests {
    @Test func rss20WithItsModules() throws {
        let parsed = parse(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
                 xmlns:content="http://purl.org/rss/1.0/modules/content/"
                 xmlns:media="http://search.yahoo.com/mrss/">
            <channel>
              <title>World News</title>
              <link>/world</link>
              <description>Latest &amp; greatest</description>
              <language>en-gb</language>
              <ttl>15</ttl>
              <item>
                <title>Quake hits <![CDATA[coast & city]]></title>
                <link>/world/quake</link>
                <guid isPermaLink="false">quake-2026-11-30</guid>
                <pubDate>Mon, 30 Nov 2026 08:15:00 +0100</pubDate>
                <dc:creator>Ana Ruiz</dc:creator>
                <category>Disasters</category>
                <description>&lt;p&gt;A strong quake &lt;script&gt;alert(1)&lt;/script&gt;struck.&lt;/p&gt;</description>
                <content:encoded><![CDATA[<p>Full <a href="/more" onclick="x()">story</a>.</p>]]></content:encoded>
                <enclosure url="https://cdn.example.com/q.jpg" type="image/jpeg" length="1234"/>
                <media:thumbnail url="https://cdn.example.com/q-small.jpg"/>
              </item>
            </channel>
            </rss>
            """, url: "https://news.example.com/feed.xml")
        #expect(!parsed.bozo)
        #expect(parsed.version == "rss20")
        let feed = Feed(parsed)
        #expect(feed.title == "World News")
        #expect(feed.link == "https://news.example.com/world")
        #expect(feed.description == "Latest & greatest")
        #expect(feed.language == "en-gb")
        #expect(feed.refreshInterval == 900)
        let entry = try #require(feed.entries.first)
        #expect(entry.title == "Quake hits coast & city")
        #expect(entry.id == "quake-2026-11-30")
        #expect(entry.link == "https://news.example.com/world/quake")
        #expect(entry.published == FeedTime(year: 2026, month: 11, day: 30, hour: 7, minute: 15))
        #expect(entry.authors == ["Ana Ruiz"])
        #expect(entry.categories == ["Disasters"])
        #expect(entry.summaryHTML == "<p>A strong quake struck.</p>")
        #expect(entry.contentHTML == #"<p>Full <a href="https://news.example.com/more">story</a>.</p>"#)
        #expect(entry.enclosures.first?.url == "https://cdn.example.com/q.jpg")
        #expect(entry.enclosures.first?.length == 1234)
        #expect(entry.imageURL == "https://cdn.example.com/q-small.jpg")
    }

    @Test func atom10TextConstructsAndBase() throws {
        let parsed = parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/" xml:lang="fr">
              <title type="html">Le &lt;em&gt;journal&lt;/em&gt;</title>
              <link rel="alternate" href="index.html"/>
              <link rel="self" href="feed.atom"/>
              <updated>2026-11-30T10:00:00+02:00</updated>
              <entry>
                <id>tag:example.org,2026:1</id>
                <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Un <b>titre</b></div></title>
                <link href="posts/1"/>
                <author><name>Marie</name><email>marie@example.org</email></author>
                <published>2026-11-29T23:30:00Z</published>
                <summary>Deux &amp; trois</summary>
                <content type="xhtml" xml:base="/other/"><div xmlns="http://www.w3.org/1999/xhtml"><p><a href="x">lien</a></p></div></content>
              </entry>
            </feed>
            """)
        #expect(!parsed.bozo)
        #expect(parsed.version == "atom10")
        #expect(parsed.feed.dict("title_detail")?.string("value") == "Le <em>journal</em>")
        #expect(parsed.feed.string("link") == "http://example.org/blog/index.html")
        #expect(parsed.feed.string("language") == "fr")
        let entry = try #require(parsed.entries.first)
        #expect(entry.string("title") == "Un <b>titre</b>")
        #expect(entry.dict("author_detail")?.string("email") == "marie@example.org")
        #expect(entry.string("author") == "Marie (marie@example.org)")
        #expect(entry.string("link") == "http://example.org/blog/posts/1")
        let content = try #require(entry.list("content").first?.dict)
        #expect(content.string("value") == #"<p><a href="http://example.org/other/x">lien</a></p>"#)
        #expect(content.string("language") == "fr")
        let model = Feed(parsed)
        #expect(model.updated == FeedTime(year: 2026, month: 11, day: 30, hour: 8))
        #expect(model.entries.first?.title == "Un titre")
        #expect(model.entries.first?.summaryHTML == "Deux &amp; trois")
    }

    @Test func rss10Rdf() {
        let parsed = parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="http://example.com/"><title>RDF site</title><link>http://example.com/</link></channel>
              <item rdf:about="http://example.com/1"><title>First</title><link>http://example.com/1</link>
                <dc:date>2003-12-31T10:14:55Z</dc:date></item>
            </rdf:RDF>
            """)
        #expect(parsed.version == "rss10")
        #expect(parsed.entries.first?.string("id") == "http://example.com/1")
        #expect(parsed.entries.first?.string("title") == "First")
        #expect(
            Feed(parsed).entries.first?.updated
                == FeedTime(year: 2003, month: 12, day: 31, hour: 10, minute: 14, second: 55))
    }

    @Test func jsonFeed11() throws {
        let parsed = parse(
            """
            {"version": "https://jsonfeed.org/version/1.1", "title": "JSON News",
             "home_page_url": "https://json.example.com/", "feed_url": "https://json.example.com/feed.json",
             "items": [{"id": "1", "url": "https://json.example.com/1", "title": "One",
                        "content_html": "<p>Hi<script>x</script></p>", "date_published": "2026-11-30T09:00:00Z",
                        "authors": [{"name": "Lee"}], "tags": ["a", "b"],
                        "attachments": [{"url": "https://json.example.com/a.mp3", "mime_type": "audio/mpeg"}]}]}
            """)
        #expect(!parsed.bozo)
        #expect(parsed.version == "json11")
        let feed = Feed(parsed)
        #expect(feed.title == "JSON News")
        let entry = try #require(feed.entries.first)
        #expect(entry.contentHTML == "<p>Hi</p>")
        #expect(entry.authors == ["Lee"])
        #expect(entry.categories == ["a", "b"])
        #expect(entry.published == FeedTime(year: 2026, month: 11, day: 30, hour: 9))
        #expect(entry.enclosures.first?.type == "audio/mpeg")
    }
}

@Suite("Large feeds")
struct LargeFeedTests {
    static func feed(items: Int, closed: Bool = true) -> String {
        var xml = "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Big</title>"
        for index in 0..<items {
            xml += """
                <item><title>Story \(index) &amp; more</title><link>https://example.com/\(index)</link>
                <guid isPermaLink="false">id-\(index)</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>
                <dc:creator>Reporter \(index % 7)</dc:creator><category>World</category>
                <description>&lt;p&gt;Lead of story \(index), with &lt;b&gt;bold&lt;/b&gt; words.&lt;/p&gt;</description></item>

                """
        }
        return xml + (closed ? "</channel></rss>" : "")
    }

    /// A feed past the size where reading and building run on two threads gives what a small one does.
    @Test func aLargeFeedReadsLikeASmallOne() throws {
        let large = parse(Self.feed(items: 2000))
        let small = parse(Self.feed(items: 3))
        #expect(Self.feed(items: 2000).utf8.count > EventPipeline.threshold)
        #expect(!large.bozo)
        #expect(large.entries.count == 2000)
        for index in 0..<3 {
            #expect(large.entries[index] == small.entries[index])
        }
        let last = try #require(large.entries.last)
        #expect(last.string("title") == "Story 1999 & more")
        #expect(last.string("id") == "id-1999")
        #expect(last.string("summary") == "<p>Lead of story 1999, with <b>bold</b> words.</p>")
    }

    @Test func aLargeTruncatedFeedKeepsWhatItHas() {
        let parsed = parse(Self.feed(items: 2000, closed: false) + "<item><title>cut off")
        #expect(parsed.bozo)
        #expect(parsed.entries.count == 2001)
    }
}

@Suite("Broken and hostile feeds")
struct HostileFeedTests {
    @Test func illFormedFeedStillGivesItsEntries() {
        let parsed = parse(
            """
            <rss version="2.0"><channel><title>Broken &nbsp;feed</title>
            <item><title>One & two</title><link>http://example.com/1?a=1&b=2</link></item>
            <item><title>Unclosed <b>bold</title></item>
            """)
        #expect(parsed.bozo)
        #expect(parsed.problem != nil)
        #expect(parsed.feed.string("title") == "Broken \u{A0}feed")
        #expect(parsed.entries.count == 2)
        #expect(parsed.entries.first?.string("title") == "One & two")
        #expect(parsed.entries.first?.string("link") == "http://example.com/1?a=1&b=2")
    }

    @Test func externalEntitiesAreNeverRead() {
        let parsed = parse(
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>&secret;</title></channel></rss>
            """)
        #expect(!(parsed.feed.string("title") ?? "").contains("root:"))
    }

    @Test func entityExpansionIsBounded() {
        var doctype = "<!DOCTYPE rss [<!ENTITY a0 \"ha\">"
        for level in 1...12 {
            let previous = String(repeating: "&a\(level - 1);", count: 10)
            doctype += "<!ENTITY a\(level) \"\(previous)\">"
        }
        doctype += "]>"
        let parsed = parse(doctype + "<rss version=\"2.0\"><channel><title>&a12;</title></channel></rss>")
        #expect((parsed.feed.string("title") ?? "").utf8.count < 10_000_000)
        #expect(parsed.bozo)
    }

    @Test(arguments: [
        "", "   ", "not a feed at all", "<html><body><p>a web page</p></body></html>", "{\"json\": true}",
    ])
    func notAFeed(_ text: String) {
        let parsed = parse(text)
        #expect(!parsed.isFeed)
    }

    @Test func binaryGarbageDoesNotCrash() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let parsed = FeedParser.parse(bytes)
        #expect(parsed.bozo)
    }

    @Test func textDeclaredAsHTMLIsSanitisedEverywhere() throws {
        let parsed = parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;img src=x onerror=alert(1)&gt;T</title>
            <entry><summary type="html">&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;&lt;iframe src="//evil"&gt;&lt;/iframe&gt;</summary></entry></feed>
            """)
        #expect(parsed.feed.string("title") == #"<img src="x" />T"#)
        #expect(parsed.entries.first?.string("summary") == "<a>x</a>")
    }
}

@Suite("Dates")
struct FeedDateTests {
    @Test(arguments: [
        ("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +0200", "2004-01-01T17:48:21Z"),
        ("01 Jan 04 19:48 EST", "2004-01-02T00:48:00Z"),
        ("Thu, 1 Jan 2004 19:48:21 PDT", "2004-01-02T02:48:21Z"),
        ("Thu,01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"),
        ("2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"),
        ("2003-12-31T10:14:55.123-08:00", "2003-12-31T18:14:55Z"),
        ("2003-12-31T10:14-0100", "2003-12-31T11:14:00Z"),
        ("2003-12-31 10:14:55", "2003-12-31T10:14:55Z"),
        ("2003-12-31", "2003-12-31T00:00:00Z"),
        ("20031231T101455Z", "2003-12-31T10:14:55Z"),
        ("Wed, 31 Dec 2003 24:00:00 GMT", "2004-01-01T00:00:00Z"),
    ])
    func parsesToUTC(_ raw: String, _ expected: String) throws {
        let time = try #require(FeedDate.parse(raw))
        #expect(time.iso8601 == expected)
    }

    @Test(arguments: ["", "yesterday", "31/12/2003", "2003-13-01", "Thu, 31 Feb 2004 10:00:00 GMT"])
    func refusesWhatIsNoDate(_ raw: String) {
        #expect(FeedDate.parse(raw) == nil)
    }

    @Test func weekdayAndDayOfYearMatchPython() {
        #expect(
            FeedTime(year: 2003, month: 12, day: 31, hour: 10, minute: 14, second: 55).tuple == [
                2003, 12, 31, 10, 14, 55, 2, 365, 0,
            ])
        #expect(FeedTime(year: 2004, month: 1, day: 1).tuple == [2004, 1, 1, 0, 0, 0, 3, 1, 0])
    }
}

@Suite("Character sets")
struct FeedEncodingTests {
    @Test func httpCharsetOverridesTheDeclaration() {
        let bytes: [UInt8] =
            Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>caf".utf8)
            + [0xE9] + Array("</title></channel></rss>".utf8)
        let parsed = FeedParser.parse(
            bytes, url: "http://x.example/", headers: ["Content-Type": "application/rss+xml; charset=iso-8859-1"])
        #expect(parsed.encoding == "iso-8859-1")
        #expect(parsed.feed.string("title") == "café")
    }

    @Test func utf16WithAByteOrderMark() {
        let text =
            "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><title>Ünïcode</title></channel></rss>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let parsed = FeedParser.parse(bytes)
        #expect(parsed.encoding == "utf-16le")
        #expect(parsed.feed.string("title") == "Ünïcode")
        #expect(!parsed.bozo)
    }

    @Test func wrongDeclarationFallsBack() {
        let bytes: [UInt8] =
            Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>caf".utf8)
            + [0xE9] + Array("</title></channel></rss>".utf8)
        let parsed = FeedParser.parse(bytes)
        #expect(parsed.bozo)
        #expect(parsed.feed.string("title") == "café")
    }
}

@Suite("OPML")
struct OPMLTests {
    @Test func readsSubscriptionsWithTheirFolders() throws {
        let document = try OPML.parse(
            Array(
                """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>My feeds</title></head><body>
                  <outline text="World">
                    <outline type="rss" text="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news/world"/>
                    <outline type="rss" title="Al Jazeera" text="AJ" xmlUrl="https://www.aljazeera.com/xml/rss/all.xml"/>
                  </outline>
                  <outline type="rss" text="NPR &amp; Co" xmlUrl="https://feeds.npr.org/1001/rss.xml"/>
                  <outline type="rss" text="Duplicate" xmlUrl="https://feeds.npr.org/1001/rss.xml"/>
                </body></opml>
                """.utf8))
        #expect(document.title == "My feeds")
        #expect(document.problem == nil)
        #expect(
            document.subscriptions == [
                OPML.Subscription(
                    feedURL: "https://feeds.bbci.co.uk/news/world/rss.xml", title: "BBC World",
                    siteURL: "https://www.bbc.co.uk/news/world", folders: ["World"]),
                OPML.Subscription(
                    feedURL: "https://www.aljazeera.com/xml/rss/all.xml", title: "Al Jazeera", folders: ["World"]),
                OPML.Subscription(feedURL: "https://feeds.npr.org/1001/rss.xml", title: "NPR & Co"),
            ])
    }

    @Test func exportReadsBack() throws {
        let subscriptions = [
            OPML.Subscription(
                feedURL: "https://a.example/feed?x=1&y=2", title: "A \"quoted\" <feed>", folders: ["News"]),
            OPML.Subscription(feedURL: "https://b.example/rss", siteURL: "https://b.example/"),
        ]
        let text = OPML.export(subscriptions)
        let document = try OPML.parse(Array(text.utf8))
        #expect(document.problem == nil)
        #expect(document.subscriptions.map(\.feedURL) == ["https://b.example/rss", "https://a.example/feed?x=1&y=2"])
        #expect(document.subscriptions.last?.title == "A \"quoted\" <feed>")
        #expect(document.subscriptions.last?.folders == ["News"])
    }

    @Test func aFeedIsNotOPML() {
        #expect(throws: NewsdeskError.self) {
            try OPML.parse(Array("<rss version=\"2.0\"><channel/></rss>".utf8))
        }
    }
}
