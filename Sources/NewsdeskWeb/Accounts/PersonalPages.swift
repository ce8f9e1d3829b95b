import Foundation
import Hummingbird
import NewsdeskHTML
import NewsdeskStore

/// The pages of one user's own (starred articles, saved searches, each with an Atom feed a feed reader
/// reaches with the user's name and an app password) and the pages for catching up: a source's latest
/// articles with its health, and the front page of any past day.
extension Reader {
    func addPersonalRoutes(to router: Router<ReaderContext>) {
        router.get("/logout") { request, context in self.logoutPage(request, user: context.user) }
        router.get("/starred") { request, context in
            await self.forUser(request, context) { user in try self.starredPage(user) }
        }
        router.get("/starred.atom") { request, context in
            guard let user = context.user else { return self.needsLogin(request) }
            return await self.feed { try self.starredFeed(user) }
        }
        router.get("/searches") { request, context in
            guard let user = context.user else { return self.needsLogin(request) }
            return await self.searchesResponse(request, user: user)
        }
        router.post("/searches") { request, context in
            await self.changeSearches(request, user: context.user) { form, user, store in
                let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
                let query = (form["q"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, name.count <= 100, !Query.isBlank(query), query.count <= 500 else {
                    throw ReaderError.badRequest("A saved search needs a name (100 characters at most) and words.")
                }
                _ = try store.saveSearch(userID: user.id, name: name, query: query, at: self.now())
            }
        }
        router.post("/searches/remove") { request, context in
            await self.changeSearches(request, user: context.user) { form, user, store in
                guard let id = form["id"].flatMap({ Int64($0) }) else { throw ReaderError.badRequest("Which search?") }
                _ = try store.removeSavedSearch(userID: user.id, id: id)
            }
        }
        router.get("/searches/:id") { request, context in
            let id = Result { try Self.id(context) }
            return await self.forUser(request, context) { user in try self.savedSearchPage(try id.get(), user: user) }
        }
        router.get("/searches/:id/feed.atom") { request, context in
            guard let user = context.user else { return self.needsLogin(request) }
            let id = Result { try Self.id(context) }
            return await self.feed { try self.savedSearchFeed(try id.get(), user: user) }
        }
        router.get("/sources/:id") { request, context in
            let id = Result { try Self.id(context) }
            let unreadFor = Query(request)["unread"] == "1" ? context.user : nil
            if let user = unreadFor {
                return await self.personalPage(request, user: user) {
                    try self.sourcePage(try id.get(), unreadFor: user)
                }
            }
            return await self.page(request, user: context.user) { try self.sourcePage(try id.get(), unreadFor: nil) }
        }
        router.get("/day/:day") { request, context in
            let day = context.parameters.get("day").flatMap(Query.day)
            return await self.page(request, user: context.user) {
                guard let day else { throw ReaderError.notFound("No such day: give yyyy-mm-dd.") }
                return try self.dayPage(day)
            }
        }
    }

    func needsLogin(_ request: Request) -> Response {
        if hasUsers() { return .redirect(to: "/login?next=" + Self.queryEscape(request.uri.description)) }
        return errorPage(
            .notFound,
            "This desk has no users: starred articles and saved searches need an account (newsdesk users add).")
    }

    /// A page of the user's own, built anew each time.
    func forUser(
        _ request: Request, _ context: ReaderContext,
        _ render: @escaping @Sendable (UserRecord) throws -> (title: String, html: String)
    ) async -> Response {
        guard let user = context.user else { return needsLogin(request) }
        return await personalPage(request, user: user) { try render(user) }
    }

    func logoutPage(_ request: Request, user: UserRecord?) -> Response {
        let csrf = CSRF.token(for: request)
        var context = common(title: "Log out")
        context["csrf"] = csrf.token
        context["user"] = user?.name ?? ""
        var response = html(render("logout", context))
        if csrf.isNew { CSRF.setCookie(csrf.token, on: &response) }
        return response
    }

    func articleItems(_ items: [ItemRecord]) -> [[String: Any]] {
        items.map { item in
            var entry: [String: Any] = [
                "id": item.id, "title": item.title, "outlet": item.outlet ?? "Unnamed outlet",
                "timeISO": Display.iso(item.time), "timeShown": Display.time(item.time),
            ]
            if let story = item.storyID { entry["storyID"] = story }
            return entry
        }
    }

    func articleListPage(
        title: String, heading: String, facts: [String] = [], items: [ItemRecord], empty: String, atom: String? = nil,
        more: String? = nil, extra: [String: Any] = [:]
    ) -> (title: String, html: String) {
        var context = common(title: title)
        context["heading"] = heading
        context["facts"] = facts
        context["hasArticles"] = !items.isEmpty
        context["articles"] = articleItems(items)
        context["empty"] = empty
        if let atom { context["atom"] = atom }
        if let more { context["more"] = more }
        for (key, value) in extra { context[key] = value }
        return (title, render("articles", context))
    }

    func accountStore() throws -> any AccountStore {
        guard let accounts else { throw ReaderError.notFound("This desk keeps no accounts:") }
        return accounts.store
    }

    func starredPage(_ user: UserRecord) throws -> (title: String, html: String) {
        let store = try accountStore()
        let items = try store.items(try store.itemIDs(userID: user.id, ItemQuery(stream: .starred, limit: 500)))
        return articleListPage(
            title: "Starred", heading: "Starred articles", items: items,
            empty: "Nothing starred yet: press s on an article, or star it in an app.", atom: "/starred.atom",
            extra: ["onStarred": true])
    }

    func starredFeed(_ user: UserRecord) throws -> String {
        let store = try accountStore()
        let items = try store.items(try store.itemIDs(userID: user.id, ItemQuery(stream: .starred, limit: 100)))
        return atom(
            title: "\(settings.title): \(user.name)'s starred articles", selfLink: "/starred.atom",
            entries: entries(items))
    }

    func entries(_ items: [ItemRecord]) -> [AtomEntry] {
        items.map { item in
            AtomEntry(
                id: "urn:newsdesk:article:\(item.id)", title: item.title, link: "/articles/\(item.id)",
                updated: item.time, summary: (item.outlet.map { $0 + ": " } ?? "") + Display.lead(item.text))
        }
    }

    // MARK: Saved searches

    func searchesResponse(_ request: Request, user: UserRecord) async -> Response {
        let csrf = CSRF.token(for: request)
        do {
            let searches = try await offload { try self.accountStore().savedSearches(userID: user.id) }
            var context = common(title: "Saved searches")
            context["onSearches"] = true
            context["csrf"] = csrf.token
            context["q"] = Query(request)["q"] ?? ""
            if let message = Query(request)["message"] { context["message"] = message }
            context["hasSearches"] = !searches.isEmpty
            context["searches"] = searches.map { search -> [String: Any] in
                [
                    "id": search.id, "name": search.name, "query": search.query, "csrf": csrf.token,
                    "unreadLink": "/search?unread=1&q=" + Self.queryEscape(search.query),
                ]
            }
            var response = html(render("searches", context))
            if csrf.isNew { CSRF.setCookie(csrf.token, on: &response) }
            return response
        } catch {
            return errorPage(.serviceUnavailable, "The desk cannot be read now: \(error)")
        }
    }

    func changeSearches(
        _ request: Request, user: UserRecord?,
        _ perform: @escaping @Sendable ([String: String], UserRecord, any AccountStore) throws -> Void
    ) async -> Response {
        guard let user else { return needsLogin(request) }
        var request = request
        guard let body = try? await request.collectBody(upTo: 64 * 1024) else {
            return errorPage(.contentTooLarge, "The form is larger than 64 KB.")
        }
        let form = Forms.urlEncoded(String(buffer: body))
        guard CSRF.isValid(request, formToken: form["csrf"]) else {
            return errorPage(
                .forbidden, "The form had expired or came from another site; reload the page and try again.")
        }
        do {
            try await offload { try perform(form, user, try self.accountStore()) }
            return .redirect(to: "/searches", type: .found)
        } catch let error as ReaderError {
            return .redirect(to: "/searches?message=" + Self.queryEscape(error.message), type: .found)
        } catch {
            return errorPage(.serviceUnavailable, "The desk cannot be written now: \(error)")
        }
    }

    func savedSearch(_ id: Int64, user: UserRecord) throws -> SavedSearch {
        guard let search = try accountStore().savedSearches(userID: user.id).first(where: { $0.id == id }) else {
            throw ReaderError.notFound("This saved search was")
        }
        return search
    }

    func savedSearchPage(_ id: Int64, user: UserRecord) throws -> (title: String, html: String) {
        let search = try savedSearch(id, user: user)
        let hits = try store.search(SearchQuery(text: search.query, limit: 50))
        let items = try accountStore().items(hits.map(\.articleID))
        return articleListPage(
            title: search.name, heading: search.name, facts: ["The newest matches of: \(search.query)"], items: items,
            empty: "Nothing matches \(search.query) yet.", atom: "/searches/\(id)/feed.atom",
            extra: ["onSearches": true])
    }

    func savedSearchFeed(_ id: Int64, user: UserRecord) throws -> String {
        let search = try savedSearch(id, user: user)
        let hits = try store.search(SearchQuery(text: search.query, limit: 50))
        return atom(
            title: "\(settings.title): \(search.name)", selfLink: "/searches/\(id)/feed.atom",
            entries: entries(try accountStore().items(hits.map(\.articleID))))
    }

    // MARK: Catching up

    func sourcePage(_ id: Int64, unreadFor user: UserRecord?) throws -> (title: String, html: String) {
        guard let source = try store.sources().first(where: { $0.id == id }) else {
            throw ReaderError.notFound("This source was")
        }
        let store = try accountStore()
        let query = ItemQuery(stream: .source(id), excluding: user == nil ? [] : [.read], limit: 50)
        let items = try store.items(try store.itemIDs(userID: user?.id ?? 0, query))
        var facts = [source.feedURL]
        if let folder = source.folder { facts.append("In the folder \(folder).") }
        if let error = source.lastError {
            facts.append("Failing (\(source.failures) \(Display.plural(source.failures, "time"))): \(error)")
        } else if let at = source.lastSuccessAt {
            facts.append(
                "Read fine, last at \(Display.time(at)); \(source.itemsSeen) \(Display.plural(source.itemsSeen, "item")) seen."
            )
        } else {
            facts.append("Not read yet.")
        }
        let title = source.title ?? source.feedURL
        return articleListPage(
            title: title, heading: user == nil ? title : "\(title): unread", facts: facts, items: items,
            empty: "No articles from this source yet.",
            extra: ["onSources": true, "unreadLink": "/sources/\(id)?unread=1"])
    }

    /// The stories first reported on a day (UTC), ranked as the front page ranked them at the day's end.
    func dayPage(_ day: Int) throws -> (title: String, html: String) {
        let end = day + Self.day
        let stories = try store.stories(since: day, order: .rank(now: end), limit: 2_000)
            .filter { $0.firstAt >= day && $0.firstAt < end }.prefix(100)
        let shown = Display.iso(day).prefix(10)
        var context = common(title: "The front page of \(shown)")
        context["heading"] = "The front page of \(shown)"
        context["sinceISO"] = Display.iso(day)
        context["sinceShown"] = String(shown)
        context["hasStories"] = !stories.isEmpty
        context["storyCount"] = stories.count
        context["stories"] = storyItems(Array(stories))
        context["sourceCount"] = try store.sources().count
        context["previous"] = "/day/" + Display.iso(day - Self.day).prefix(10)
        if end <= now() { context["next"] = "/day/" + Display.iso(end).prefix(10) }
        return (context["pageTitle"] as? String ?? "", render("day", context))
    }
}
