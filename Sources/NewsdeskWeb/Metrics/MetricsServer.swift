import Hummingbird
import Logging
import NIOCore
import NewsdeskMetrics

/// A server that answers only `GET /metrics` (and `HEAD`), and 404 to anything else: for a process with
/// no reader, such as `newsdesk worker`, to be scraped on a port of its own. The access rule is the
/// reader's: with `adminToken` set, `Authorization: Bearer <token>` is needed; without one, a server on
/// loopback answers anyone and one beyond loopback nobody. Run it beside the process's own work, in the
/// same task group (`try await server.run()`) or in a ServiceLifecycle `ServiceGroup` (`application()`).
public struct MetricsServer: Sendable {
    public let metrics: DeskMetrics
    public var host: String
    public var port: Int
    /// The token a scraper must show; nil for none.
    public var adminToken: String?
    /// Idle and header timeouts as the reader's defaults; a scraper needs few connections at once.
    public var limits = ConnectionLimits(maxConnections: 64)

    public init(metrics: DeskMetrics, host: String = "127.0.0.1", port: Int, adminToken: String? = nil) {
        self.metrics = metrics
        self.host = host
        self.port = port
        self.adminToken = adminToken
    }

    /// The one route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        let endpoint = MetricsEndpoint(
            metrics: metrics, admin: AdminPolicy(token: adminToken, listensOnLoopback: AdminPolicy.isLoopback(host)))
        router.get("/metrics") { request, _ in endpoint.response(to: request) }
        return router
    }

    /// The Hummingbird application listening on `host`:`port` (0 for any free port); `onServerRunning` is
    /// given the listening channel (its `localAddress` has the port).
    public func application(
        logger: Logger = Logger(label: "newsdesk.metrics"),
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> Application<RouterResponder<BasicRequestContext>> {
        Application(
            router: router(),
            server: limits.server,
            configuration: limits.applied(
                to: .init(address: .hostname(host, port: port), serverName: "Newsdesk")),
            onServerRunning: onServerRunning,
            logger: logger)
    }

    /// Serves until the task is cancelled, or the process gets SIGTERM or SIGINT.
    public func run() async throws {
        try await application().runService()
    }
}
