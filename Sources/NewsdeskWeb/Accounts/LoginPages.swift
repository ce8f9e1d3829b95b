import Foundation
import HTTPTypes
import Hummingbird
import NewsdeskStore

/// The login page, logging in and out. A login sets a session cookie (HttpOnly, SameSite=Lax, and Secure
/// when the request came over https); failed logins are slowed down per address and per account.
extension Reader {
    func addLoginRoutes(to router: Router<ReaderContext>) {
        router.get("/login") { request, context in self.loginPage(request, context: context) }
        router.post("/login") { request, context in await self.logIn(request, context: context) }
        router.post("/logout") { request, _ in await self.logOut(request) }
    }

    func loginPage(
        _ request: Request, context: ReaderContext, message: String? = nil, status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        let csrf = CSRF.token(for: request)
        var page = common(title: "Log in")
        page["csrf"] = csrf.token
        page["next"] = Self.safeNext(Query(request)["next"])
        if let message { page["message"] = message }
        if accounts == nil || !hasUsers() {
            page["message"] = message ?? "This desk has no users: everyone reads it. Add one with newsdesk users add."
        }
        var response = html(render("login", page), status: status)
        if csrf.isNew { CSRF.setCookie(csrf.token, on: &response) }
        return response
    }

    /// A path on this site to go back to after logging in; anything else goes to the front page.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count < 2_000,
            !next.contains(where: { $0.isNewline })
        else { return "/" }
        return next
    }

    func logIn(_ request: Request, context: ReaderContext) async -> Response {
        var request = request
        guard let accounts, let body = try? await request.collectBody(upTo: 64 * 1024) else {
            return errorPage(.badRequest, "The login form was too large or this desk keeps no accounts.")
        }
        let form = Forms.urlEncoded(String(buffer: body))
        guard CSRF.isValid(request, formToken: form["csrf"]) else {
            return loginPage(request, context: context, message: "The form had expired; try again.", status: .forbidden)
        }
        let name = form["name"] ?? ""
        let password = form["password"] ?? ""
        let outcome = await accounts.login(
            name: name, password: password, address: Self.clientAddress(request, context: context), now: now())
        switch outcome {
        case .user(let user, _):
            do {
                let secret = try accounts.startSession(user, now: now())
                var response = Response.redirect(to: Self.safeNext(form["next"]), type: .found)
                response.headers[values: .setCookie].append(
                    "\(Self.sessionCookie)=\(secret); Path=/; Max-Age=\(AccountService.sessionLifetime); HttpOnly; "
                        + "SameSite=Lax" + (Self.isSecure(request) ? "; Secure" : ""))
                return response
            } catch {
                return errorPage(.serviceUnavailable, "The desk cannot be written now: \(error)")
            }
        case .refused:
            return loginPage(request, context: context, message: "Wrong name or password.", status: .unauthorized)
        case .throttled(let seconds):
            var response = loginPage(
                request, context: context,
                message: "Too many failed logins: try again in \(seconds) \(Display.plural(seconds, "second")).",
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    func logOut(_ request: Request) async -> Response {
        var request = request
        let form = Forms.urlEncoded((try? await request.collectBody(upTo: 64 * 1024)).map { String(buffer: $0) } ?? "")
        guard CSRF.isValid(request, formToken: form["csrf"]) else {
            return errorPage(
                .forbidden, "The form had expired or came from another site; reload the page and try again.")
        }
        if let secret = request.cookies[Self.sessionCookie]?.value { accounts?.endSession(secret) }
        var response = Response.redirect(to: "/login", type: .found)
        response.headers[values: .setCookie].append(
            "\(Self.sessionCookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (Self.isSecure(request) ? "; Secure" : ""))
        return response
    }

    /// Whether the reader was reached over https (directly, or through a proxy that says so).
    static func isSecure(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// The address a request came from: behind a proxy on this machine, the one it names last.
    static func clientAddress(_ request: Request, context: ReaderContext) -> String {
        let peer = context.remoteAddress
        if AdminPolicy.isLoopback(peer), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last
        {
            return last.trimmingCharacters(in: .whitespaces)
        }
        return peer
    }
}
