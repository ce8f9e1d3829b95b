import ArgumentParser
import Foundation
import NewsdeskCore
import NewsdeskFeed
import NewsdeskStories

struct StoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "The desk's stories, and story grouping of a file of articles.",
        subcommands: [StoriesListCommand.self, StoriesGroupCommand.self, StoriesFiguresCommand.self],
        defaultSubcommand: StoriesListCommand.self
    )
}

struct StoriesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The stories of the last day (or --since), the most reported first.")

    @Option(help: "How far back: 90m, 24h, 7d.")
    var since = "24h"

    @Option(help: "At most this many stories.")
    var limit = 50

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard Lookback.seconds(since) != nil else {
            throw ValidationError("--since takes a number of at most six digits and m, h or d: 24h")
        }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let store = try database.open()
        let now = Int(Date().timeIntervalSince1970)
        var output = BufferedOutput()
        for story in try store.stories(since: now - (Lookback.seconds(since) ?? 86_400), limit: limit) {
            if json {
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("id", Int(story.id))
                writer.field("headline", story.headline)
                writer.field("first_report", FeedTime(unixTime: story.firstAt).iso8601)
                writer.field("last_report", FeedTime(unixTime: story.lastAt).iso8601)
                writer.field("reports", story.articleCount)
                writer.field("outlets", story.outlets)
                writer.endObject()
                output.write(writer.output + "\n")
            } else {
                let outlets = story.outlets.isEmpty ? "" : " — " + story.outlets.joined(separator: ", ")
                output.write(
                    "#\(story.id) \(story.headline)\n   \(story.articleCount) reports\(outlets); first at "
                        + FeedTime(unixTime: story.firstAt).iso8601 + "\n")
            }
        }
        output.flush()
    }
}

struct StoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story", abstract: "A story's reports in time order, why each is in it, and their revisions.")

    @Argument(help: "The story's number, as `newsdesk stories` shows it.")
    var id: Int64

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try database.open()
        guard let story = try store.story(id) else {
            StandardError.write("newsdesk: no story #\(id)")
            throw ExitCode(1)
        }
        var output = BufferedOutput()
        output.write(
            "#\(story.id) \(story.headline)\n\(story.articleCount) reports from \(story.outlets.joined(separator: ", "))\n\n"
        )
        for report in try store.reports(ofStory: id) {
            let why: String
            if let copy = report.copyOf {
                why = "the same copy as article \(copy)"
            } else if report.sharedTerms.isEmpty {
                why = "opened the story"
            } else {
                why =
                    String(format: "similarity %.2f, sharing ", report.score)
                    + report.sharedTerms.joined(separator: ", ")
            }
            output.write(
                FeedTime(unixTime: report.time).iso8601 + "  " + (report.outlet ?? "?") + "\n  " + report.title + "\n  "
                    + report.url + "\n  why: " + why
                    + (report.fromFeed ? "\n  (the feed's own text: the page could not be read)" : "")
                    + "\n")
            for revision in try store.revisions(ofArticle: report.articleID) {
                output.write(
                    "  revision \(revision.revision), replaced " + FeedTime(unixTime: revision.replacedAt).iso8601
                        + ": "
                        + revision.title + "\n")
            }
            output.write("\n")
        }
        output.flush()
    }
}

struct StoriesGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Group the articles of a JSON Lines file into stories, online, in file order.",
        discussion: """
            Each line is an article: {"id", "title", "text"} and, when known, "source", "url" and \
            "published" (ISO 8601 or RFC 822; without it all articles count as simultaneous). Prints \
            one line per article: {"id", "story", "score", "shared"}, where score is the similarity \
            that put it in its story (0 when it opened the story) and shared the terms it shares \
            most with the story. A line that cannot be read is reported on standard error and skipped.
            """
    )

    @Argument(help: "A JSON Lines file of articles, or - for standard input.")
    var file: String

    @Option(help: "The least probability that joins a story.")
    var threshold: Double = StoryGrouper.Settings().threshold

    @Option(help: "Weights for the grouping model instead of the trained ones: \"bias,w1,…\" (for training).")
    var model: String?

    @Option(
        help: ArgumentHelp(
            "Print the signals of every candidate story instead, each labelled by this file of article id to story id, and place each article in its labelled story (for training).",
            valueName: "labels"))
    var training: String?

    @Option(help: "Days after its last report that a story stays open.")
    var windowDays: Double = 3

    func validate() throws {
        guard threshold > 0, threshold < 1 else { throw ValidationError("--threshold must be between 0 and 1") }
        if let model, GroupingModel(parsing: model) == nil {
            throw ValidationError(
                "--model takes \(StoryFeatures.names.count + 1) numbers: bias,\(StoryFeatures.names.joined(separator: ","))"
            )
        }
        try DeskOptions.validate(windowDays: windowDays)
    }

    mutating func run() async throws {
        let lines = try LineReader(file)
        var settings = StoryGrouper.Settings()
        settings.threshold = threshold
        settings.window = Int(windowDays * 86_400)
        if let model { settings.model = GroupingModel(parsing: model) ?? settings.model }
        if let training { return try train(labels: training, settings: settings) }
        let placer = StoryPlacer(settings: settings)
        var output = BufferedOutput()
        var failures = 0
        var lineNumber = 0
        while let line = lines.next() {
            lineNumber += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            let article: StoryArticle
            do {
                article = try Self.article(Data(line))
            } catch {
                failures += 1
                StandardError.write("newsdesk: \(file):\(lineNumber): not an article: \(error)")
                continue
            }
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("id", article.id)
            switch placer.place(article) {
            case .copy(let original, let similarity, let story):
                writer.field("story", story)
                writer.field("copy_of", original)
                writer.rawField("similarity", String(format: "%.2f", similarity))
            case .grouped(let assignment):
                writer.field("story", assignment.story)
                writer.rawField("score", String(format: "%.4f", assignment.score))
                writer.field("shared", assignment.sharedTerms)
            }
            writer.endObject()
            output.write(writer.output + "\n")
        }
        output.flush()
        if failures > 0 { throw ExitCode(1) }
    }

    /// One line per candidate story of each article: {"id", "story" (its labelled story), "features",
    /// "same" (whether the candidate holds reports of the labelled story)}, and one {"id", "candidates": 0,
    /// "opens": …} line when an article has no candidate. Each article then goes to the story holding its
    /// labelled story's reports, as a perfect grouper would place it.
    private func train(labels path: String, settings: StoryGrouper.Settings) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationError("--training must name a JSON object of article id to story id")
        }
        let labels = object.mapValues { "\($0)" }
        let grouper = StoryGrouper(settings: settings)
        var storyOf: [String: Int] = [:]
        var labelOf: [Int: String] = [:]
        var output = BufferedOutput()
        let lines = try LineReader(file)
        while let line = lines.next() {
            guard line.contains(where: { $0 > 0x20 }), let article = try? Self.article(Data(line)),
                let label = labels[article.id]
            else { continue }
            let examination = grouper.examine(article)
            for (story, features) in examination.candidates {
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("id", article.id)
                writer.field("story", label)
                writer.rawField("features", "[" + features.values.map { String($0) }.joined(separator: ",") + "]")
                writer.rawField("same", labelOf[story] == label ? "true" : "false")
                writer.endObject()
                output.write(writer.output + "\n")
            }
            let target = storyOf[label].flatMap { grouper.isOpen($0) ? $0 : nil }
            if examination.candidates.isEmpty {
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("id", article.id)
                writer.field("candidates", 0)
                writer.rawField("opens", target == nil ? "true" : "false")
                writer.endObject()
                output.write(writer.output + "\n")
            }
            let assignment = grouper.commit(examination, to: target)
            storyOf[label] = assignment.story
            labelOf[assignment.story] = label
        }
        output.flush()
    }

    static func article(_ data: Data) throws -> StoryArticle {
        let line = try ArticleLine(data)
        guard let id = line.id else { throw NewsdeskError(.unparseable, "no id") }
        return StoryArticle(
            id: id, title: line.title, text: line.text, source: line.source, published: line.published)
    }
}
