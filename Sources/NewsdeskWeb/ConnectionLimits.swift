import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// What keeps slow and greedy clients from holding the server's connections:
///
/// - **Idle timeout.** A connection with no request in progress, or whose request stopped arriving
///   part-way, is closed after this long (Hummingbird's `HTTP1Channel` idle timeout; only whole request
///   parts count as activity, so headers dribbled a byte at a time do not keep it open). The same time
///   bounds a response the client does not read (a slow read): when written data has waited this long
///   without any of it reaching the socket, the connection is closed.
/// - **Header timeout.** Each request head (request line and headers) must arrive whole within this long
///   of the connection opening, or of the first bytes of a later request on it (slowloris); else the
///   connection is closed.
/// - **Connection cap.** At most this many connections are open at once. Beyond it the server stops
///   accepting: new connections wait in the listen backlog (Hummingbird's `MaximumAvailableConnections`)
///   until one closes, and past the backlog the kernel turns them away.
///
/// `nil` turns a limit off.
public struct ConnectionLimits: Sendable {
    public var idleTimeout: TimeAmount?
    public var headerTimeout: TimeAmount?
    public var maxConnections: Int?

    public init(
        idleTimeout: TimeAmount? = .seconds(60), headerTimeout: TimeAmount? = .seconds(10), maxConnections: Int? = 512
    ) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.maxConnections = maxConnections
    }

    /// From whole seconds and a count, as given on the command line: 0 turns a limit off.
    public init(idleSeconds: Int, headerSeconds: Int, maxConnections: Int) {
        self.init(
            idleTimeout: idleSeconds > 0 ? .seconds(Int64(idleSeconds)) : nil,
            headerTimeout: headerSeconds > 0 ? .seconds(Int64(headerSeconds)) : nil,
            maxConnections: maxConnections > 0 ? maxConnections : nil)
    }

    /// The HTTP/1.1 server with the timeouts, for `Application(server:)`.
    public var server: HTTPServerBuilder {
        let idle = idleTimeout
        let header = headerTimeout
        return .http1(
            configuration: .init(
                additionalChannelHandlers: Self.handlers(idleTimeout: idle, headerTimeout: header),
                idleTimeout: idle))
    }

    /// The application's configuration with the connection cap, for `Application(configuration:)`.
    public func applied(to configuration: ApplicationConfiguration) -> ApplicationConfiguration {
        var configuration = configuration
        if let maxConnections {
            configuration.availableConnectionsDelegate = MaximumAvailableConnections(maxConnections)
        }
        return configuration
    }

    /// A new set of handlers for each connection.
    static func handlers(idleTimeout: TimeAmount?, headerTimeout: TimeAmount?) -> [any RemovableChannelHandler] {
        var handlers: [any RemovableChannelHandler] = []
        if let headerTimeout { handlers.append(RequestHeadTimeoutHandler(timeout: headerTimeout)) }
        if let idleTimeout { handlers.append(StalledWriteHandler(timeout: idleTimeout)) }
        return handlers
    }
}

/// Closes a connection whose request head does not arrive whole in time. The clock starts when the
/// connection opens, and for each later request when its first bytes arrive (not while a kept-alive
/// connection waits between requests: that is the idle timeout's). It stops when the head is decoded.
///
/// Sits after the HTTP decoder, so it sees decoded request parts; `channelReadComplete` still comes
/// for every read from the socket, even one that completed no part.
final class RequestHeadTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let timeout: TimeAmount
    /// No head since the last request ended (or since the connection opened).
    private var awaitingHead = true
    /// This read from the socket ended a request: any bytes of the next are too few to tell.
    private var endedRequestThisRead = false
    private var scheduled: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startClock(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopClock()
    }

    func channelActive(context: ChannelHandlerContext) {
        startClock(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopClock()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            awaitingHead = false
            endedRequestThisRead = false
            stopClock()
        case .body:
            break
        case .end:
            awaitingHead = true
            endedRequestThisRead = true
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Bytes arrived that did not end with a whole request: the next head has begun.
        if awaitingHead && !endedRequestThisRead { startClock(context) }
        endedRequestThisRead = false
        context.fireChannelReadComplete()
    }

    private func startClock(_ context: ChannelHandlerContext) {
        guard scheduled == nil else { return }
        scheduled = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.scheduled = nil
            if self.awaitingHead { context.close(promise: nil) }
        }
    }

    private func stopClock() {
        scheduled?.cancel()
        scheduled = nil
    }
}

/// Closes a connection whose writes stop reaching the socket: a client that asks and then does not
/// read (or reads a few bytes now and then) would otherwise hold its response in memory for ever,
/// as Hummingbird's idle timeout does not run while a response is being written. The time counts
/// from the last write that completed, or from when writing began.
final class StalledWriteHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    let timeout: TimeAmount
    private var pendingWrites = 0
    private var lastProgress = NIODeadline.now()
    private var scheduled: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        scheduled?.cancel()
        scheduled = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let promise = promise ?? context.eventLoop.makePromise()
        if pendingWrites == 0 { lastProgress = .now() }
        pendingWrites += 1
        promise.futureResult.hop(to: context.eventLoop).assumeIsolated().whenComplete { _ in
            self.pendingWrites -= 1
            self.lastProgress = .now()
        }
        context.write(data, promise: promise)
        check(context)
    }

    /// Closes the connection if its writes have waited too long, else looks again when they would have.
    private func check(_ context: ChannelHandlerContext) {
        guard scheduled == nil, pendingWrites > 0, context.channel.isActive else { return }
        let deadline = lastProgress + timeout
        if NIODeadline.now() >= deadline {
            context.close(promise: nil)
            return
        }
        scheduled = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.scheduled = nil
            self.check(context)
        }
    }
}

@available(*, unavailable)
extension RequestHeadTimeoutHandler: Sendable {}

@available(*, unavailable)
extension StalledWriteHandler: Sendable {}
