import ArgumentParser
import Foundation
import Logging
import NewsdeskCore
import NewsdeskDesk
import NewsdeskFeed
import NewsdeskFetch
import NewsdeskPostgres
import NewsdeskStore

/// Where the desk's database is: a SQLite file, or a PostgreSQL database shared by several processes.
struct DatabaseOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            """
            The database: a SQLite file (created with the starter sources when missing), or \
            postgres://user:password@host:port/name (else NEWSDESK_DATABASE; newsdesk.sqlite by default).
            """, valueName: "path-or-url"))
    var database: String?

    @Flag(help: "When the database is created, leave out the starter sources.")
    var empty = false

    /// The database named by --database, else by NEWSDESK_DATABASE, else the default file.
    var location: String {
        if let database { return database }
        if let named = ProcessInfo.processInfo.environment["NEWSDESK_DATABASE"], !named.isEmpty { return named }
        return "newsdesk.sqlite"
    }

    /// The location as it can be shown: a URL's password left out.
    var redactedLocation: String {
        guard isPostgres, let url = try? PostgresURL(location) else { return location }
        return url.description
    }

    /// Whether the location is a PostgreSQL URL rather than a file.
    var isPostgres: Bool { Self.isPostgresURL(location) }

    static func isPostgresURL(_ location: String) -> Bool {
        let scheme = location.prefix(while: { $0 != ":" }).lowercased()
        return (scheme == "postgres" || scheme == "postgresql") && location.dropFirst(scheme.count).hasPrefix(":")
    }

    /// Opens the store as `open` does, but, for a process meant to run on (`serve`, `worker`), tries
    /// again while the database cannot be reached or refuses the connection, saying why each time, ever
    /// more slowly up to a minute apart. A malformed URL or a database made by a newer newsdesk ends it.
    func openWaiting() async throws -> any NewsStore {
        if isPostgres { _ = try PostgresURL(location) }
        var wait = 1
        while true {
            do {
                return try open()
            } catch let error as NewsdeskError where error.code == .unsupported {
                throw error
            } catch {
                guard isPostgres else { throw error }
                StandardError.write("newsdesk: \(error); trying again in \(wait) s")
                try await Task.sleep(for: .seconds(wait))
                wait = min(60, wait * 2)
            }
        }
    }

    /// Opens the store; a new one starts with the starter list of world-news feeds.
    func open() throws -> any NewsStore {
        let store: any NewsStore
        let isNew: Bool
        if isPostgres {
            var logger = Logger(label: "newsdesk.postgres")
            logger.logLevel = .warning
            let postgres = try PostgresStore(url: PostgresURL(location), logger: logger)
            (store, isNew) = (postgres, postgres.isNew)
        } else {
            isNew = !FileManager.default.fileExists(atPath: location)
            store = try SQLiteStore(path: location)
        }
        if isNew && !empty {
            let now = Int(Date().timeIntervalSince1970)
            for subscription in try OPML.parse(Array(StarterSources.opml.utf8)).subscriptions {
                _ = try store.addSource(
                    feedURL: subscription.feedURL, title: subscription.title, siteURL: subscription.siteURL,
                    folder: subscription.folders.first, at: now)
            }
        }
        return store
    }
}

struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "The sources the desk follows: add, list, remove, import and export OPML.",
        subcommands: [
            SourcesListCommand.self, SourcesAddCommand.self, SourcesRemoveCommand.self, SourcesImportCommand.self,
            SourcesExportCommand.self,
        ],
        defaultSubcommand: SourcesListCommand.self
    )
}

struct SourcesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the sources with their health.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    func run() async throws {
        let store = try database.open()
        var output = BufferedOutput()
        for source in try store.sources() {
            if json {
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("id", Int(source.id))
                writer.field("url", source.feedURL)
                writer.field("title", source.title)
                writer.field("site", source.siteURL)
                writer.field("folder", source.folder)
                writer.field("last_success", source.lastSuccessAt.map(Self.time))
                writer.field("last_error", source.lastError)
                writer.field("last_error_at", source.lastErrorAt.map(Self.time))
                writer.field("next_poll", Self.time(source.nextPollAt))
                writer.field("failures", source.failures)
                writer.field("items_seen", source.itemsSeen)
                writer.endObject()
                output.write(writer.output + "\n")
            } else {
                let health =
                    source.lastError.map { "failing (\(source.failures)×): \($0)" }
                    ?? source.lastSuccessAt.map { "ok, last read \(Self.time($0))" } ?? "not read yet"
                output.write(
                    "\(source.title ?? source.feedURL)\n  \(source.feedURL)\n  \(health); \(source.itemsSeen) items\n")
            }
        }
        output.flush()
    }

    static func time(_ seconds: Int) -> String {
        FeedTime(unixTime: seconds).iso8601
    }
}

struct SourcesAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Follow feeds, or the feeds a site's page names in <link rel=\"alternate\">.")

    @Argument(help: "Feed or page URLs.")
    var urls: [String]

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let store = try database.open()
        let fetcher = network.makeFetcher(maxBodyBytes: 10 * 1024 * 1024)
        var failures = 0
        for url in urls {
            do {
                let followed = try await SourceList.follow(
                    url, store: store, fetcher: fetcher, now: Int(Date().timeIntervalSince1970))
                for source in followed { print("following \(source.title ?? source.feedURL) (\(source.feedURL))") }
            } catch {
                failures += 1
                StandardError.write("newsdesk: \(url): \(error)")
            }
        }
        await fetcher.shutdown()
        if failures > 0 { throw ExitCode(1) }
    }
}

struct SourcesRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Stop following feeds; their articles stay.")

    @Argument(help: "Feed URLs, as `sources list` shows them.")
    var urls: [String]

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try database.open()
        var failures = 0
        for url in urls where try !store.removeSource(feedURL: url) {
            failures += 1
            StandardError.write("newsdesk: \(url): not a followed source")
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

struct SourcesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Follow every feed of an OPML file.")

    @Argument(help: "An OPML file, or - for standard input.")
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let bytes = try InputReader().read(file)
        let store = try database.open()
        let result = try SourceList.importOPML(bytes, store: store, now: Int(Date().timeIntervalSince1970))
        if let problem = result.problem { StandardError.write("newsdesk: \(file): warning: \(problem)") }
        print(
            "imported \(result.listed) feeds: \(result.added) new, \(result.listed - result.added) already followed")
    }
}

struct SourcesExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print the followed feeds as OPML.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try database.open()
        var output = BufferedOutput()
        output.write(try SourceList.exportOPML(store: store))
        output.flush()
    }
}
