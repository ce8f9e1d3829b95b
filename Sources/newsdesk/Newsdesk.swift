import ArgumentParser
import Foundation

struct Newsdesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsdesk",
        abstract: "A self-hosted news desk: follow sources, extract and check articles, group stories.",
        subcommands: [ExtractCommand.self]
    )
}

/// Runs the command line; usage errors exit with status 2 (not the library's 64).
@main
enum Main {
    static func main() async {
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
