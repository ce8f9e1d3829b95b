import ArgumentParser
import Foundation
import NewsdeskCheck
import NewsdeskCore
import NewsdeskStories

struct StoriesFiguresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "The figures of each story in a JSON Lines file of reports, aligned by what they count.",
        discussion: """
            Each line is a report, as for `stories group`, with its story: a "story" field, or the \
            story --labels gives its id. Prints one line per story: {"story", "slots": [{"counts", \
            "dimension", "unit", "relation", "values": [{"written", "articles"}]}], "figures": {ARTICLE: \
            [{"written", "start", "end", "value", "low", "high", "dimension", "unit", "counts", "slot"}]}}, \
            slots given by two reports or more, figures with the number of their slot (which may be \
            given by one report only). With --lost, each report is checked too, and the line has "lost": \
            {ARTICLE: [{"start", "end", "kind", "echoes": [{"article", "sentence", "figure"}]}]}: where a \
            report lost a number, what the story's other reports say at that point, as the story page shows \
            it. A line that cannot be read is reported on standard error and skipped.
            """
    )

    @Argument(help: "A JSON Lines file of reports, or - for standard input.")
    var file: String

    @Option(help: "A JSON object of article id to story id, for lines without a \"story\".")
    var labels: String?

    @Flag(help: "Check each report, and where it lost a number, print what the other reports say there.")
    var lost = false

    mutating func run() async throws {
        var storyOf: [String: String] = [:]
        if let labels {
            let data = try Data(contentsOf: URL(fileURLWithPath: labels))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ValidationError("--labels must be a JSON object of article id to story id")
            }
            for (article, story) in object { storyOf[article] = "\(story)" }
        }
        let lines = try LineReader(file)
        var stories: [String: [(id: String, report: FigureReport)]] = [:]
        var storyOrder: [String] = []
        var failures = 0
        var lineNumber = 0
        while let line = lines.next() {
            lineNumber += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            do {
                let data = Data(line)
                let article = try ArticleLine(data)
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                guard let id = article.id else { throw NewsdeskError(.unparseable, "no id") }
                guard let story = (object?["story"]).map({ "\($0)" }) ?? storyOf[id] else {
                    throw NewsdeskError(.unparseable, "no story for \(id)")
                }
                if stories[story] == nil { storyOrder.append(story) }
                stories[story, default: []].append(
                    (id, FigureReport(outlet: article.source, time: article.published, text: article.text)))
            } catch {
                failures += 1
                StandardError.write("newsdesk: \(file):\(lineNumber): not a report: \(error)")
            }
        }
        var output = BufferedOutput()
        for story in storyOrder {
            let reports = stories[story] ?? []
            let figures = StoryFigures(reports: reports.map(\.report))
            let slots: [[String: Any]] = figures.slots.map { slot in
                [
                    "counts": slot.counts, "dimension": slot.dimension, "unit": slot.unit,
                    "relation": slot.relation.rawValue,
                    "values": slot.values.map {
                        ["written": $0.written, "articles": $0.reports.map { reports[$0].id }]
                    },
                ]
            }
            var byArticle: [String: Any] = [:]
            for (index, report) in reports.enumerated() {
                byArticle[report.id] = figures.figures[index].enumerated().map { number, figure in
                    [
                        "written": figure.written, "start": figure.start, "end": figure.end, "value": figure.value,
                        "low": figure.low, "high": figure.high, "dimension": figure.dimension, "unit": figure.unit,
                        "counts": figure.counts, "slot": figures.slotOf[index][number],
                    ] as [String: Any]
                }
            }
            var object: [String: Any] = ["story": story, "slots": slots, "figures": byArticle]
            if lost { object["lost"] = Self.lostFigures(reports, figures) }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            output.write(String(decoding: data, as: UTF8.self) + "\n")
        }
        output.flush()
        if failures > 0 { throw ExitCode(1) }
    }

    /// Each report's missing and garbled numbers (by the checker), with the other reports' echoes, and the
    /// numbers it lost that another report has (kind "gap").
    static func lostFigures(_ reports: [(id: String, report: FigureReport)], _ figures: StoryFigures) -> [String: Any] {
        let checker = ArticleChecker()
        let gaps = figures.gaps()
        func echoes(_ found: [StoryFigures.Echo]) -> [[String: Any]] {
            found.map { echo in
                var item: [String: Any] = ["article": reports[echo.report].id, "sentence": echo.sentence]
                if let figure = echo.figures.first { item["figure"] = figure.written }
                return item
            }
        }
        var lost: [String: Any] = [:]
        for (index, report) in reports.enumerated() {
            let damaged = checker.check(report.report.text).filter {
                $0.kind == .missingNumber || $0.kind == .garbledNumber
            }
            var items: [[String: Any]] = damaged.map { finding in
                [
                    "start": finding.start, "end": finding.end, "kind": finding.kind.rawValue,
                    "echoes": echoes(figures.echoes(ofReport: index, start: finding.start, end: finding.end)),
                ]
            }
            for gap in gaps[index] where !damaged.contains(where: { gap.isNear($0.start, $0.end) }) {
                items.append(["start": gap.start, "end": gap.end, "kind": "gap", "echoes": echoes(gap.echoes)])
            }
            if !items.isEmpty { lost[report.id] = items }
        }
        return lost
    }
}
