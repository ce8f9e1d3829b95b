import Foundation
import Hummingbird
import NewsdeskHTML
import NewsdeskStore

/// The JSON API under /api/v1, described by the OpenAPI document it serves
/// at /api/v1/openapi.json. Lists go on with an opaque `cursor` from the
/// previous answer's `next_cursor`.
struct API {
    let reader: Reader

    /// Every route, as the OpenAPI document names it; a test checks each against the document.
    static var routes: [(method: String, path: String)] { ownRoutes + MeAPI.routes }

    /// The routes of the desk's own data (stories, articles, search, sources).
    static let ownRoutes: [(method: String, path: String)] = [
        ("get", "/api/v1/stories"), ("get", "/api/v1/stories/{id}"), ("get", "/api/v1/articles/{id}"),
        ("get", "/api/v1/search"), ("get", "/api/v1/sources"), ("post", "/api/v1/sources"),
        ("delete", "/api/v1/sources"), ("get", "/api/v1/openapi.json"),
    ]

    func add(to router: Router<ReaderContext>) {
        let api = router.group("api/v1")
        api.get("stories") { request, _ in await answer(request, ranksByTime: true) { try stories(request) } }
        api.get("stories/:id") { request, context in
            let id = Result { try Reader.id(context) }
            return await answer(request) { try story(try id.get()) }
        }
        api.get("articles/:id") { request, context in
            let id = Result { try Reader.id(context) }
            return await answer(request) { try article(try id.get()) }
        }
        api.get("search") { request, _ in await answer(request) { try search(request) } }
        api.get("sources") { _, _ in await answer { Self.json(try await reader.offload { try sources() }) } }
        api.post("sources") { request, context in
            // What goes wrong here is mostly the feed's site: its words, as a bad gateway.
            await answer(otherwise: (.badGateway, "")) { try await follow(request, user: context.user) }
        }
        api.delete("sources") { request, context in
            await answer { try await reader.offload { try remove(request, user: context.user) } }
        }
        api.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(
                status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPI.document)))
        }
    }

    // MARK: Shapes

    struct StoryJSON: Encodable {
        var id: Int64
        var headline: String
        var firstAt: String
        var lastAt: String
        var articleCount: Int
        var outlets: [String]
        var flaggedCount: Int
        var lead: String
    }

    struct StoriesPage: Encodable {
        var stories: [StoryJSON]
        var nextCursor: String?
    }

    struct ReportJSON: Encodable {
        var articleId: Int64
        var title: String
        var outlet: String?
        var url: String
        var time: String
        var score: Double
        var sharedTerms: [String]
        var copyOf: Int64?
        var revision: Int
        var fromFeed: Bool
        /// What this report says that no earlier one did; absent for the first report and for copies.
        var adds: AdditionJSON?
        /// Numbers the checks found lost in this report, with what other reports say at that point.
        var lostFigures: [LostFigureJSON]?
    }

    struct StoryDetail: Encodable {
        var story: StoryJSON
        var reports: [ReportJSON]
        /// The figures two reports or more give, disagreements first.
        var figures: [FigureJSON]
    }

    struct FigureJSON: Encodable {
        var counts: String
        /// "same", "update" (the value changed from report to report over time) or "contradiction".
        var relation: String
        var values: [FigureValueJSON]
    }

    struct FigureValueJSON: Encodable {
        var written: String
        /// In time order: the first gave it first.
        var outlets: [String]
        var articleIds: [Int64]
    }

    struct AdditionJSON: Encodable {
        var sentences: [String]
        var figures: [String]
    }

    struct LostFigureJSON: Encodable {
        var excerpt: String
        var elsewhere: [EchoJSON]
    }

    struct EchoJSON: Encodable {
        var articleId: Int64
        var outlet: String
        var sentence: String
        var figure: String?
    }

    struct FindingJSON: Encodable {
        var kind: String
        var start: Int
        var end: Int
        var message: String
    }

    struct RevisionJSON: Encodable {
        var revision: Int
        var title: String
        var replacedAt: String
    }

    struct ArticleJSON: Encodable {
        var id: Int64
        var url: String
        var title: String
        var byline: String?
        var published: String?
        var fetched: String
        var language: String?
        var outlet: String?
        var image: String?
        var text: String
        /// Sanitised.
        var html: String
        var fromFeed: Bool
        var findings: [FindingJSON]
        var revision: Int
        var revisions: [RevisionJSON]
        var storyId: Int64?
        var copyOf: Int64?
    }

    struct HitJSON: Encodable {
        var articleId: Int64
        var title: String
        var snippet: String
        var outlet: String?
        var time: String
        var storyId: Int64?
    }

    struct SearchPage: Encodable {
        var query: String
        var hits: [HitJSON]
        var nextCursor: String?
    }

    struct SourceJSON: Encodable {
        var id: Int64
        var url: String
        var title: String?
        var site: String?
        var folder: String?
        var lastSuccess: String?
        var lastError: String?
        var lastErrorAt: String?
        var nextPoll: String
        var failures: Int
        var itemsSeen: Int
        var articlesPerDay: Double
    }

    struct SourcesList: Encodable {
        var sources: [SourceJSON]
    }

    struct ErrorJSON: Encodable {
        struct Message: Encodable { var message: String }
        var error: Message
    }

    // MARK: Answers

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        json(encoded(value), status: status)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func encoded(_ value: some Encodable) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var response = json(ErrorJSON(error: .init(message: message)), status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"newsdesk\"" }
        return response
    }

    /// A JSON answer read from the store, kept in the reader's page cache like a page.
    func answer(
        _ request: Request, ranksByTime: Bool = false, _ make: @escaping @Sendable () throws -> String
    ) async -> Response {
        await answer { try await Self.json(reader.cached(request, ranksByTime: ranksByTime, make).body) }
    }

    /// What `make` answers, or the JSON error for what went wrong making it: a reader error as it says,
    /// any other with the `otherwise` status and the error's words after its prefix.
    func answer(
        otherwise: (status: HTTPResponse.Status, prefix: String) = (
            .serviceUnavailable, "the desk could not be read now: "
        ),
        _ make: () async throws -> Response
    ) async -> Response {
        do {
            return try await make()
        } catch let error as ReaderError {
            return Self.error(error.status, error.message)
        } catch {
            return Self.error(otherwise.status, otherwise.prefix + "\(error)")
        }
    }

    static func storyJSON(_ story: StorySummary) -> StoryJSON {
        StoryJSON(
            id: story.id, headline: story.headline, firstAt: Display.iso(story.firstAt),
            lastAt: Display.iso(story.lastAt), articleCount: story.articleCount, outlets: story.outlets,
            flaggedCount: story.flaggedCount, lead: Display.lead(story.lead))
    }

    func stories(_ request: Request) throws -> String {
        let query = Query(request)
        let limit = try query.limit()
        let since = try query.since()
        let cursor = try query.storyCursor()
        let found = try reader.store.stories(
            since: reader.now() - since, order: .recent(after: cursor), limit: limit)
        let next = found.count == limit ? found.last.map { "\($0.lastAt)-\($0.id)" } : nil
        return Self.encoded(StoriesPage(stories: found.map(Self.storyJSON), nextCursor: next))
    }

    func story(_ id: Int64) throws -> String {
        guard let story = try reader.store.story(id) else { throw ReaderError.notFound("story \(id)") }
        let found = try reader.store.reports(ofStory: id)
        // The articles' texts are read only when the story's comparison is not kept.
        let comparison = try reader.comparisons.comparison(of: id, reports: found) {
            var articles: [Int64: ArticleRecord] = [:]
            for report in found { articles[report.articleID] = try reader.store.article(report.articleID) }
            return StoryComparison(reports: found, articles: articles)
        }
        let reports = found.map { report in
            ReportJSON(
                articleId: report.articleID, title: report.title, outlet: report.outlet, url: report.url,
                time: Display.iso(report.time), score: report.score, sharedTerms: report.sharedTerms,
                copyOf: report.copyOf, revision: report.revision, fromFeed: report.fromFeed,
                adds: comparison.additions[report.articleID].map {
                    AdditionJSON(sentences: $0.sentences, figures: $0.figures)
                },
                lostFigures: comparison.lost[report.articleID].map { lost in
                    lost.map { figure in
                        LostFigureJSON(
                            excerpt: figure.excerpt,
                            elsewhere: figure.echoes.map {
                                EchoJSON(
                                    articleId: $0.articleID, outlet: $0.outlet, sentence: $0.sentence, figure: $0.figure
                                )
                            })
                    }
                })
        }
        let figures = comparison.rows.map { row in
            FigureJSON(
                counts: row.counts, relation: row.relation.rawValue,
                values: row.values.map {
                    FigureValueJSON(written: $0.written, outlets: $0.outlets, articleIds: $0.articleIDs)
                })
        }
        return Self.encoded(StoryDetail(story: Self.storyJSON(story), reports: reports, figures: figures))
    }

    func article(_ id: Int64) throws -> String {
        guard let article = try reader.store.article(id) else { throw ReaderError.notFound("article \(id)") }
        let revisions = try reader.store.revisions(ofArticle: id).map {
            RevisionJSON(revision: $0.revision, title: $0.title, replacedAt: Display.iso($0.replacedAt))
        }
        return Self.encoded(
            ArticleJSON(
                id: article.id, url: article.url, title: article.title,
                byline: article.byline?.isEmpty == false ? article.byline : nil,
                published: article.publishedAt.map(Display.iso), fetched: Display.iso(article.fetchedAt),
                language: article.language, outlet: article.outlet, image: article.image, text: article.text,
                html: HTMLSanitizer().sanitize(article.html, baseURL: article.url), fromFeed: article.fromFeed,
                findings: Reader.findings(article.findings).map {
                    FindingJSON(kind: $0.kind, start: $0.start, end: $0.end, message: $0.message)
                }, revision: article.revision, revisions: revisions, storyId: article.storyID,
                copyOf: article.copyOf))
    }

    func search(_ request: Request) throws -> String {
        let parameters = Query(request)
        var query = try reader.searchQuery(parameters, limit: try parameters.limit(), emptyIsAbsent: false)
        guard !Query.isBlank(query.text) else {
            throw ReaderError.badRequest("q is needed: the words to search for")
        }
        query.offset = try parameters.offset("cursor", emptyIsAbsent: false)
        let hits = try reader.store.search(query)
        return Self.encoded(
            SearchPage(
                query: query.text,
                hits: hits.map {
                    HitJSON(
                        articleId: $0.articleID, title: $0.title, snippet: $0.snippet, outlet: $0.outlet,
                        time: Display.iso($0.time), storyId: $0.storyID)
                },
                nextCursor: hits.count == query.limit ? String(query.offset + query.limit) : nil))
    }

    func sources() throws -> SourcesList {
        let counts = try reader.store.articleCounts(since: reader.now() - 7 * Reader.day)
        return SourcesList(sources: try reader.store.sources().map { Self.sourceJSON($0, counts: counts) })
    }

    static func sourceJSON(_ source: SourceRecord, counts: [Int64: Int]) -> SourceJSON {
        SourceJSON(
            id: source.id, url: source.feedURL, title: source.title, site: source.siteURL, folder: source.folder,
            lastSuccess: source.lastSuccessAt.map(Display.iso), lastError: source.lastError,
            lastErrorAt: source.lastErrorAt.map(Display.iso), nextPoll: Display.iso(source.nextPollAt),
            failures: source.failures, itemsSeen: source.itemsSeen,
            articlesPerDay: (Double(counts[source.id] ?? 0) / 7 * 10).rounded() / 10)
    }

    /// Changing sources: a JSON body (so a browser cannot send it from another site without asking
    /// first) and, beyond loopback, the admin token as a bearer token.
    func authorize(_ request: Request, user: UserRecord?) throws {
        let usersExist = reader.hasUsers()
        if let refusal = reader.admin.refusal(
            offered: AdminPolicy.bearerToken(request), user: user, usersExist: usersExist)
        {
            let status: HTTPResponse.Status =
                usersExist
                ? (user == nil ? .unauthorized : .forbidden) : reader.admin.canEdit ? .unauthorized : .forbidden
            throw ReaderError(status: status, message: refusal)
        }
    }

    func follow(_ request: Request, user: UserRecord?) async throws -> Response {
        try authorize(request, user: user)
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ReaderError(status: .unsupportedMediaType, message: "send {\"url\": …} as application/json")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: 64 * 1024)
        } catch {
            throw ReaderError(status: .contentTooLarge, message: "the body is larger than 64 KB")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
            let url = object["url"] as? String, url.hasPrefix("http://") || url.hasPrefix("https://")
        else { throw ReaderError.badRequest("send {\"url\": \"https://…\"}: a feed's or a site's address") }
        let followed: [SourceRecord]
        do {
            followed = try await reader.follow(url)
        } catch {
            throw ReaderError(status: .unprocessableContent, message: "\(url): \(error)")
        }
        reader.cache.clear()
        let counts = try reader.store.articleCounts(since: reader.now() - 7 * Reader.day)
        return Self.json(
            SourcesList(
                sources: followed.map { Self.sourceJSON($0, counts: counts) }), status: .created)
    }

    func remove(_ request: Request, user: UserRecord?) throws -> Response {
        try authorize(request, user: user)
        guard let url = Query(request)["url"] else {
            throw ReaderError.badRequest("url is needed: the feed address to stop following")
        }
        guard try reader.store.removeSource(feedURL: url) else { throw ReaderError.notFound("source \(url)") }
        reader.cache.clear()
        return Response(status: .noContent)
    }
}
