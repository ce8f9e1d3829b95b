import NewsdeskCore

/// Where a PostgreSQL database is: `postgres://user:password@host:port/name` (or `postgresql://`), the
/// form libpq and most hosting services print, with libpq's `sslmode` as the only query parameter.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, after libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, its certificate not verified: libpq's default.
        case prefer
        /// TLS or no connection, the certificate not verified.
        case require
        /// TLS with the certificate verified against the system's roots and the host name (libpq's
        /// `verify-ca` is taken as this, the stricter of the two).
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String, port: Int = 5432, user: String, password: String?, database: String, tls: TLSMode = .prefer
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Whether `text` is meant as a PostgreSQL URL rather than a SQLite path.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a URL; the error names what is wrong with it, and never repeats the password.
    public init(_ text: String) throws {
        guard let scheme = ["postgres://", "postgresql://"].first(where: text.hasPrefix) else {
            throw Self.invalid("does not start with postgres:// or postgresql://")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw Self.invalid("names no database") }
        let authority = rest[..<slash]
        let database = try Self.decode(rest[rest.index(after: slash)...], "database name")
        guard !database.isEmpty, !database.contains("/") else { throw Self.invalid("names no database") }
        guard let at = authority.lastIndex(of: "@") else { throw Self.invalid("names no user") }
        let userInfo = authority[..<at]
        let user: String
        var password: String?
        if let colon = userInfo.firstIndex(of: ":") {
            user = try Self.decode(userInfo[..<colon], "user name")
            password = try Self.decode(userInfo[userInfo.index(after: colon)...], "password")
        } else {
            user = try Self.decode(userInfo, "user name")
        }
        guard !user.isEmpty else { throw Self.invalid("names no user") }
        let (host, port) = try Self.hostAndPort(authority[authority.index(after: at)...])
        self.init(
            host: host, port: port, user: user, password: password, database: database,
            tls: try Self.tlsMode(query))
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let secret = password == nil ? "" : ":…"
        return "postgres://\(user)\(secret)@\(shownHost):\(port)/\(database)"
    }

    /// `host`, `host:port`, `[v6 address]` or `[v6 address]:port`.
    private static func hostAndPort(_ text: Substring) throws -> (String, Int) {
        var host = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("has an unclosed [ in its host") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("has something after its host's ]") }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw invalid("names no host") }
        guard let portText else { return (String(host), 5432) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw invalid("has a port that is not a number from 1 to 65535")
        }
        return (String(host), port)
    }

    private static func tlsMode(_ query: Substring) throws -> TLSMode {
        var mode = TLSMode.prefer
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0]
            let value = parts.count > 1 ? parts[1] : ""
            guard name == "sslmode" else {
                throw invalid("has the parameter “\(name)”; only sslmode is understood")
            }
            switch value {
            case "disable": mode = .disable
            case "allow", "prefer": mode = .prefer
            case "require": mode = .require
            case "verify-ca", "verify-full": mode = .verifyFull
            default: throw invalid("has sslmode=\(value); use disable, prefer, require or verify-full")
            }
        }
        return mode
    }

    /// Percent-decoding, so a password may hold @, : or /.
    private static func decode(_ text: Substring, _ what: String) throws -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first < utf8.endIndex, utf8.index(after: first) < utf8.endIndex,
                    let value = UInt8(
                        String(decoding: utf8[first...utf8.index(after: first)], as: UTF8.self), radix: 16)
                else { throw invalid("has a broken %-escape in its \(what)") }
                bytes.append(value)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func invalid(_ problem: String) -> NewsdeskError {
        NewsdeskError(
            .unparseable, "the database URL \(problem) (expected postgres://user:password@host:port/name)")
    }
}
