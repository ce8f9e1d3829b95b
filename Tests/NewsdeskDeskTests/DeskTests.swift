import Foundation
import NewsdeskFetch
import NewsdeskStore
import NewsdeskTestSupport
import Testing

@testable import NewsdeskDesk

/// A small news site: a feed of three items; two pages report one event, the third is missing.
func newsSite(_ base: @escaping @Sendable () -> String) -> TestServer.Route {
    { path, headers, _ in
        switch path {
        case "/feed.xml":
            if headers["if-none-match"] == "\"v1\"" { return .ok(.notModified) }
            let items = [
                ("quake-1", "/quake-agency.html", "Quake hits coastal province", "Mon, 30 Nov 2026 06:00:00 GMT"),
                (
                    "quake-2", "/quake-paper.html", "Earthquake kills dozens on the coast",
                    "Mon, 30 Nov 2026 07:00:00 GMT"
                ),
                ("budget", "/budget.html", "Chancellor sets out budget", "Mon, 30 Nov 2026 08:00:00 GMT"),
            ].map { guid, page, title, date in
                "<item><guid isPermaLink=\"false\">\(guid)</guid><link>\(base())\(page)?utm_source=rss</link>"
                    + "<title>\(title)</title><pubDate>\(date)</pubDate><description>&lt;p&gt;\(title): "
                    + "the feed's own summary.&lt;/p&gt;</description></item>"
            }.joined()
            return .text(
                "<rss version=\"2.0\"><channel><title>Test News</title><ttl>30</ttl>\(items)</channel></rss>",
                headers: [("ETag", "\"v1\""), ("Content-Type", "application/rss+xml")])
        case "/quake-agency.html":
            return .text(page("Quake hits coastal province", quakeText), headers: [("Content-Type", "text/html")])
        case "/quake-paper.html":
            return .text(
                page("Earthquake kills dozens on the coast", quakeRewritten), headers: [("Content-Type", "text/html")])
        case "/robots.txt":
            return .text("User-agent: *\nAllow: /\n")
        default:
            return .text("not here", .notFound)
        }
    }
}

let quakeText = """
    Rescue teams searched through the night for survivors after a magnitude 6.8 earthquake struck the coastal \
    province early on Tuesday, flattening homes and cutting power to much of the region. The national disaster \
    agency said at least 41 people had died and more than 300 were injured, most of them in two fishing towns \
    close to the epicentre.
    """
let quakeRewritten = """
    At least 41 people were killed when a magnitude 6.8 earthquake hit the coastal province before dawn on \
    Tuesday, the national disaster agency said, and more than 300 were injured in fishing towns near the \
    epicentre. Rescue teams worked through the night as power was cut across the region.
    """

func page(_ title: String, _ text: String) -> String {
    "<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>"
        + text.split(separator: ".").map { "<p>\($0).</p>" }.joined() + "</article></body></html>"
}

@Suite("The desk")
struct DeskTests {
    @Test func ingestStoresGroupsAndSkipsWhatItHas() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "newsdesk-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("desk.sqlite").path)
        final class Base: @unchecked Sendable { var value = "" }
        let base = Base()
        let server = try await TestServer.start(route: newsSite { base.value })
        base.value = server.base
        var settings = FetchSettings()
        settings.allowedAddresses = ["127.0.0.1"]
        settings.perHostDelay = .zero
        settings.retries = 0
        let fetcher = Fetcher(settings: settings)
        let source = try store.addSource(
            feedURL: server.base + "/feed.xml", title: "Test News", siteURL: nil, folder: nil, at: 0)
        let unreachable = try store.addSource(
            feedURL: "http://127.0.0.1:9/feed.xml", title: nil, siteURL: nil, folder: nil, at: 0)

        let desk = try Desk(store: store, fetcher: fetcher, now: 1_000)
        let report = try await desk.ingestDue(now: 1_000)
        #expect(report.sourcesPolled == 2)
        #expect(report.sourcesFailed == 1)
        #expect(report.newArticles == 3)
        #expect(report.fromFeed == 1)
        #expect(report.newStories == 2)
        #expect(try store.articleCount() == 3)

        // Tracking parameters are not part of an article's identity; the two quake reports are one story.
        let agency = try #require(
            try store.articleID(url: server.base + "/quake-agency.html", sourceID: nil, guid: nil))
        let paper = try #require(try store.articleID(url: server.base + "/quake-paper.html", sourceID: nil, guid: nil))
        let budget = try #require(try store.articleID(url: server.base + "/budget.html", sourceID: nil, guid: nil))
        let quakeStory = try #require(try store.membership(ofArticle: agency)).storyID
        #expect(try store.membership(ofArticle: paper)?.storyID == quakeStory)
        #expect(try store.membership(ofArticle: budget)?.storyID != quakeStory)
        #expect(try store.search("fishing", limit: 5).count == 2)

        // The health of each source is kept; the failing one waits longer.
        let sources = try store.sources()
        let followed = try #require(sources.first { $0.id == source.id })
        #expect(followed.itemsSeen == 3)
        #expect(followed.etag == "\"v1\"")
        #expect(followed.nextPollAt == 1_000 + 30 * 60)
        let failing = try #require(sources.first { $0.id == unreachable.id })
        #expect(failing.failures == 1)
        #expect(failing.lastError?.contains("cannot connect") == true)
        #expect(failing.nextPollAt > 1_000 + 15 * 60)

        // A new desk on the same store, later: the feed answers 304, nothing is stored twice.
        let again = try Desk(store: store, fetcher: fetcher, now: 1_000 + 3_600)
        let second = try await again.ingestDue(now: 1_000 + 3_600)
        #expect(second.newArticles == 0)
        #expect(try store.articleCount() == 3)
        await fetcher.shutdown()
        await server.stop()
    }

    /// A desk on a new store in a temporary folder, and a fetcher allowed to reach the test server.
    static func makeDesk(_ folder: URL, now: Int) throws -> (SQLiteStore, Fetcher, Desk) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("desk.sqlite").path)
        var settings = FetchSettings()
        settings.allowedAddresses = ["127.0.0.1"]
        settings.perHostDelay = .zero
        settings.retries = 0
        let fetcher = Fetcher(settings: settings)
        return (store, fetcher, try Desk(store: store, fetcher: fetcher, now: now))
    }

    @Test func aChangedEntryIsFetchedAgainAndItsRevisionKept() async throws {
        final class Site: @unchecked Sendable {
            var base = ""
            var edited = false
        }
        let site = Site()
        let server = try await TestServer.start { path, _, _ in
            let title = site.edited ? "Quake toll rises to 57" : "Quake hits coastal province"
            let text = site.edited ? quakeText.replacingOccurrences(of: "at least 41", with: "at least 57") : quakeText
            switch path {
            case "/feed.xml":
                let updated = site.edited ? "Mon, 30 Nov 2026 09:30:00 GMT" : "Mon, 30 Nov 2026 06:00:00 GMT"
                return .text(
                    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Wire</title>"
                        + "<item><guid isPermaLink=\"false\">quake</guid><link>\(site.base)/quake.html</link>"
                        + "<title>\(title)</title><pubDate>Mon, 30 Nov 2026 06:00:00 GMT</pubDate>"
                        + "<atom:updated>\(updated)</atom:updated></item>"
                        + "<item><guid isPermaLink=\"false\">budget</guid><link>\(site.base)/budget.html</link>"
                        + "<title>Chancellor sets out budget</title></item></channel></rss>")
            case "/quake.html":
                return .text(page(title, text), headers: [("Content-Type", "text/html")])
            case "/budget.html":
                return .text(page("Chancellor sets out budget", budgetText), headers: [("Content-Type", "text/html")])
            default:
                return .text("not here", .notFound)
            }
        }
        site.base = server.base
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-desk-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, fetcher, desk) = try Self.makeDesk(folder, now: 1_000)
        _ = try store.addSource(feedURL: server.base + "/feed.xml", title: "Wire", siteURL: nil, folder: nil, at: 0)

        let first = try await desk.ingestDue(now: 1_000)
        #expect(first.newArticles == 2)
        let quake = try #require(try store.articleID(url: server.base + "/quake.html", sourceID: nil, guid: nil))
        let story = try #require(try store.membership(ofArticle: quake)).storyID

        // Unchanged in the feed: not fetched again.
        let pagesBefore = server.requests.filter { $0.path == "/quake.html" }.count
        let quiet = try await desk.ingestDue(now: 1_000 + 3_600)
        #expect(quiet.newArticles == 0 && quiet.revisedArticles == 0)
        #expect(server.requests.filter { $0.path == "/quake.html" }.count == pagesBefore)

        // The outlet changes the headline and a number: one article, two revisions, the same story.
        site.edited = true
        let second = try await desk.ingestDue(now: 1_000 + 7_200)
        #expect(second.newArticles == 0)
        #expect(second.revisedArticles == 1)
        #expect(try store.articleCount() == 2)
        #expect(try store.articleID(url: server.base + "/quake.html", sourceID: nil, guid: nil) == quake)
        let revisions = try store.revisions(ofArticle: quake)
        #expect(revisions.map(\.revision) == [1])
        #expect(revisions.first?.title == "Quake hits coastal province")
        #expect(revisions.first?.text.contains("at least 41 people") == true)
        let reports = try store.reports(ofStory: story)
        #expect(reports.map(\.title) == ["Quake toll rises to 57"])
        #expect(reports.map(\.revision) == [2])
        await fetcher.shutdown()
        await server.stop()
    }

    @Test func anArticleIsItsCanonicalURL() async throws {
        final class Base: @unchecked Sendable { var value = "" }
        let base = Base()
        let server = try await TestServer.start { path, _, _ in
            let canonical = "<link rel=\"canonical\" href=\"\(base.value)/world/quake.html\">"
            switch path {
            case "/amp.xml":
                return .text(
                    "<rss version=\"2.0\"><channel><title>Mobile</title><item><title>Quake hits coastal province</title>"
                        + "<link>\(base.value)/amp/world/quake.html?fbclid=IwAR0x</link></item></channel></rss>")
            case "/web.xml":
                return .text(
                    "<rss version=\"2.0\"><channel><title>Web</title><item><title>Quake hits coastal province</title>"
                        + "<link>\(base.value)/world/quake.html?utm_source=rss&amp;gclid=abc</link></item></channel></rss>"
                )
            case "/amp/world/quake.html", "/world/quake.html":
                let html = page("Quake hits coastal province", quakeText)
                    .replacingOccurrences(of: "<head>", with: "<head>" + canonical)
                return .text(html, headers: [("Content-Type", "text/html")])
            default:
                return .text("not here", .notFound)
            }
        }
        base.value = server.base
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-desk-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, fetcher, desk) = try Self.makeDesk(folder, now: 1_000)
        _ = try store.addSource(feedURL: server.base + "/amp.xml", title: "Mobile", siteURL: nil, folder: nil, at: 0)
        _ = try store.addSource(feedURL: server.base + "/web.xml", title: "Web", siteURL: nil, folder: nil, at: 0)

        let report = try await desk.ingestDue(now: 1_000)
        // The AMP page names its canonical page; the web feed's link, tracking removed, is that page.
        #expect(report.newArticles == 1)
        #expect(try store.articleCount() == 1)
        #expect(try store.articleID(url: server.base + "/world/quake.html", sourceID: nil, guid: nil) != nil)
        await fetcher.shutdown()
        await server.stop()
    }

    /// A paywalled page shows its first paragraph; the feed's full content is the article.
    @Test func theFeedsFullTextWhenThePageShowsPartOfIt() async throws {
        let paragraphs = budgetText.split(separator: ",").map { "<p>\($0.trimmingCharacters(in: .whitespaces)).</p>" }
        let fullText = String(repeating: paragraphs.joined(), count: 3)
        final class Base: @unchecked Sendable { var value = "" }
        let base = Base()
        let server = try await TestServer.start { path, _, _ in
            switch path {
            case "/feed.xml":
                let content = fullText.replacingOccurrences(of: "<", with: "&lt;")
                return .text(
                    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                        + "<title>Paper</title><item><title>Chancellor sets out budget</title>"
                        + "<link>\(base.value)/budget.html</link><content:encoded>\(content)</content:encoded>"
                        + "</item></channel></rss>")
            case "/budget.html":
                let teaser = budgetText.split(separator: ",").prefix(2).joined(separator: ",") + "."
                return .text(
                    page("Chancellor sets out budget", teaser + " Subscribe to read the rest"),
                    headers: [("Content-Type", "text/html")])
            default:
                return .text("not here", .notFound)
            }
        }
        base.value = server.base
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-desk-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, fetcher, desk) = try Self.makeDesk(folder, now: 1_000)
        _ = try store.addSource(feedURL: server.base + "/feed.xml", title: "Paper", siteURL: nil, folder: nil, at: 0)

        let report = try await desk.ingestDue(now: 1_000)
        #expect(report.newArticles == 1)
        #expect(report.fromFeed == 1)
        #expect(try store.search("buybacks", limit: 5).count == 1)
        await fetcher.shutdown()
        await server.stop()
    }

    @Test func theFeedHoldsMoreOnlyWithTwiceTheWordsAndAHundred() {
        let hundred = String(repeating: "word ", count: 100)
        #expect(Desk.holdsMore(hundred, than: 50))
        #expect(!Desk.holdsMore(hundred, than: 51))
        #expect(!Desk.holdsMore(String(repeating: "word ", count: 99), than: 10))
    }
}

let budgetText = """
    The chancellor set out a budget on Wednesday that raises the tax-free allowance, freezes fuel duty for \
    another year and puts 4 billion pounds into hospital building, paid for by a new levy on share buybacks \
    and a slower rise in departmental spending over the next three years.
    """
