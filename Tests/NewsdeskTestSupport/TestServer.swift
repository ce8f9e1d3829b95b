import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request as the test server saw it.
public struct SeenRequest: Sendable {
    public var path: String
    public var headers: [String: String]
    public var at: ContinuousClock.Instant
}

/// What the test server answers.
public indirect enum Reply: Sendable {
    case ok(HTTPResponseStatus = .ok, headers: [(String, String)] = [], body: [UInt8] = [])
    /// The reply, its head sent only after a pause (a slow server).
    case delayed(TimeAmount, Reply)
    /// A 200 whose body never ends.
    case endless
    /// A 200 whose body comes one byte at a time, forever.
    case trickle(every: TimeAmount)

    public static func text(_ body: String, _ status: HTTPResponseStatus = .ok, headers: [(String, String)] = [])
        -> Reply
    {
        .ok(status, headers: headers, body: Array(body.utf8))
    }

    public static func redirect(_ location: String, _ status: HTTPResponseStatus = .found) -> Reply {
        .ok(status, headers: [("Location", location)])
    }
}

/// A real HTTP server on 127.0.0.1 and a free port, answering with `route`.
public final class TestServer: @unchecked Sendable {
    public typealias Route = @Sendable (_ path: String, _ headers: [String: String], _ count: Int) -> Reply

    private var channel: Channel?
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var inFlight = 0
    private(set) var maxInFlight = 0
    private var seen: [SeenRequest] = []
    public let route: Route

    init(route: @escaping Route) {
        self.route = route
    }

    public var port: Int { channel?.localAddress?.port ?? 0 }

    public var base: String { "http://127.0.0.1:\(port)" }

    public var requests: [SeenRequest] { lock.withLock { seen } }

    public var peakConcurrency: Int { lock.withLock { maxInFlight } }

    public static func start(route: @escaping Route) async throws -> TestServer {
        let server = TestServer(route: route)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: server))
                }
            }
        server.channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        return server
    }

    public func stop() async {
        try? await channel?.close()
    }

    fileprivate func begin(_ path: String, _ headers: [String: String]) -> Reply {
        let count = lock.withLock {
            counts[path, default: 0] += 1
            inFlight += 1
            maxInFlight = max(maxInFlight, inFlight)
            seen.append(SeenRequest(path: path, headers: headers, at: .now))
            return counts[path]!
        }
        return route(path, headers, count)
    }

    fileprivate func finish() {
        lock.withLock { inFlight -= 1 }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: TestServer
        var head: HTTPRequestHead?
        /// A request is being answered (counted in flight).
        var active = false

        init(server: TestServer) {
            self.server = server
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let request): head = request
            case .body: break
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let reply = server.begin(head.uri, headers)
                active = true
                respond(reply, context: context)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            done()
            context.fireChannelInactive()
        }

        private func done() {
            guard active else { return }
            active = false
            server.finish()
        }

        private func respond(_ reply: Reply, context: ChannelHandlerContext) {
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            switch reply {
            case .ok(let status, let extra, let body):
                var headers = HTTPHeaders(extra)
                if !headers.contains(name: "Content-Length") {
                    headers.add(name: "Content-Length", value: "\(body.count)")
                }
                context.write(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                    promise: nil)
                if !body.isEmpty {
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
                }
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                    loopBound.value.0.done()
                    loopBound.value.0.head = nil
                }
            case .delayed(let delay, let inner):
                context.eventLoop.scheduleTask(in: delay) {
                    let (handler, context) = loopBound.value
                    handler.respond(inner, context: context)
                }
            case .endless:
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok))), promise: nil)
                writeForever(
                    context: context, chunk: ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024), every: nil)
            case .trickle(let interval):
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok))), promise: nil)
                writeForever(context: context, chunk: ByteBuffer(string: "<"), every: interval)
            }
        }

        private func writeForever(context: ChannelHandlerContext, chunk: ByteBuffer, every interval: TimeAmount?) {
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk)))).whenComplete { result in
                guard case .success = result else { return }
                let (handler, context) = loopBound.value
                if let interval {
                    context.eventLoop.scheduleTask(in: interval) {
                        let (handler, context) = loopBound.value
                        handler.writeForever(context: context, chunk: chunk, every: interval)
                    }
                } else {
                    handler.writeForever(context: context, chunk: chunk, every: nil)
                }
            }
        }
    }
}
