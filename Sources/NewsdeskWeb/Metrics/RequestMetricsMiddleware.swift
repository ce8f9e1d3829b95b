import HTTPTypes
import Hummingbird
import NewsdeskMetrics

/// Times every request, from when the router has it to when its answer is ready (not while a slow
/// client reads it), into `newsdesk_http_request_duration_seconds`. The route label is the pattern the
/// router matched (`/stories/{id}`), never the path asked for, and `unmatched` for every address no route
/// has (404s, and 405s for a known address with another method); methods outside the usual few are
/// `other`. So the number of series stays bounded whatever clients send.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: DeskMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status, since: started)
            return response
        } catch {
            record(
                request, context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError,
                since: started)
            throw error
        }
    }

    func record(
        _ request: Request, _ context: Context, status: HTTPResponse.Status, since started: ContinuousClock.Instant
    ) {
        metrics.recordRequest(
            route: Self.route(context.endpointPath), method: Self.method(request.method), status: status.code,
            duration: ContinuousClock.now - started)
    }

    /// The matched route's pattern: the router sets it, with a leading slash, only for a route it has.
    static func route(_ endpointPath: String?) -> String {
        guard let path = endpointPath, path.hasPrefix("/") else { return "unmatched" }
        return path
    }

    static func method(_ method: HTTPRequest.Method) -> String {
        let known: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .delete, .patch, .options]
        return known.contains(method) ? method.rawValue : "other"
    }
}
