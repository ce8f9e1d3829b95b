import ArgumentParser
import Foundation
import NewsdeskCore
import NewsdeskFeed
import NewsdeskFetch

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Read RSS, Atom and JSON feeds.",
        subcommands: [FeedParseCommand.self, FeedOPMLCommand.self]
    )
}

struct FeedParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feeds from files or URLs and print them, one JSON line per input.",
        discussion: """
            Formats: json (Newsdesk's feed model) or feedparser (the dictionary Python's \
            feedparser returns, as {"input": …, "result": {…}}). A feed that cannot be \
            read gives {"input": …, "error": …} on its line and a message on standard \
            error; the others go on. Exit status: 0 when every input was read, 1 otherwise.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, feedparser
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: json or feedparser.")
    var format: Format = .json

    @OptionGroup var network: NetworkOptions

    @Flag(help: "Print the number of entries and the parsing time (reading and fetching excluded) on standard error.")
    var stats = false

    mutating func run() async throws {
        let reader = input.reader
        let fetcher = network.makeFetcher(maxBodyBytes: reader.sizeLimit)
        var failures = 0
        var entries = 0
        var parseTime = Duration.zero
        let clock = ContinuousClock()
        var output = BufferedOutput()
        defer { output.flush() }
        for name in input.inputs {
            var line = "{\"input\":" + JSONWriter.quote(name) + ","
            do {
                let parsed: ParsedFeed
                if name.isWebURL {
                    let response = try await fetcher.fetch(name, accept: .feed)
                    let start = clock.now
                    parsed = FeedParser.parse(response.body, url: response.url, headers: response.headers)
                    parseTime += clock.now - start
                    var withStatus = parsed
                    withStatus.status = response.status
                    line += "\"result\":" + render(withStatus) + "}"
                } else {
                    let bytes = try reader.read(name)
                    let start = clock.now
                    parsed = FeedParser.parse(bytes)
                    parseTime += clock.now - start
                    line += "\"result\":" + render(parsed) + "}"
                }
                entries += parsed.entries.count
                if !parsed.isFeed {
                    failures += 1
                    StandardError.write("newsdesk: \(name): not a feed (\(parsed.problem ?? "no feed elements"))")
                }
            } catch {
                failures += 1
                let message = String(describing: error)
                StandardError.write("newsdesk: \(name): \(message)")
                line += "\"error\":" + JSONWriter.quote(message) + "}"
            }
            output.write(line + "\n")
        }
        output.flush()
        await fetcher.shutdown()
        if stats {
            let seconds = Double(parseTime.components.seconds) + Double(parseTime.components.attoseconds) / 1e18
            StandardError.write(
                "newsdesk: parsed \(input.inputs.count) feeds, \(entries) entries in \(String(format: "%.4f", seconds)) s: "
                    + String(format: "%.0f", Double(entries) / max(seconds, 1e-9)) + " entries/s")
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private func render(_ parsed: ParsedFeed) -> String {
        switch format {
        case .feedparser: return FeedparserJSON.result(parsed)
        case .json: return FeedJSON.render(Feed(parsed))
        }
    }
}

struct FeedOPMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opml",
        abstract: "Read an OPML subscription list, or write one for feeds.",
        discussion: """
            newsdesk feed opml FILE prints one JSON line per subscription (url, title, site, \
            folders). newsdesk feed opml --export FEED... reads each feed (file or URL) and \
            prints an OPML 2.0 list of them, titled as the feeds title themselves.
            """
    )

    @Flag(help: "Write OPML for the feeds given instead of reading an OPML file.")
    var export = false

    @OptionGroup var input: InputOptions

    @OptionGroup var network: NetworkOptions

    mutating func run() async throws {
        let reader = input.reader
        var output = BufferedOutput()
        defer { output.flush() }
        guard export else {
            var failures = 0
            for name in input.inputs {
                do {
                    let document = try OPML.parse(try reader.read(name))
                    if let problem = document.problem { StandardError.write("newsdesk: \(name): warning: \(problem)") }
                    for subscription in document.subscriptions {
                        var writer = JSONWriter()
                        writer.beginObject()
                        writer.field("url", subscription.feedURL)
                        writer.field("title", subscription.title)
                        writer.field("site", subscription.siteURL)
                        writer.field("folders", subscription.folders)
                        writer.endObject()
                        output.write(writer.output + "\n")
                    }
                } catch {
                    failures += 1
                    StandardError.write("newsdesk: \(name): \(error)")
                }
            }
            if failures > 0 { throw ExitCode(1) }
            return
        }
        let fetcher = network.makeFetcher(maxBodyBytes: reader.sizeLimit)
        var subscriptions: [OPML.Subscription] = []
        var failures = 0
        for name in input.inputs {
            do {
                let parsed: ParsedFeed
                if name.isWebURL {
                    let response = try await fetcher.fetch(name, accept: .feed)
                    parsed = FeedParser.parse(response.body, url: response.url, headers: response.headers)
                } else {
                    parsed = FeedParser.parse(try reader.read(name))
                }
                guard parsed.isFeed else { throw NewsdeskError(.unparseable, "not a feed") }
                let feed = Feed(parsed)
                subscriptions.append(OPML.Subscription(feedURL: name, title: feed.title, siteURL: feed.link))
            } catch {
                failures += 1
                StandardError.write("newsdesk: \(name): \(error)")
            }
        }
        await fetcher.shutdown()
        output.write(OPML.export(subscriptions))
        if failures > 0 { throw ExitCode(1) }
    }
}

/// Standard output in large writes.
struct BufferedOutput {
    private var buffer = ""

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}

enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
