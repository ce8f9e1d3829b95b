import ArgumentParser
import CMimalloc
import Foundation

struct Newsdesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsdesk",
        abstract: "A self-hosted news desk: follow sources, extract and check articles, group stories.",
        subcommands: [
            ExtractCommand.self, CheckCommand.self, CleanCommand.self, FeedCommand.self, SourcesCommand.self,
            IngestCommand.self, ImportCommand.self, WorkerCommand.self, ServeCommand.self, StoriesCommand.self,
            StoryCommand.self, MigrateCommand.self, UsersCommand.self,
        ]
    )
}

/// Runs the command line; usage errors exit with status 2 (not the library's 64).
@main
enum Main {
    static func main() async {
        // mimalloc replaces the C allocator for the whole process (libxml2's
        // millions of small nodes included); naming it keeps the link.
        _ = mi_version()
        do {
            var command = try Newsdesk.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Newsdesk.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((Newsdesk.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Newsdesk.exit(withError: error)
        }
    }
}
