import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import NewsdeskCore
import NewsdeskStore

/// The desk's readers as the server meets them: logins, sessions, API tokens, app passwords and the
/// apps' own tokens, all checked against digests in the store.
public final class AccountService: Sendable {
    let store: any AccountStore
    let throttle = LoginThrottle()
    /// Whether the desk has users, read again at most once a second: users are added by another process.
    private let known = NIOLockedValueBox((hasUsers: false, checkedAt: Int.min))

    /// How long a browser stays logged in.
    static let sessionLifetime = 30 * 86_400

    public init(store: any AccountStore) {
        self.store = store
    }

    /// Whether anyone has an account; once someone has, reading and changing need a login. When the store
    /// cannot say (PostgreSQL gone away), what it said last holds, so a desk without users goes on serving
    /// the pages it has; when it never said, the desk stays closed.
    func hasUsers(now: Int) -> Bool {
        if let kept = known.withLockedValue({ $0.checkedAt == now ? $0.hasUsers : nil }) { return kept }
        guard let count = try? store.userCount() else {
            return known.withLockedValue { known in
                guard known.checkedAt != Int.min else { return true }
                known.checkedAt = now
                return known.hasUsers
            }
        }
        known.withLockedValue { $0 = (count > 0, now) }
        return count > 0
    }

    enum LoginOutcome {
        case user(UserRecord, credential: Int64?)
        case refused
        /// Too many failures: try again after this many seconds.
        case throttled(Int)
    }

    /// Checks a login password (bcrypt, off the event loop).
    func login(name: String, password: String, address: String, now: Int) async -> LoginOutcome {
        await check(name: name, address: address, now: now) {
            guard let user = try self.store.user(named: name),
                Secrets.verifyPassword(password, hash: user.passwordHash)
            else { return nil }
            return (user, nil)
        }
    }

    /// Checks an app password given with its user's name.
    func appLogin(name: String, password: String, address: String, now: Int) async -> LoginOutcome {
        await check(name: name, address: address, now: now) {
            guard let found = try self.store.credential(digest: Secrets.digest(password), kind: .app, at: now),
                found.user.name == name
            else { return nil }
            return (found.user, found.id)
        }
    }

    private func check(
        name: String, address: String, now: Int,
        _ verify: @escaping @Sendable () throws -> (UserRecord, Int64?)?
    ) async -> LoginOutcome {
        let keys = ["address " + address, "user " + name]
        let wait = throttle.wait(keys, now: now)
        guard wait == 0 else { return .throttled(wait) }
        let found = try? await NIOThreadPool.singleton.runIfActive { try verify() }
        guard let (user, credential) = found ?? nil else {
            throttle.failed(keys, now: now)
            return .refused
        }
        throttle.succeeded("user " + name)
        return .user(user, credential: credential)
    }

    /// A new browser session's secret, for the cookie.
    func startSession(_ user: UserRecord, now: Int) throws -> String {
        let secret = Secrets.random()
        _ = try store.addCredential(
            userID: user.id, kind: .session, digest: Secrets.digest(secret), parent: nil,
            expiresAt: now + Self.sessionLifetime, at: now)
        return secret
    }

    func endSession(_ secret: String) {
        try? store.removeCredential(digest: Secrets.digest(secret))
        holders.withLockedValue { $0[CredentialKind.session.rawValue + " " + secret] = nil }
    }

    /// The user a secret of this kind belongs to, when it is still good. A browser session found is
    /// remembered for a few seconds (every page a reader is served asks; logging out forgets it at once, a
    /// password changed or a user removed from the command line takes that long to reach this server).
    func user(secret: String, kind: CredentialKind, now: Int) -> UserRecord? {
        guard !secret.isEmpty, secret.utf8.count <= 256 else { return nil }
        let key = kind.rawValue + " " + secret
        if kind == .session, let kept = holders.withLockedValue({ $0[key] }), kept.until > now { return kept.user }
        guard let user = try? store.credential(digest: Secrets.digest(secret), kind: kind, at: now)?.user else {
            return nil
        }
        guard kind == .session else { return user }
        holders.withLockedValue { holders in
            if holders.count >= 10_000 { holders.removeAll() }
            holders[key] = (user, now + Self.holderMemory)
        }
        return user
    }

    /// How long a secret found is remembered, in seconds.
    static let holderMemory = 5
    private let holders = NIOLockedValueBox([String: (user: UserRecord, until: Int)]())

    /// Changes whenever a user's state may have changed through this process: what a page's state block,
    /// kept for a second, is checked against.
    private let epoch = NIOLockedValueBox(0)
    var stateEpoch: Int { epoch.withLockedValue { $0 } }
    func stateChanged() { epoch.withLockedValue { $0 &+= 1 } }

    /// A Google Reader auth token for an app password's holder: it ends when the app password does.
    func greaderToken(for user: UserRecord, appCredential: Int64?, now: Int) throws -> String {
        let secret = user.name + "/" + Secrets.random()
        _ = try store.addCredential(
            userID: user.id, kind: .greader, digest: Secrets.digest(secret), parent: appCredential, expiresAt: nil,
            at: now)
        return secret
    }

    // MARK: Made from the command line

    /// A new app password for a user, with its Fever key: the password is shown once, only digests kept.
    public static func newAppPassword(_ user: UserRecord, store: any AccountStore, now: Int) throws -> String {
        let password = Secrets.random()
        let app = try store.addCredential(
            userID: user.id, kind: .app, digest: Secrets.digest(password), parent: nil, expiresAt: nil, at: now)
        _ = try store.addCredential(
            userID: user.id, kind: .fever,
            digest: Secrets.digest(Secrets.feverKey(user: user.name, password: password)), parent: app,
            expiresAt: nil, at: now)
        return password
    }

    /// A new API token for scripts.
    public static func newToken(_ user: UserRecord, store: any AccountStore, now: Int) throws -> String {
        let token = Secrets.random()
        _ = try store.addCredential(
            userID: user.id, kind: .token, digest: Secrets.digest(token), parent: nil, expiresAt: nil, at: now)
        return token
    }
}
