import ArgumentParser
import Foundation
import NewsdeskCore
import NewsdeskFeed
import NewsdeskStore
import NewsdeskWeb

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "The desk's readers: once one exists, reading needs a login and changing sources an admin.",
        subcommands: [
            UsersAddCommand.self, UsersListCommand.self, UsersRemoveCommand.self, UsersPasswordCommand.self,
            UsersTokenCommand.self, UsersAppPasswordCommand.self,
        ])
}

extension DatabaseOptions {
    /// The store, as one that keeps accounts.
    func openAccounts() throws -> any AccountStore {
        guard let accounts = try open() as? any AccountStore else {
            throw NewsdeskError(.unsupported, "accounts are kept in the SQLite store only, for now")
        }
        return accounts
    }

    func user(_ name: String, in store: any AccountStore) throws -> UserRecord {
        guard let user = try store.user(named: name) else { throw NewsdeskError(.notFound, "no user named \(name)") }
        return user
    }
}

/// A password from standard input: asked for, without echo, on a terminal; else its first line.
enum PasswordInput {
    static func read(prompt: String) throws -> String {
        let password: String?
        if isatty(STDIN_FILENO) == 1 {
            FileHandle.standardError.write(Data(prompt.utf8))
            var settings = termios()
            tcgetattr(STDIN_FILENO, &settings)
            var silent = settings
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
            password = readLine(strippingNewline: true)
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
            FileHandle.standardError.write(Data("\n".utf8))
        } else {
            password = readLine(strippingNewline: true)
        }
        guard let password, !password.isEmpty else {
            throw NewsdeskError(.empty, "no password given on standard input")
        }
        guard password.count >= 8 else { throw NewsdeskError(.unsupported, "a password needs 8 characters or more") }
        guard password.utf8.count <= 72 else {
            throw NewsdeskError(.unsupported, "a password has 72 bytes at most (bcrypt reads no further)")
        }
        return password
    }
}

/// A user name: what apps and the login page are given.
private func validName(_ name: String) throws -> String {
    guard !name.isEmpty, name.count <= 64,
        name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) })
    else {
        throw NewsdeskError(.unsupported, "a user name has 1 to 64 letters, digits and . _ - @")
    }
    return name
}

struct UsersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user; the password is read from standard input (asked for on a terminal).")

    @Argument(help: "The user's name.") var name: String
    @Flag(help: "The user may change the sources and the desk's settings.") var admin = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let name = try validName(name)
        let store = try database.openAccounts()
        let password = try PasswordInput.read(prompt: "Password for \(name): ")
        let user = try store.addUser(
            name: name, passwordHash: Secrets.hashPassword(password), isAdmin: admin,
            at: Int(Date().timeIntervalSince1970))
        print("added \(user.name)\(user.isAdmin ? " (admin)" : "")")
    }
}

struct UsersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        for user in try database.openAccounts().users() {
            print("\(user.name)\(user.isAdmin ? "\tadmin" : "")\tsince \(FeedTime(unixTime: user.createdAt).iso8601)")
        }
    }
}

struct UsersRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a user with their sessions, tokens, read state and saved searches.")

    @Argument(help: "The user's name.") var name: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard try database.openAccounts().removeUser(named: name) else {
            throw NewsdeskError(.notFound, "no user named \(name)")
        }
        print("removed \(name)")
    }
}

struct UsersPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Set a user's login password (from standard input); their browser sessions end.")

    @Argument(help: "The user's name.") var name: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try database.openAccounts()
        _ = try database.user(name, in: store)
        let password = try PasswordInput.read(prompt: "New password for \(name): ")
        _ = try store.setPasswordHash(named: name, hash: Secrets.hashPassword(password))
        print("password changed for \(name)")
    }
}

struct UsersTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a new API token for scripts (Authorization: Bearer), the only line on standard output.")

    @Argument(help: "The user's name.") var name: String
    @Flag(help: "End every API token of the user instead.") var revoke = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try database.openAccounts()
        let user = try database.user(name, in: store)
        if revoke {
            let count = try store.removeCredentials(userID: user.id, kind: .token)
            StandardError.write("newsdesk: ended \(count) API token\(count == 1 ? "" : "s") of \(name)")
            return
        }
        print(try AccountService.newToken(user, store: store, now: Int(Date().timeIntervalSince1970)))
    }
}

struct UsersAppPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app-password",
        abstract: """
            Print a new password for apps (Google Reader and Fever APIs), the only line on standard output.
            """)

    @Argument(help: "The user's name.") var name: String
    @Flag(help: "End every app password of the user, and the apps' logins made with them, instead.")
    var revoke = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try database.openAccounts()
        let user = try database.user(name, in: store)
        if revoke {
            let count = try store.removeCredentials(userID: user.id, kind: .app)
            StandardError.write("newsdesk: ended \(count) app password\(count == 1 ? "" : "s") of \(name)")
            return
        }
        print(try AccountService.newAppPassword(user, store: store, now: Int(Date().timeIntervalSince1970)))
    }
}
