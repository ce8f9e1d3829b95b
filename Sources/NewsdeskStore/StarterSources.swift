/// The sources a new database starts with: major world-news outlets' public
/// feeds. The same list is `Resources/starter-sources.opml`; a test keeps the two equal.
public enum StarterSources {
    public static let opml = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>Newsdesk starter sources: world news</title>
          </head>
          <body>
            <outline text="World" title="World">
              <outline type="rss" text="BBC News: World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news/world"/>
              <outline type="rss" text="Al Jazeera English" xmlUrl="https://www.aljazeera.com/xml/rss/all.xml" htmlUrl="https://www.aljazeera.com/"/>
              <outline type="rss" text="Sky News: World" xmlUrl="https://feeds.skynews.com/feeds/rss/world.xml" htmlUrl="https://news.sky.com/world"/>
              <outline type="rss" text="NPR: World" xmlUrl="https://feeds.npr.org/1004/rss.xml" htmlUrl="https://www.npr.org/sections/world/"/>
              <outline type="rss" text="The Guardian: World" xmlUrl="https://www.theguardian.com/world/rss" htmlUrl="https://www.theguardian.com/world"/>
              <outline type="rss" text="France 24" xmlUrl="https://www.france24.com/en/rss" htmlUrl="https://www.france24.com/en/"/>
              <outline type="rss" text="DW" xmlUrl="https://rss.dw.com/rdf/rss-en-all" htmlUrl="https://www.dw.com/en/"/>
              <outline type="rss" text="ABC News (Australia): Just In" xmlUrl="https://www.abc.net.au/news/feed/51120/rss.xml" htmlUrl="https://www.abc.net.au/news/justin"/>
              <outline type="rss" text="CBC News: World" xmlUrl="https://www.cbc.ca/webfeed/rss/rss-world" htmlUrl="https://www.cbc.ca/news/world"/>
              <outline type="rss" text="The Hindu: International" xmlUrl="https://www.thehindu.com/news/international/feeder/default.rss" htmlUrl="https://www.thehindu.com/news/international/"/>
              <outline type="rss" text="The New York Times: World" xmlUrl="https://rss.nytimes.com/services/xml/rss/nyt/World.xml" htmlUrl="https://www.nytimes.com/section/world"/>
              <outline type="rss" text="The Washington Post: World" xmlUrl="https://feeds.washingtonpost.com/rss/world" htmlUrl="https://www.washingtonpost.com/world/"/>
              <outline type="rss" text="CNN: World" xmlUrl="http://rss.cnn.com/rss/edition_world.rss" htmlUrl="https://edition.cnn.com/world"/>
              <outline type="rss" text="Euronews" xmlUrl="https://www.euronews.com/rss?format=mrss&amp;level=theme&amp;name=news" htmlUrl="https://www.euronews.com/news"/>
              <outline type="rss" text="RFI English" xmlUrl="https://www.rfi.fr/en/rss" htmlUrl="https://www.rfi.fr/en/"/>
              <outline type="rss" text="The Japan Times" xmlUrl="https://www.japantimes.co.jp/feed/" htmlUrl="https://www.japantimes.co.jp/"/>
              <outline type="rss" text="South China Morning Post: World" xmlUrl="https://www.scmp.com/rss/91/feed" htmlUrl="https://www.scmp.com/news/world"/>
              <outline type="rss" text="The Independent: World" xmlUrl="https://www.independent.co.uk/news/world/rss" htmlUrl="https://www.independent.co.uk/news/world"/>
              <outline type="rss" text="CBS News: World" xmlUrl="https://www.cbsnews.com/latest/rss/world" htmlUrl="https://www.cbsnews.com/world/"/>
              <outline type="rss" text="ABC News (US): International" xmlUrl="https://abcnews.go.com/abcnews/internationalheadlines" htmlUrl="https://abcnews.go.com/International"/>
            </outline>
          </body>
        </opml>
        """#
}
