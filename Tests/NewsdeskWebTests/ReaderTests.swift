import Foundation
import Hummingbird
import HummingbirdTesting
import NewsdeskMetrics
import NewsdeskStore
import Testing

@testable import NewsdeskWeb

/// A desk with one story reported by three outlets (one report the same wire copy as another), an
/// article with a finding and a revision, an article with hostile markup, and a failing source.
final class Fixture: Sendable {
    static let now = 1_764_500_000
    let folder: URL
    let store: SQLiteStore
    let story: Int64
    let agency: Int64
    let paper: Int64
    let copy: Int64
    let hostile: Int64

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("reader.sqlite").path)
        let now = Self.now
        let wire = try store.addSource(
            feedURL: "https://wire.example/feed.xml", title: "Wire Service", siteURL: nil, folder: nil, at: now)
        let daily = try store.addSource(
            feedURL: "https://daily.example/rss", title: "The Daily", siteURL: nil, folder: nil, at: now)
        let gazette = try store.addSource(
            feedURL: "https://gazette.example/rss", title: "Gazette", siteURL: nil, folder: nil, at: now)
        let broken = try store.addSource(
            feedURL: "https://broken.example/feed", title: "Broken Feed", siteURL: nil, folder: nil, at: now)
        try store.recordPollFailure(
            sourceID: broken.id, message: "HTTP 503 Service Unavailable from https://broken.example/feed",
            nextPollAt: now + 1800, at: now - 60)
        let text = """
            Rescue teams searched through the night after a magnitude 6.8 earthquake struck the coastal province.
            The national disaster agency said at least 41 people had died and more than 300 were injured.
            """
        let findings = """
            [{"kind":"missing-number","start":0,"end":12,"message":"A number seems to be missing here."}]
            """
        let first = try store.store(
            ArticleInput(
                url: "https://wire.example/quake", sourceID: wire.id, title: "Quake kills 41 on the coast",
                byline: "Ana Ruiz", publishedAt: now - 7200, fetchedAt: now - 7000, language: "en", text: text,
                html: "<p>Rescue teams searched through the night.</p>", findings: findings),
            at: now - 7000
        ) { _ in .open(score: 0) }
        let story = try #require(first.storyID)
        agency = first.article.id
        self.story = story
        let joined = MembershipRecord(storyID: story, score: 0.42, sharedTerms: ["quake", "coast", "41"])
        paper = try store.store(
            ArticleInput(
                url: "https://daily.example/world/quake", sourceID: daily.id,
                title: "Earthquake leaves dozens dead in fishing towns", publishedAt: now - 3600,
                fetchedAt: now - 3500, text: "At least 41 people were killed when an earthquake hit the coast."),
            at: now - 3500
        ) { _ in .join(joined) }.article.id
        copy = try store.store(
            ArticleInput(
                url: "https://gazette.example/quake", sourceID: gazette.id, title: "Quake kills 41 on the coast",
                publishedAt: now - 3000, fetchedAt: now - 2900, text: text),
            at: now - 2900
        ) { _ in .join(MembershipRecord(storyID: story, score: 0.97, sharedTerms: [], copyOf: first.article.id)) }
        .article.id
        // The outlet edits its report: revision 2.
        var edited = ArticleInput(
            url: "https://daily.example/world/quake", sourceID: daily.id,
            title: "Earthquake toll rises to 57 in fishing towns", publishedAt: now - 3600, fetchedAt: now - 600,
            text: "At least 57 people were killed when an earthquake hit the coast, officials said.")
        edited.findings = "[]"
        _ = try store.store(edited, at: now - 600)
        hostile = try store.store(
            ArticleInput(
                url: "https://daily.example/markup", sourceID: daily.id, title: "<script>alert('title')</script>",
                publishedAt: now - 1000, fetchedAt: now - 900,
                text: "A text about <b>tags</b> and the budget.",
                html: "<p onclick=\"steal()\">Budget <script>alert(1)</script><img src=x onerror=alert(2)></p>"),
            at: now - 900
        ) { _ in .open(score: 0) }.article.id
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func reader(
        host: String = "127.0.0.1", token: String? = nil, metrics: DeskMetrics? = nil, publicReading: Bool = false,
        now: @escaping @Sendable () -> Int = { Fixture.now }
    ) throws -> Reader {
        var settings = ReaderSettings()
        settings.publicReading = publicReading
        settings.host = host
        settings.adminToken = token
        settings.maxBodyBytes = 64 * 1024
        let store = store
        return try Reader(
            store: store, settings: settings, metrics: metrics,
            follow: { url in
                [try store.addSource(feedURL: url, title: "Followed", siteURL: nil, folder: nil, at: Fixture.now)]
            }, now: now)
    }
}

/// A clock a test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Int

    init(_ time: Int) { self.time = time }

    var now: Int {
        get { lock.withLock { time } }
        set { lock.withLock { time = newValue } }
    }
}

func get(_ client: some TestClientProtocol, _ uri: String) async throws -> (TestResponse, String) {
    let response = try await client.execute(uri: uri, method: .get)
    return (response, String(buffer: response.body))
}

@Suite("The reader")
struct ReaderTests {
    @Test func theFrontPageRanksStoriesWithTheirOutletsAndFlags() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            let (response, html) = try await get(client, "/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(html.contains("<h2><a href=\"/stories/\(fixture.story)\">"))
            #expect(html.contains("3 outlets</span>: Wire Service, The Daily and Gazette"))
            #expect(html.contains("⚠ findings in 1"))
            // The most widely reported story comes first.
            let quake = try #require(html.range(of: "/stories/\(fixture.story)\""))
            let other = try #require(html.range(of: "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
            #expect(quake.lowerBound < other.lowerBound)
            // No inline script anywhere: only the reader's own file.
            #expect(html.components(separatedBy: "<script").count == 2)
            #expect(html.contains("<script src=\"/static/app.js?v="))
            #expect(!html.contains("<script>alert"))
        }
    }

    @Test func theStoryPageShowsEveryReportAndWhy() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            let (response, html) = try await get(client, "/stories/\(fixture.story)")
            #expect(response.status == .ok)
            #expect(html.contains("3 reports from 3 outlets"))
            #expect(html.contains("Opened the story."))
            #expect(html.contains("Joined with likelihood 0.42, sharing quake, coast and 41."))
            #expect(html.contains("The same copy as Wire Service&#39;s report (97% of its text in common)."))
            #expect(html.contains("Also published by Gazette."))
            // The edited report's headline differs from the first: its own words are marked.
            #expect(html.contains("<ins class=\"changed\">toll</ins>"))
            #expect(html.contains("revision 2"))
            #expect(html.contains("⚠ 1 finding: missing-number"))
            #expect(html.contains("The most complete report: Wire Service"))
            let (missing, _) = try await get(client, "/stories/999")
            #expect(missing.status == .notFound)
        }
    }

    @Test func theArticlePageMarksFindingsAndKeepsRevisions() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            let (_, first) = try await get(client, "/articles/\(fixture.agency)")
            #expect(
                first.contains(
                    "<mark class=\"finding\" id=\"f1\" title=\"A number seems to be missing here.\">Rescue teams</mark>"
                ))
            #expect(first.contains("Ana Ruiz"))
            #expect(first.contains("<a href=\"/stories/\(fixture.story)\">its story"))
            let (_, revised) = try await get(client, "/articles/\(fixture.paper)")
            #expect(revised.contains("This is revision 2."))
            #expect(revised.contains("Headline was: “Earthquake leaves dozens dead in fishing towns”"))
            #expect(revised.contains("words added"))
            let (_, hostile) = try await get(client, "/articles/\(fixture.hostile)")
            #expect(!hostile.contains("onclick"))
            #expect(!hostile.contains("onerror"))
            #expect(!hostile.contains("<script>alert"))
            #expect(hostile.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"))
        }
    }

    @Test func theFrontPageIsRankedAgainAsTimePasses() async throws {
        let fixture = try Fixture()
        let clock = TestClock(Fixture.now)
        let app = Application(router: try fixture.reader(now: { clock.now }).router())
        try await app.test(.router) { client in
            #expect(try await get(client, "/").1.contains("/stories/\(fixture.story)\""))
            // A day and more later the story has left the front page, though nothing new was stored.
            clock.now += 2 * 86_400
            let (_, later) = try await get(client, "/")
            #expect(!later.contains("/stories/\(fixture.story)\""))
            #expect(later.contains("<h2>No stories yet</h2>"))
        }
    }

    @Test func searchGroupsHitsByStoryAndFilters() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            let (_, html) = try await get(client, "/search?q=earthquake")
            #expect(html.contains("Results 1–3, grouped by story."))
            #expect(html.components(separatedBy: "class=\"hit-group\"").count == 2)
            #expect(html.contains("<mark>earthquake</mark>"))
            let (_, filtered) = try await get(client, "/search?q=earthquake&outlet=Gazette")
            #expect(filtered.contains("Results 1–1"))
            // A phrase; the hits are grouped under their story's headline and size.
            let (_, phrase) = try await get(client, "/search?q=%22fishing+towns%22")
            #expect(phrase.contains("Results 1–1, grouped by story."))
            #expect(phrase.contains("Earthquake leaves dozens dead in fishing towns (3 reports)"))
            #expect(
                phrase.contains("At least 57 people were killed when an earthquake hit the coast, officials said.</p>"))
            let (_, words) = try await get(client, "/search?q=fishing+coast")
            #expect(words.contains("Results 1–1, grouped by story."))
            let (_, none) = try await get(client, "/search?q=zebra")
            #expect(none.contains("Nothing matches zebra."))
            let (feed, atom) = try await get(client, "/search.atom?q=earthquake")
            #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            #expect(atom.components(separatedBy: "<entry>").count == 4)
        }
    }

    @Test func theSourcesPageShowsHealthAndGuardsChanges() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            let (page, html) = try await get(client, "/sources")
            #expect(html.contains("4 sources, 1 failing."))
            #expect(html.contains("HTTP 503 Service Unavailable from https://broken.example/feed"))
            let cookie = try #require(page.headers[.setCookie])
            let token = String(cookie.dropFirst("newsdesk_csrf=".count).prefix(32))
            #expect(html.contains("name=\"csrf\" value=\"\(token)\""))
            // Without the token, or with another, nothing changes.
            let forged = try await client.execute(
                uri: "/sources/remove", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "newsdesk_csrf=\(token)"],
                body: ByteBuffer(
                    string: "url=https%3A%2F%2Fbroken.example%2Ffeed&csrf=0123456789abcdef0123456789abcdef"))
            #expect(forged.status == .forbidden)
            #expect(try fixture.store.sources().count == 4)
            let removed = try await client.execute(
                uri: "/sources/remove", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "newsdesk_csrf=\(token)"],
                body: ByteBuffer(string: "url=https%3A%2F%2Fbroken.example%2Ffeed&csrf=\(token)"))
            #expect(removed.status == .seeOther)
            #expect(try fixture.store.sources().count == 3)
            // An OPML upload, as a browser sends it.
            let boundary = "----newsdesk"
            let opml = """
                <opml version="2.0"><body><outline type="rss" text="Extra" xmlUrl="https://extra.example/rss"/></body></opml>
                """
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"opml\"; filename=\"feeds.opml\"\r\n"
                + "Content-Type: text/xml\r\n\r\n\(opml)\r\n--\(boundary)--\r\n"
            let imported = try await client.execute(
                uri: "/sources/import", method: .post,
                headers: [
                    .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "newsdesk_csrf=\(token)",
                ], body: ByteBuffer(string: body))
            #expect(imported.status == .seeOther)
            #expect(imported.headers[.location]?.contains("Imported%201%20feeds") == true)
            #expect(try fixture.store.sources().contains { $0.feedURL == "https://extra.example/rss" })
            // Too large a body is refused.
            let huge = try await client.execute(
                uri: "/sources", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: String(repeating: "a", count: 100_000)))
            #expect(huge.status == .contentTooLarge)
            let (opmlResponse, exported) = try await get(client, "/sources.opml")
            #expect(opmlResponse.status == .ok)
            #expect(exported.contains("xmlUrl=\"https://extra.example/rss\""))
        }
    }

    @Test func beyondLoopbackChangesNeedTheAdminToken() async throws {
        let fixture = try Fixture()
        let open = Application(router: try fixture.reader(host: "0.0.0.0").router())
        try await open.test(.router) { client in
            let refused = try await client.execute(
                uri: "/api/v1/sources", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"url\": \"https://new.example/rss\"}"))
            #expect(refused.status == .forbidden)
        }
        let guarded = Application(router: try fixture.reader(host: "0.0.0.0", token: "correct horse battery").router())
        try await guarded.test(.router) { client in
            let wrong = try await client.execute(
                uri: "/api/v1/sources", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer wrong"],
                body: ByteBuffer(string: "{\"url\": \"https://new.example/rss\"}"))
            #expect(wrong.status == .unauthorized)
            let added = try await client.execute(
                uri: "/api/v1/sources", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer correct horse battery"],
                body: ByteBuffer(string: "{\"url\": \"https://new.example/rss\"}"))
            #expect(added.status == .created)
            let removed = try await client.execute(
                uri: "/api/v1/sources?url=https://new.example/rss", method: .delete,
                headers: [.authorization: "Bearer correct horse battery"])
            #expect(removed.status == .noContent)
            let (page, html) = try await get(client, "/sources")
            #expect(page.status == .ok)
            #expect(html.contains("name=\"token\" type=\"password\""))
        }
    }
}

@Suite("The page cache")
struct PageCacheTests {
    /// Counts the builds.
    final class Builds: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() -> Int {
            lock.withLock {
                count += 1; return count
            }
        }
        var total: Int { lock.withLock { count } }
    }

    @Test func aPageAskedForWhileItIsBuiltIsBuiltOnce() async throws {
        let cache = PageCache()
        let builds = Builds()
        let version = PageCache.Version(generation: 1, minute: 0)
        let pages = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await cache.page("/search?q=quake", version) {
                        let number = builds.add()
                        try await Task.sleep(for: .milliseconds(200))
                        return CachedPage("page \(number)", scan: false)
                    }.body
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(pages == Array(repeating: "page 1", count: 8))
        #expect(builds.total == 1)
        // Kept for its version; built again for the next one.
        #expect(
            try await cache.page("/search?q=quake", version) { CachedPage("not built", scan: false) }.body == "page 1")
        let next = PageCache.Version(generation: 2, minute: 0)
        #expect(try await cache.page("/search?q=quake", next) { CachedPage("page 2", scan: false) }.body == "page 2")
    }

    @Test func aPageKnowsTheStoriesAndArticlesItShows() {
        let page = CachedPage(
            "<li data-story=\"12\" data-reports=\"3\"><li data-story=\"7\"><a data-article=\"5\"><li data-story=\"12\">"
                + "<b data-article=\"\">data-article=\"99", scan: true)
        #expect(page.stories == [12, 7])
        #expect(page.articles == [5, 99])
        #expect(CachedPage("<li data-story=\"12\">", scan: false).stories.isEmpty)
        let html = "<body><p>x</p></body>\n</html>"
        #expect(Reader.lastBodyEnd(html).map { String(html[$0...]) } == "</body>\n</html>")
        #expect(Reader.lastBodyEnd("<p>no end</bod>") == nil)
    }

    @Test func pagesAskedForAgainOutlastPagesAskedForOnce() async throws {
        let cache = PageCache(capacity: 4)
        let version = PageCache.Version(generation: 1, minute: 0)
        let builds = Builds()
        func ask(_ key: String) async throws -> String {
            try await cache.page(key, version) {
                _ = builds.add()
                return CachedPage("page \(key)", scan: false)
            }.body
        }
        for key in ["/", "/articles/1", "/", "/articles/2", "/", "/articles/3", "/", "/articles/4", "/"] {
            #expect(try await ask(key) == "page \(key)")
        }
        // The front page was built once and kept throughout; each article page once.
        #expect(builds.total == 5)
        // The first article pages, asked for once, have made way for the later ones.
        _ = try await ask("/articles/1")
        #expect(builds.total == 6)
        _ = try await ask("/articles/4")
        #expect(builds.total == 6)
    }
}
