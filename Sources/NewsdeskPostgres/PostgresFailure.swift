import Foundation
import NIOCore
import NIOPosix
import NewsdeskCore
import PostgresNIO

/// PostgreSQL's and the network's errors as one line a person can act on: which server, and what went
/// wrong (refused, no such database, wrong password…). Never the password, never a whole statement.
enum PostgresFailure {
    /// A statement not sent: the server had closed the connection already.
    struct ConnectionClosed: Error {}

    static func describe(_ error: any Error, url: PostgresURL) -> any Error {
        if error is NewsdeskError { return error }
        let server = "PostgreSQL at \(url.host):\(url.port)"
        if error is ConnectionClosed { return NewsdeskError(.unreadable, "lost the connection to \(server)") }
        guard let error = error as? PSQLError else {
            if let connection = error as? NIOConnectionError { return unreachable(connection, server) }
            return NewsdeskError(.unreadable, "\(server): \(error)")
        }
        switch error.code {
        case .server:
            return serverError(error, url: url, server: server)
        case .connectionError:
            if let connection = error.underlying as? NIOConnectionError { return unreachable(connection, server) }
            if case .connectTimeout = error.underlying as? ChannelError {
                return NewsdeskError(.unreadable, "cannot connect to \(server): no answer in time")
            }
            let cause = error.underlying.map { "\($0)" } ?? "the connection failed"
            return NewsdeskError(.unreadable, "cannot connect to \(server): \(cause)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return NewsdeskError(.unreadable, "lost the connection to \(server)")
        case .authMechanismRequiresPassword:
            return NewsdeskError(.unreadable, "\(server) asks for a password for user “\(url.user)”; the URL has none")
        case .unsupportedAuthMechanism:
            return NewsdeskError(.unreadable, "\(server) asks for an authentication method newsdesk cannot do")
        case .sslUnsupported:
            return NewsdeskError(.unreadable, "\(server) does not offer TLS, and the URL's sslmode requires it")
        default:
            return NewsdeskError(.unreadable, "\(server): \(error.code)")
        }
    }

    /// Whether the connection is gone, so the next call needs a new one.
    static func isConnectionLost(_ error: any Error) -> Bool {
        if error is ConnectionClosed { return true }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .connectionError: return true
        case .server:
            // admin_shutdown, crash_shutdown, cannot_connect_now: the server ended this session.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        default: return false
        }
    }

    private static func serverError(_ error: PSQLError, url: PostgresURL, server: String) -> NewsdeskError {
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "an error"
        switch state {
        case "28P01":
            return NewsdeskError(.unreadable, "\(server) refused the password for user “\(url.user)”")
        case "28000":
            return NewsdeskError(.unreadable, "\(server) refused user “\(url.user)”: \(message)")
        case "3D000":
            return NewsdeskError(.unreadable, "\(server) has no database “\(url.database)”")
        case "57P03":
            return NewsdeskError(.unreadable, "\(server) is starting up or shutting down")
        case "53300":
            return NewsdeskError(.unreadable, "\(server) has too many connections")
        default:
            return NewsdeskError(.unreadable, "\(server): \(message) (SQLSTATE \(state))")
        }
    }

    private static func unreachable(_ error: NIOConnectionError, _ server: String) -> NewsdeskError {
        if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
            return NewsdeskError(.unreadable, "cannot connect to \(server): the host name is unknown")
        }
        if let failure = error.connectionErrors.first?.error as? IOError {
            let reason = String(cString: strerror(failure.errnoCode)).lowercased()
            return NewsdeskError(.unreadable, "cannot connect to \(server): \(reason)")
        }
        return NewsdeskError(.unreadable, "cannot connect to \(server): \(error)")
    }
}
