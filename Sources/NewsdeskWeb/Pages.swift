import Foundation
import Hummingbird
import NewsdeskCore
import NewsdeskHTML
import NewsdeskStore

/// The pages' contents. Each builds the dictionary its template renders;
/// optional values are left out rather than stored as nil.
extension Reader {
    static let day = 86_400

    func storyItems(_ stories: [StorySummary]) -> [[String: Any]] {
        stories.map { story in
            var item: [String: Any] = [
                "id": story.id, "headline": story.headline, "outletCount": max(story.outlets.count, 1),
                "outletWord": Display.plural(max(story.outlets.count, 1), "outlet"),
                "outletNames": Display.list(story.outlets.isEmpty ? ["an unnamed outlet"] : story.outlets),
                "firstISO": Display.iso(story.firstAt), "firstShown": Display.time(story.firstAt),
                "lead": Display.lead(story.lead), "reports": story.articleCount,
            ]
            if story.flaggedCount > 0 {
                item["flagged"] = story.flaggedCount
                item["flaggedWord"] = Display.plural(story.flaggedCount, "report")
            }
            return item
        }
    }

    func frontPage() throws -> (title: String, html: String) {
        let now = now()
        let stories = try store.stories(since: now - Self.day, order: .rank(now: now), limit: 60)
        return try frontPage("Today's stories", stories: stories, now: now, atom: "/feed.atom")
    }

    /// A front page of these stories, reported in the day before `now`.
    func frontPage(
        _ heading: String, stories: [StorySummary], now: Int, atom: String? = nil, emptyNote: String? = nil
    ) throws -> (title: String, html: String) {
        let since = now - Self.day
        var context = common(title: heading)
        context["onFront"] = true
        if let atom { context["atom"] = atom }
        context["heading"] = heading
        context["sinceISO"] = Display.iso(since)
        context["sinceShown"] = Display.time(since)
        context["hasStories"] = !stories.isEmpty
        context["storyCount"] = stories.count
        context["stories"] = storyItems(stories)
        context["yesterday"] = "/day/" + Display.iso(now - Self.day).prefix(10)
        if let emptyNote { context["emptyNote"] = emptyNote }
        if stories.isEmpty {
            let sources = try store.sources()
            context["sourceCount"] = sources.count
            let failing = sources.filter { $0.lastError != nil }.count
            if failing > 0 { context["failing"] = failing }
        }
        return (heading, render("front", context))
    }

    func storyPage(_ id: Int64) throws -> (title: String, html: String) {
        guard let story = try store.story(id) else { throw ReaderError.notFound("This story was") }
        let reports = try store.reports(ofStory: id)
        let articles = try reports.compactMap { try store.article($0.articleID) }
        let byID = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let reference = reports.first?.title ?? story.headline
        var copiesOf: [Int64: [String]] = [:]
        for report in reports {
            if let original = report.copyOf {
                copiesOf[original, default: []].append(report.outlet ?? "another outlet")
            }
        }
        let comparison = comparisons.comparison(of: id, reports: reports) {
            StoryComparison(reports: reports, articles: byID)
        }
        var items: [[String: Any]] = []
        for (index, report) in reports.enumerated() {
            var item: [String: Any] = [
                "id": report.articleID, "outlet": report.outlet ?? "Unnamed outlet",
                "timeISO": Display.iso(report.time), "timeShown": Display.time(report.time),
                "headlineHTML": index == 0
                    ? HTMLEscape.text(report.title) : Display.headlineDifference(report.title, from: reference),
                "why": why(report, reports: reports),
            ]
            if report.revision > 1 {
                item["revised"] = true
                item["revision"] = report.revision
            }
            if report.fromFeed { item["fromFeed"] = true }
            if report.copyOf != nil { item["copy"] = true }
            item.merge(comparison.reportContext(report.articleID)) { first, _ in first }
            if let copies = copiesOf[report.articleID] { item["alsoPublishedBy"] = Display.list(copies) }
            if let article = byID[report.articleID] {
                let findings = Self.findings(article.findings)
                if !findings.isEmpty {
                    item["findingCount"] = findings.count
                    item["findingWord"] = Display.plural(findings.count, "finding")
                    item["findingSummary"] = Display.list(Array(Set(findings.map(\.kind))).sorted())
                }
            }
            items.append(item)
        }
        var context = common(title: story.headline)
        context["headline"] = story.headline
        context["reportCount"] = reports.count
        context["reportWord"] = Display.plural(reports.count, "report")
        context["outletCount"] = max(story.outlets.count, 1)
        context["outletWord"] = Display.plural(max(story.outlets.count, 1), "outlet")
        context["outletNames"] = Display.list(story.outlets)
        context["firstISO"] = Display.iso(story.firstAt)
        context["firstShown"] = Display.time(story.firstAt)
        context["lastISO"] = Display.iso(story.lastAt)
        context["lastShown"] = Display.time(story.lastAt)
        if let first = reports.first?.outlet { context["firstReporter"] = first }
        context["reports"] = items
        let rows = comparison.figureRows
        if !rows.isEmpty {
            context["hasFigures"] = true
            context["figureRows"] = rows
        }
        // The reader view: the longest text read from a page, or else from a feed.
        let complete = articles.max { a, b in
            (a.fromFeed ? 0 : 1, a.text.count) < (b.fromFeed ? 0 : 1, b.text.count)
        }
        if let complete {
            context["reader"] =
                [
                    "id": complete.id, "outlet": complete.outlet ?? "Unnamed outlet", "title": complete.title,
                    "url": Self.safeLink(complete.url), "bodyHTML": body(of: complete, markFindings: false),
                ] as [String: Any]
        }
        return (story.headline, render("story", context))
    }

    /// Why a report is in its story, in words.
    func why(_ report: StoryReport, reports: [StoryReport]) -> String {
        if let original = report.copyOf {
            let outlet = reports.first { $0.articleID == original }?.outlet ?? "an earlier report"
            return String(
                format: "The same copy as %@'s report (%.0f%% of its text in common).", outlet, report.score * 100)
        }
        if report.score == 0 { return "Opened the story." }
        let terms = report.sharedTerms.isEmpty ? "" : ", sharing " + Display.list(report.sharedTerms)
        return String(format: "Joined with likelihood %.2f%@.", report.score, terms)
    }

    /// An article's body: the sanitised HTML, or its text with the findings marked in place.
    func body(of article: ArticleRecord, markFindings: Bool) -> String {
        let findings = markFindings ? Self.findings(article.findings) : []
        if !findings.isEmpty || article.html.isEmpty {
            return Display.paragraphs(article.text, marking: findings.map { ($0.start, $0.end, $0.message) })
        }
        return HTMLSanitizer().sanitize(article.html, baseURL: article.url)
    }

    struct FindingView {
        var kind: String
        var start: Int
        var end: Int
        var message: String
    }

    static func findings(_ json: String) -> [FindingView] {
        guard json != "[]", let array = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        else { return [] }
        return array.compactMap { item in
            guard let kind = item["kind"] as? String, let start = item["start"] as? Int, let end = item["end"] as? Int
            else { return nil }
            return FindingView(kind: kind, start: start, end: end, message: item["message"] as? String ?? kind)
        }
    }

    /// A link to follow only when it is http or https.
    static func safeLink(_ url: String) -> String {
        HTMLSanitizer.safeURL(url, base: nil).flatMap { $0.hasPrefix("http") ? $0 : nil } ?? "#"
    }

    func articlePage(_ id: Int64) throws -> (title: String, html: String) {
        guard let article = try store.article(id) else { throw ReaderError.notFound("This article was") }
        var context = common(title: article.title)
        context["id"] = article.id
        context["title"] = article.title
        context["outlet"] = article.outlet ?? "Unnamed outlet"
        if let byline = article.byline, !byline.isEmpty { context["byline"] = byline }
        context["timeISO"] = Display.iso(article.time)
        context["timeShown"] = Display.time(article.time)
        if let language = article.language { context["language"] = language }
        if article.fromFeed { context["fromFeed"] = true }
        context["url"] = Self.safeLink(article.url)
        if let story = article.storyID {
            context["storyID"] = story
            if let headline = try store.story(story)?.headline { context["storyHeadline"] = headline }
        }
        if let copy = article.copyOf { context["copyOf"] = copy }
        if let image = article.image, image.hasPrefix("https://") { context["image"] = image }
        let findings = Self.findings(article.findings)
        if !findings.isEmpty {
            context["findingCount"] = findings.count
            context["findingWord"] = Display.plural(findings.count, "finding")
            context["findings"] = findings.enumerated().map { number, finding in
                ["number": number + 1, "kind": finding.kind, "message": finding.message] as [String: Any]
            }
        }
        context["bodyHTML"] = body(of: article, markFindings: true)
        let revisions = try store.revisions(ofArticle: id)
        if !revisions.isEmpty {
            context["hasRevisions"] = true
            context["revision"] = article.revision
            var items: [[String: Any]] = []
            for (index, revision) in revisions.enumerated() {
                let next = index + 1 < revisions.count ? revisions[index + 1] : nil
                let nextTitle = next?.title ?? article.title
                let nextText = next?.text ?? article.text
                var item: [String: Any] = [
                    "revision": revision.revision, "replacedISO": Display.iso(revision.replacedAt),
                    "replacedShown": Display.time(revision.replacedAt),
                    "change": Display.change(from: revision.text, to: nextText), "title": revision.title,
                ]
                if revision.title != nextTitle { item["titleChanged"] = true }
                items.append(item)
            }
            context["revisions"] = items.reversed() as [[String: Any]]
        }
        return (article.title, render("article", context))
    }

    /// A search's query from the request: words, outlet, dates as yyyy-mm-dd, and where the page starts.
    /// A page's form sends empty fields; the API counts an empty day as a mistake (`emptyIsAbsent`).
    func searchQuery(_ parameters: Query, limit: Int, emptyIsAbsent: Bool = true) throws -> SearchQuery {
        var query = SearchQuery(text: parameters["q"] ?? "", limit: limit)
        if let outlet = parameters["outlet"], !outlet.isEmpty { query.outlet = outlet }
        query.from = try parameters.day("from", emptyIsAbsent: emptyIsAbsent)
        query.to = try parameters.day("to", emptyIsAbsent: emptyIsAbsent).map { $0 + Self.day }
        query.offset = try parameters.offset("start")
        return query
    }

    func searchPage(_ request: Request, keep: ([SearchHit]) throws -> [SearchHit] = { $0 }) throws -> (
        title: String, html: String
    ) {
        let parameters = Query(request)
        let query = try searchQuery(parameters, limit: 20)
        var context = common(title: query.text.isEmpty ? "Search" : "Search: \(query.text)", query: query.text)
        context["onSearch"] = true
        context["from"] = parameters["from"] ?? ""
        context["to"] = parameters["to"] ?? ""
        let outlets = Set(try store.sources().compactMap(\.title)).sorted()
        context["outlets"] = outlets.map { ["name": $0, "selected": $0 == query.outlet] as [String: Any] }
        if !Query.isBlank(query.text) {
            context["searched"] = true
            let found = try store.search(query)
            let hits = try keep(found)
            context["hasHits"] = !hits.isEmpty
            context["firstNumber"] = query.offset + 1
            context["lastNumber"] = query.offset + hits.count
            var order: [Int64] = []
            var grouped: [Int64: [SearchHit]] = [:]
            for hit in hits {
                let key = hit.storyID ?? -hit.articleID
                if grouped[key] == nil { order.append(key) }
                grouped[key, default: []].append(hit)
            }
            context["groups"] = order.map { key -> [String: Any] in
                let hits = grouped[key]!
                var group: [String: Any] = [
                    "hits": hits.map { hit in
                        [
                            "id": hit.articleID, "title": hit.title, "outlet": hit.outlet ?? "Unnamed outlet",
                            "timeISO": Display.iso(hit.time), "timeShown": Display.time(hit.time),
                            "snippetHTML": Display.snippet(hit.snippet),
                        ] as [String: Any]
                    }
                ]
                if key > 0, let headline = hits[0].storyHeadline {
                    let reports = hits[0].storyReports
                    group["storyID"] = key
                    group["heading"] = "\(headline) (\(reports) \(Display.plural(reports, "report")))"
                } else {
                    group["heading"] = "Not in a story"
                }
                return group
            }
            context["atom"] = "/search.atom?" + (request.uri.query ?? "")
            if found.count == query.limit {
                var next = URLComponents()
                let kept = parameters.items.filter { $0.name != "start" }
                next.queryItems =
                    kept.map { URLQueryItem(name: $0.name, value: $0.value) }
                    + [URLQueryItem(name: "start", value: String(query.offset + query.limit))]
                context["next"] = "/search" + (next.string ?? "")
            }
        }
        return (context["pageTitle"] as? String ?? "Search", render("search", context))
    }

    func sourcesPage(_ request: Request, csrf: String, user: UserRecord? = nil) throws -> (title: String, html: String)
    {
        // Once the desk has users, an admin's login is what lets the forms change sources.
        let usersExist = hasUsers()
        let canEdit = usersExist ? user?.isAdmin == true || admin.needsToken : admin.canEdit
        let needsToken = usersExist ? user?.isAdmin != true && admin.needsToken : admin.needsToken
        let now = now()
        let sources = try store.sources()
        let counts = try store.articleCounts(since: now - 7 * Self.day)
        var context = common(title: "Sources")
        context["onSources"] = true
        context["wide"] = true
        context["csrf"] = csrf
        if canEdit { context["canEdit"] = true }
        if needsToken { context["needsToken"] = true }
        if usersExist && !canEdit { context["adminOnly"] = true }
        if let message = Query(request)["message"] { context["message"] = message }
        context["sourceCount"] = sources.count
        context["failingCount"] = sources.filter { $0.lastError != nil }.count
        context["sources"] = sources.map { source -> [String: Any] in
            var item: [String: Any] = [
                "id": source.id, "title": source.title ?? source.feedURL, "url": source.feedURL,
                "nextISO": Display.iso(source.nextPollAt),
                "nextShown": source.nextPollAt <= now ? "due now" : Display.time(source.nextPollAt),
                "perDay": String(format: "%.1f", Double(counts[source.id] ?? 0) / 7),
                "csrf": csrf,
            ]
            if canEdit { item["canEdit"] = true }
            if needsToken { item["needsToken"] = true }
            if let error = source.lastError {
                item["failing"] = true
                item["failures"] = source.failures
                item["error"] = error
                if let at = source.lastErrorAt {
                    item["errorISO"] = Display.iso(at)
                    item["errorShown"] = Display.time(at)
                }
            } else if let at = source.lastSuccessAt {
                item["successISO"] = Display.iso(at)
                item["successShown"] = Display.time(at)
            }
            return item
        }
        return ("Sources", render("sources", context))
    }
}
