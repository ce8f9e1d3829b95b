import Foundation
import HTTPTypes
import Hummingbird

/// The headers every answer carries: a Content-Security-Policy that allows
/// only the reader's own script and style sheet (no inline script at all),
/// no framing, no sniffing, no referrer sent to outlets.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.crossOriginResourcePolicy] = "same-origin"
        return response
    }
}

/// Who may change the sources. On loopback everyone who can reach the
/// server may (it is their machine); beyond it, only who shows the admin
/// token, and nobody when no token is set.
struct AdminPolicy: Sendable {
    var token: String?
    var listensOnLoopback: Bool

    /// Why a change is refused, or nil when it is allowed.
    func refusal(offered: String?) -> String? {
        if let token {
            guard let offered, Self.constantTimeEqual(offered, token) else {
                return "the admin token is missing or wrong"
            }
            return nil
        }
        return listensOnLoopback
            ? nil : "changing sources needs an admin token: start the server with --admin-token"
    }

    /// Whether a form needs the token field.
    var needsToken: Bool { token != nil }
    /// Whether sources can be changed at all.
    var canEdit: Bool { token != nil || listensOnLoopback }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// The token of an `Authorization: Bearer <token>` header (the scheme in any case), or nil.
    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.count > 7,
            value.prefix(7).lowercased() == "bearer "
        else { return nil }
        return String(value.dropFirst(7))
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// Forms carry a token that must equal the one in the reader's cookie (a
/// double-submit token): another site can make a browser post a form, but
/// it cannot read or set this cookie.
enum CSRF {
    static let cookie = "newsdesk_csrf"

    /// The request's token, or a new one to set.
    static func token(for request: Request) -> (token: String, isNew: Bool) {
        if let value = request.cookies[cookie]?.value, value.count == 32, value.allSatisfy(\.isHexDigit) {
            return (value, false)
        }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        return (token, true)
    }

    static func setCookie(_ token: String, on response: inout Response) {
        response.headers[values: .setCookie].append("\(cookie)=\(token); Path=/; HttpOnly; SameSite=Strict")
    }

    /// Whether a posted form's token matches the cookie, and the post came from this site when the
    /// browser says where it came from (the cookie is SameSite=Strict and no other site can read it or
    /// the page's token, so the match is what counts).
    static func isValid(_ request: Request, formToken: String?) -> Bool {
        guard let cookieToken = request.cookies[cookie]?.value, let formToken,
            AdminPolicy.constantTimeEqual(cookieToken, formToken)
        else { return false }
        // "null" says nothing: browsers send it for a page whose Referrer-Policy is no-referrer, as ours is.
        if let origin = request.headers[.origin], origin != "null", let host = request.head.authority {
            return origin == "http://" + host || origin == "https://" + host
        }
        return true
    }
}
