import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// The methods each route answers, read from the router once every route is added, so that a known
/// address asked for with another method is answered 405 with `Allow`, and only an unknown address 404.
final class RouteTable: Sendable {
    private struct Route {
        var path: RouterPath
        var methods: Set<HTTPRequest.Method>
    }

    private let routes = NIOLockedValueBox<[Route]>([])

    /// Takes the router's routes; HEAD goes with every GET (the router answers it).
    func record(_ described: [Router<some RequestContext>.RouteDescription]) {
        var byPath: [String: Route] = [:]
        for route in described {
            byPath[route.path.description, default: Route(path: route.path, methods: [])].methods.insert(route.method)
        }
        let routes = byPath.values.map { route -> Route in
            var route = route
            if route.methods.contains(.get) { route.methods.insert(.head) }
            return route
        }
        self.routes.withLockedValue { $0 = routes }
    }

    /// The methods `path` answers, in a stable order; empty for an address no route has.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let found = routes.withLockedValue { routes in
            routes.filter { route in
                route.path.components.count == segments.count
                    && zip(route.path.components, segments).allSatisfy { component, segment in component ~= segment }
            }
        }
        return Set(found.flatMap(\.methods)).sorted { $0.rawValue < $1.rawValue }
    }
}

/// Answers what the router could not: 405 with `Allow` for a known address and another method, and
/// the reader's own 404 (an HTML page, or the API's JSON error under /api/) for an unknown address.
struct MethodRoutingMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable
    let answer: @Sendable (_ status: HTTPResponse.Status, _ message: String, _ request: Request) -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = table.methods(for: request.uri.path)
            guard !allowed.isEmpty else {
                return answer(.notFound, "no such page: \(request.uri.path)", request)
            }
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            var response = answer(
                .methodNotAllowed, "\(request.uri.path) answers \(list), not \(request.method.rawValue)", request)
            response.headers[.allow] = list
            return response
        }
    }
}
