import Hummingbird
import NewsdeskMetrics
import NewsdeskStore

/// The answer to `GET /metrics`: every metric of the process in the Prometheus text format, never cached.
/// Who may read it follows the admin token: with a token set, only a request carrying
/// `Authorization: Bearer <token>` (a scraper's `authorization` setting); without one, anyone on a server
/// that listens on loopback only, and nobody on one that listens beyond it (403).
struct MetricsEndpoint: Sendable {
    let metrics: DeskMetrics
    let admin: AdminPolicy

    func response(to request: Request, user: UserRecord? = nil, usersExist: Bool = false) -> Response {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        if admin.token == nil && !admin.listensOnLoopback && !usersExist {
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(
                status: .forbidden, headers: headers,
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        string: "/metrics beyond loopback needs an admin token: start the server with one\n")))
        }
        if admin.refusal(offered: AdminPolicy.bearerToken(request), user: user, usersExist: usersExist) != nil {
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.wwwAuthenticate] = "Bearer realm=\"newsdesk\""
            return Response(
                status: .unauthorized, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: "the admin token is missing or wrong\n")))
        }
        headers[.contentType] = DeskMetrics.contentType
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
}
