import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore
import NewsdeskCore
import NewsdeskStore

/// What the reader shows a logged-in user of their own: pages stay cached for everyone, and each answer
/// carries the user's state of the stories and articles on it as a JSON data block (which no browser
/// runs), read by the reader's script to mark what is read, new or starred.
extension Reader {
    /// The state block's JSON: {"user", "admin", "csrf", "through" (the newest article when the page was
    /// served: "mark all read" goes no further), "stories" (unread reports of each story shown), "read" and
    /// "starred" (of the articles shown)}. Written directly: it is made for every page a user is served.
    static func stateJSON(user: UserRecord, csrf: String, page: CachedPage, state: PageState) -> String {
        var json = "{\"user\":" + JSONWriter.quote(user.name) + ",\"admin\":" + (user.isAdmin ? "true" : "false")
        json += ",\"csrf\":" + JSONWriter.quote(csrf) + ",\"through\":" + String(state.newest) + ",\"stories\":{"
        json += page.stories.map { "\"\($0)\":\(state.unreadReports[$0] ?? 0)" }.joined(separator: ",")
        json +=
            "},\"read\":["
            + page.articles.filter { state.articles[$0]?.read == true }.map(String.init).joined(separator: ",")
        json += "],\"starred\":["
        json += page.articles.filter { state.articles[$0]?.starred == true }.map(String.init).joined(separator: ",")
        // "<" escaped so that nothing in it can end the block.
        return (json + "]}").replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// A page with the user's state of what it shows, added before its end as a JSON data block.
    func personalized(_ page: CachedPage, user: UserRecord, request: Request) async -> Response {
        guard let accounts, let end = Self.lastBodyEnd(page.body) else { return html(page.body) }
        let csrf = CSRF.token(for: request)
        let memoKey = StateMemo.Key(user: user.id, build: page.build, csrf: csrf.token)
        let epoch = accounts.stateEpoch
        let json: String
        if let kept = stateMemo.get(memoKey, epoch: epoch, now: now()) {
            json = kept
        } else {
            guard
                let made = try? await offload({
                    Self.stateJSON(
                        user: user, csrf: csrf.token, page: page,
                        state: try accounts.store.pageState(
                            userID: user.id, stories: page.stories, articles: page.articles))
                })
            else { return html(page.body) }
            stateMemo.set(memoKey, made, epoch: epoch, now: now())
            json = made
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.body.utf8.count + json.utf8.count + 64)
        buffer.writeSubstring(page.body[..<end])
        buffer.writeString("<script type=\"application/json\" id=\"reader-state\">")
        buffer.writeString(json)
        buffer.writeString("</script>\n")
        buffer.writeSubstring(page.body[end...])
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        var response = Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
        if csrf.isNew { CSRF.setCookie(csrf.token, on: &response) }
        return response
    }

    /// Where the page's last `</body>` begins.
    static func lastBodyEnd(_ html: String) -> String.Index? {
        let marker = Array("</body>".utf8)
        let utf8 = html.utf8
        var index = utf8.endIndex
        var matched = marker.count
        while index > utf8.startIndex {
            index = utf8.index(before: index)
            if utf8[index] == marker[matched - 1] {
                matched -= 1
                if matched == 0 { return index }
            } else {
                matched = utf8[index] == marker[marker.count - 1] ? marker.count - 1 : marker.count
            }
        }
        return nil
    }

    /// A page made for one user (an unread-only view, their starred articles): kept like any page, under
    /// the user and the state epoch, so that it is made again once anything is marked through this server.
    func personalPage(
        _ request: Request, user: UserRecord, _ render: @escaping @Sendable () throws -> (title: String, html: String)
    ) async -> Response {
        do {
            let owner = "user \(user.id) epoch \(accounts?.stateEpoch ?? 0) "
            let page = try await cached(request, ranksByTime: true, scan: true, owner: owner) { try render().html }
            return await personalized(page, user: user, request: request)
        } catch let error as ReaderError {
            return errorPage(error.status, error.message)
        } catch {
            return errorPage(.serviceUnavailable, "The desk cannot be read now: \(error)")
        }
    }

    /// Today's stories with something the user has not read, ranked as the front page ranks them.
    func frontPage(unreadFor user: UserRecord) throws -> (title: String, html: String) {
        guard let accounts else { return try frontPage() }
        let now = now()
        let ids = try accounts.store.unreadStories(userID: user.id, since: now - Self.day, now: now, limit: 60)
        let summaries = try accounts.store.storySummaries(ids)
        return try frontPage(
            "Unread stories", stories: ids.compactMap { summaries[$0] }, now: now,
            emptyNote: "Nothing unread in the last day's stories.")
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

/// The state blocks made in the last second, by user, page build and CSRF token: a reader who asks for
/// the same page again gets the same block, unless anyone changed anything through this server since.
/// Changes made elsewhere (another process, the command line) show within the second.
final class StateMemo: Sendable {
    struct Key: Hashable {
        var user: Int64
        var build: Int
        var csrf: String
    }

    private let kept = NIOLockedValueBox([Key: (json: String, epoch: Int, at: Int)]())

    func get(_ key: Key, epoch: Int, now: Int) -> String? {
        kept.withLockedValue { kept in
            guard let entry = kept[key], entry.epoch == epoch, entry.at == now else { return nil }
            return entry.json
        }
    }

    func set(_ key: Key, _ json: String, epoch: Int, now: Int) {
        kept.withLockedValue { kept in
            if kept.count >= 5_000 { kept = kept.filter { $0.value.at == now && $0.value.epoch == epoch } }
            if kept.count >= 5_000 { kept.removeAll() }
            kept[key] = (json, epoch, now)
        }
    }
}
