import ArgumentParser
import Foundation
import NewsdeskCore
import NewsdeskFeed
import NewsdeskStories

struct StoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "Group articles into stories.",
        subcommands: [StoriesGroupCommand.self]
    )
}

struct StoriesGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Group the articles of a JSON Lines file into stories, online, in file order.",
        discussion: """
            Each line is an article: {"id", "title", "text"} and, when known, "source", "url" and \\
            "published" (ISO 8601 or RFC 822; without it all articles count as simultaneous). Prints \\
            one line per article: {"id", "story", "score", "shared"}, where score is the similarity \\
            that put it in its story (0 when it opened the story) and shared the terms it shares \\
            most with the story. A line that cannot be read is reported on standard error and skipped.
            """
    )

    @Argument(help: "A JSON Lines file of articles, or - for standard input.")
    var file: String

    @Option(help: "The least similarity that joins a story.")
    var threshold: Double = StoryGrouper.Settings().threshold

    @Option(help: "Days after its last report that a story stays open.")
    var windowDays: Double = 3

    func validate() throws {
        guard threshold > 0, threshold < 1 else { throw ValidationError("--threshold must be between 0 and 1") }
        guard windowDays > 0 else { throw ValidationError("--window-days must be positive") }
    }

    mutating func run() async throws {
        let bytes = try InputReader(sizeLimit: 2_000_000_000).read(file)
        var settings = StoryGrouper.Settings()
        settings.threshold = threshold
        settings.window = Int(windowDays * 86_400)
        let grouper = StoryGrouper(settings: settings)
        var copies = CopyDetector()
        var storyOf: [String: Int] = [:]
        var output = BufferedOutput()
        var failures = 0
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            guard let article = Self.article(Data(line)) else {
                failures += 1
                StandardError.write(
                    "newsdesk: \(file):\(lineNumber): not an article (a JSON object with id, title, text)")
                continue
            }
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("id", article.id)
            if let copy = copies.add(id: article.id, text: article.text), let story = storyOf[copy.original] {
                storyOf[article.id] = story
                writer.field("story", story)
                writer.field("copy_of", copy.original)
                writer.rawField("similarity", String(format: "%.2f", copy.similarity))
            } else {
                let assignment = grouper.add(article)
                storyOf[article.id] = assignment.story
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

    static func article(_ data: Data) -> StoryArticle? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let id: String
        switch object["id"] {
        case let text as String: id = text
        case let number as NSNumber: id = number.stringValue
        default: return nil
        }
        let title = object["title"] as? String ?? ""
        let text = object["text"] as? String ?? ""
        guard !title.isEmpty || !text.isEmpty else { return nil }
        let published = (object["published"] as? String).flatMap(FeedDate.parse).map(\.unixTime)
        return StoryArticle(id: id, title: title, text: text, source: object["source"] as? String, published: published)
    }
}
