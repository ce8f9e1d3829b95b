import Foundation
import Hummingbird
import NewsdeskStore

/// Who may read: once the desk has users, only someone logged in (a session cookie, or an API token as
/// `Authorization: Bearer`), unless the server reads publicly. The login page, the static files, the
/// apps' APIs (which check their own credentials) and /metrics (which checks the admin's) are let through.
struct AccessMiddleware: RouterMiddleware {
    let reader: Reader

    static let openPrefixes = [
        "/login", "/logout", "/static/", "/favicon.ico", "/api/greader/", "/api/fever", "/metrics",
    ]
    static let openPaths: Set<String> = ["/api/v1/openapi.json", "/api/apps/openapi.json"]

    func handle(_ request: Request, context: ReaderContext, next: (Request, ReaderContext) async throws -> Response)
        async throws -> Response
    {
        guard let accounts = reader.accounts, accounts.hasUsers(now: reader.now()) else {
            return try await next(request, context)
        }
        // Any change may change someone's read state: the state blocks kept are not reused after it.
        if request.method != .get && request.method != .head {
            defer { accounts.stateChanged() }
            return try await guarded(request, context: context, next)
        }
        return try await guarded(request, context: context, next)
    }

    private func guarded(
        _ request: Request, context: ReaderContext, _ next: (Request, ReaderContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let path = request.uri.path
        context.user = reader.identify(request)
        if context.user == nil && !reader.settings.publicReading && !Self.isOpen(path)
            && !reader.admin.holdsToken(request)
        {
            if path.hasPrefix("/api/") {
                return API.error(.unauthorized, "log in: send Authorization: Bearer <token> (newsdesk users token)")
            }
            let target = request.uri.description
            return .redirect(to: "/login?next=" + Reader.queryEscape(target))
        }
        return try await next(request, context)
    }

    static func isOpen(_ path: String) -> Bool {
        openPaths.contains(path) || openPrefixes.contains { path == $0 || path.hasPrefix($0) }
    }
}

extension Reader {
    static let sessionCookie = "newsdesk_session"

    /// The user of a request's session cookie or bearer token.
    func identify(_ request: Request) -> UserRecord? {
        guard let accounts else { return nil }
        let now = now()
        if let secret = request.cookies[Self.sessionCookie]?.value,
            let user = accounts.user(secret: secret, kind: .session, now: now)
        {
            return user
        }
        if let token = AdminPolicy.bearerToken(request) {
            return accounts.user(secret: token, kind: .token, now: now)
        }
        // A feed reader following a starred or saved-search feed: the user's name and an app password.
        if let header = request.headers[.authorization], header.count > 6, header.prefix(6).lowercased() == "basic ",
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":"),
            let user = accounts.user(secret: String(decoded[decoded.index(after: colon)...]), kind: .app, now: now),
            user.name == decoded[..<colon]
        {
            return user
        }
        return nil
    }

    /// Whether the desk has users (and so needs logins).
    func hasUsers() -> Bool { accounts?.hasUsers(now: now()) ?? false }
}

extension AdminPolicy {
    /// Why a change of sources is refused, or nil when it is allowed: the admin token always allows it;
    /// once the desk has users, so does an admin's login and nothing else (not even loopback: a reverse
    /// proxy on the same machine makes every request loopback); before that, loopback as before.
    func refusal(offered: String?, user: UserRecord?, usersExist: Bool) -> String? {
        if let token, let offered, Self.constantTimeEqual(offered, token) { return nil }
        guard usersExist else { return refusal(offered: offered) }
        if user?.isAdmin == true { return nil }
        return user == nil
            ? "log in as an admin (or give the admin token)" : "only an admin may change the sources"
    }

    /// Whether the request carries the admin token.
    func holdsToken(_ request: Request) -> Bool {
        guard let token, let offered = Self.bearerToken(request) else { return false }
        return Self.constantTimeEqual(offered, token)
    }
}
