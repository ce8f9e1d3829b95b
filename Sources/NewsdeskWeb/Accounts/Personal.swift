import Foundation
import Hummingbird
import NewsdeskStore

/// What the reader shows a logged-in user of their own: pages stay cached for everyone, and each answer
/// carries the user's state of the stories and articles on it as a JSON data block (which no browser
/// runs), read by the reader's script to mark what is read, new or starred.
extension Reader {
    /// The ids a page shows under an attribute (`data-story="12"`), in order, once each.
    static func ids(in html: String, attribute: String) -> [Int64] {
        var ids: [Int64] = []
        var seen = Set<Int64>()
        let marker = Array(attribute.utf8)
        let bytes = Array(html.utf8)
        var index = 0
        while index + marker.count < bytes.count {
            guard bytes[index] == marker[0], bytes[index..<index + marker.count].elementsEqual(marker) else {
                index += 1
                continue
            }
            index += marker.count
            var value: Int64 = 0
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, digits < 18 {
                value = value * 10 + Int64(bytes[index] - 48)
                digits += 1
                index += 1
            }
            if digits > 0, seen.insert(value).inserted { ids.append(value) }
        }
        return ids
    }

    struct PersonalState: Encodable {
        var user: String
        var admin: Bool
        var csrf: String
        /// The newest article when the page was served: "mark all read" goes no further.
        var through: Int64
        /// Unread reports of each story on the page.
        var stories: [String: Int]
        var read: [Int64]
        var starred: [Int64]
    }

    /// A page with the user's state of what it shows.
    func personalized(_ page: String, user: UserRecord, request: Request) async -> Response {
        guard let accounts, let end = page.range(of: "</body>", options: .backwards) else { return html(page) }
        let csrf = CSRF.token(for: request)
        let state = try? await offload { () -> PersonalState in
            let stories = Self.ids(in: page, attribute: "data-story=\"")
            let articles = Self.ids(in: page, attribute: "data-article=\"")
            let unread = try accounts.store.unreadReports(userID: user.id, stories: stories)
            let states = try accounts.store.itemStates(userID: user.id, articles: articles)
            return PersonalState(
                user: user.name, admin: user.isAdmin, csrf: csrf.token, through: try accounts.store.newestArticle(),
                stories: Dictionary(uniqueKeysWithValues: stories.map { (String($0), unread[$0] ?? 0) }),
                read: articles.filter { states[$0]?.read == true },
                starred: articles.filter { states[$0]?.starred == true })
        }
        guard let state else { return html(page) }
        // JSON in a data block: "<" escaped so that nothing in it can end the block.
        let json = API.encoded(state).replacingOccurrences(of: "<", with: "\\u003c")
        var body = page
        body.replaceSubrange(
            end, with: "<script type=\"application/json\" id=\"reader-state\">\(json)</script>\n</body>")
        var response = html(body)
        if csrf.isNew { CSRF.setCookie(csrf.token, on: &response) }
        return response
    }

    /// A page made for one user (an unread-only view): never cached.
    func personalPage(
        _ request: Request, user: UserRecord, _ render: @escaping @Sendable () throws -> (title: String, html: String)
    ) async -> Response {
        do {
            let page = try await offload { try render().html }
            return await personalized(page, user: user, request: request)
        } catch let error as ReaderError {
            return errorPage(error.status, error.message)
        } catch {
            return errorPage(.serviceUnavailable, "The desk cannot be read now: \(error)")
        }
    }

    /// Today's stories with something the user has not read.
    func frontPage(unreadFor user: UserRecord) throws -> (title: String, html: String) {
        guard let accounts else { return try frontPage() }
        let now = now()
        let since = now - Self.day
        let stories = try store.stories(since: since, order: .rank(now: now), limit: 500)
        let unread = try accounts.store.unreadReports(userID: user.id, stories: stories.map(\.id))
        let shown = stories.filter { (unread[$0.id] ?? 0) > 0 }.prefix(60)
        var context = common(title: "Unread stories")
        context["onFront"] = true
        context["heading"] = "Unread stories"
        context["sinceISO"] = Display.iso(since)
        context["sinceShown"] = Display.time(since)
        context["hasStories"] = !shown.isEmpty
        context["storyCount"] = shown.count
        context["stories"] = storyItems(Array(shown))
        context["sourceCount"] = try store.sources().count
        context["yesterday"] = "/day/" + Display.iso(now - Self.day).prefix(10)
        return ("Unread stories", render("front", context))
    }

    /// A search's results the user has not read.
    func searchPage(_ request: Request, unreadFor user: UserRecord) throws -> (title: String, html: String) {
        guard let accounts else { return try searchPage(request) }
        return try searchPage(request) { hits in
            let states = try accounts.store.itemStates(userID: user.id, articles: hits.map(\.articleID))
            return hits.filter { states[$0.articleID]?.read != true }
        }
    }
}
