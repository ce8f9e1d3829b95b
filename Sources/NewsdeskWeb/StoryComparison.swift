import Foundation
import NIOConcurrencyHelpers
import NewsdeskStore
import NewsdeskStories

/// What a story's reports say about its figures, as the story page and the API show it: the figures two
/// reports or more give, with who gives which value and whether they disagree; what each report adds to
/// the ones before it; and, where a report lost a number, what the others say at that point.
struct StoryComparison: Sendable {
    struct FigureRow: Sendable {
        var counts: String
        var relation: StoryFigures.Relation
        var values: [FigureValue]
    }

    struct FigureValue: Sendable {
        var written: String
        var outlets: [String]
        var articleIDs: [Int64]
    }

    struct Addition: Sendable {
        var sentences: [String]
        var figures: [String]
    }

    struct Echo: Sendable {
        var articleID: Int64
        var outlet: String
        var sentence: String
        var figure: String?
    }

    struct LostFigure: Sendable {
        var excerpt: String
        var message: String
        var echoes: [Echo]
    }

    /// At most this many rows in the figures table.
    static let rowLimit = 12

    var rows: [FigureRow] = []
    var additions: [Int64: Addition] = [:]
    var lost: [Int64: [LostFigure]] = [:]

    init(reports: [StoryReport], articles: [Int64: ArticleRecord]) {
        let texts = reports.map { report in
            FigureReport(outlet: report.outlet, time: report.time, text: articles[report.articleID]?.text ?? "")
        }
        let figures = StoryFigures(reports: texts)
        func outlet(_ index: Int) -> String { reports[index].outlet ?? "an unnamed outlet" }
        rows = figures.slots.prefix(Self.rowLimit).map { slot in
            FigureRow(
                counts: slot.counts, relation: slot.relation,
                values: slot.values.map { value in
                    var outlets: [String] = []
                    for report in value.reports where !outlets.contains(outlet(report)) {
                        outlets.append(outlet(report))
                    }
                    return FigureValue(
                        written: value.written, outlets: outlets,
                        articleIDs: value.reports.map { reports[$0].articleID })
                })
        }
        for (index, addition) in figures.additions().enumerated() where reports[index].copyOf == nil {
            guard !addition.sentences.isEmpty || !addition.figures.isEmpty else { continue }
            additions[reports[index].articleID] = Addition(
                sentences: addition.sentences, figures: addition.figures.prefix(8).map(Self.shown))
        }
        let gaps = figures.gaps()
        for (index, report) in reports.enumerated() {
            guard let article = articles[report.articleID] else { continue }
            let damaged = Reader.findings(article.findings).filter {
                $0.kind == "missing-number" || $0.kind == "garbled-number"
            }
            var found: [LostFigure] = []
            for finding in damaged.prefix(5) {
                let echoes = figures.echoes(ofReport: index, start: finding.start, end: finding.end).map {
                    Echo(
                        articleID: reports[$0.report].articleID, outlet: outlet($0.report), sentence: $0.sentence,
                        figure: $0.figures.first?.written)
                }
                let excerpt = Self.excerpt(article.text, finding.start, finding.end)
                found.append(LostFigure(excerpt: excerpt, message: finding.message, echoes: echoes))
            }
            // Numbers another report has between the same two words, where no check found the loss.
            for gap in gaps[index] where !damaged.contains(where: { gap.isNear($0.start, $0.end) }) {
                found.append(
                    LostFigure(
                        excerpt: Self.excerpt(article.text, gap.start, gap.end),
                        message: "A number is missing here: another report of the story has one between these words.",
                        echoes: gap.echoes.map {
                            Echo(
                                articleID: reports[$0.report].articleID, outlet: outlet($0.report),
                                sentence: $0.sentence, figure: $0.figures.first?.written)
                        }))
            }
            if !found.isEmpty { lost[report.articleID] = found }
        }
    }

    static func shown(_ figure: Figure) -> String {
        figure.counts.isEmpty ? figure.written : "\(figure.written) (\(figure.counts))"
    }

    /// The damaged words with a little of the text around them.
    static func excerpt(_ text: String, _ start: Int, _ end: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, start <= end, end <= scalars.count else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, start - 50)..<min(scalars.count, end + 50)])
        return "…" + String(view).trimmingCharacters(in: .whitespacesAndNewlines) + "…"
    }

    /// The page's context: `figureRows` for the table, and each report item's `adds` and `lost`.
    var figureRows: [[String: Any]] {
        rows.map { row in
            var values: [[String: Any]] = []
            for (number, value) in row.values.enumerated() {
                var item: [String: Any] = [
                    "written": value.written, "outlets": Display.list(value.outlets),
                    "first": value.outlets.first ?? "",
                ]
                if number > 0 { item["separator"] = true }
                values.append(item)
            }
            var item: [String: Any] = ["counts": row.counts.isEmpty ? "—" : row.counts, "values": values]
            switch row.relation {
            case .contradiction: item["contradiction"] = true
            case .update: item["update"] = true
            case .same: break
            }
            return item
        }
    }

    func reportContext(_ articleID: Int64) -> [String: Any] {
        var context: [String: Any] = [:]
        if let addition = additions[articleID] {
            var adds: [String: Any] = ["sentences": addition.sentences]
            if !addition.figures.isEmpty { adds["figures"] = Display.list(addition.figures) }
            context["adds"] = adds
        }
        if let lost = lost[articleID] {
            context["lost"] = lost.map { figure -> [String: Any] in
                [
                    "excerpt": figure.excerpt, "message": figure.message,
                    "echoes": figure.echoes.map { echo -> [String: Any] in
                        var item: [String: Any] = [
                            "id": echo.articleID, "outlet": echo.outlet, "sentence": echo.sentence,
                        ]
                        if let figure = echo.figure { item["figure"] = figure }
                        return item
                    },
                    "unmatched": figure.echoes.isEmpty,
                ]
            }
        }
        return context
    }
}

/// The comparisons of the stories read lately, each kept while its reports stay as they were: a page
/// built again because something else in the desk changed does not read every report's figures again.
final class ComparisonCache: Sendable {
    /// What a comparison was made from: each report's article, revision, time, outlet and copy.
    struct Fingerprint: Hashable {
        var parts: [String]

        init(_ reports: [StoryReport]) {
            parts = reports.map { "\($0.articleID) \($0.revision) \($0.time) \($0.copyOf ?? -1) \($0.outlet ?? "")" }
        }
    }

    private struct State {
        var recent: [Int64: (Fingerprint, StoryComparison)] = [:]
        var older: [Int64: (Fingerprint, StoryComparison)] = [:]
    }

    private let state = NIOLockedValueBox(State())
    private let half: Int

    init(capacity: Int = 1_000) {
        half = max(1, capacity / 2)
    }

    /// The comparison of story `id` with these reports, made by `make` when none is kept for them.
    func comparison(
        of id: Int64, reports: [StoryReport], make: () throws -> StoryComparison
    ) rethrows -> StoryComparison {
        let fingerprint = Fingerprint(reports)
        let kept = state.withLockedValue { state in
            (state.recent[id] ?? state.older[id]).flatMap { $0.0 == fingerprint ? $0.1 : nil }
        }
        if let kept { return kept }
        let made = try make()
        state.withLockedValue { state in
            // Two generations: when the recent half fills, it becomes the older one and the oldest go.
            if state.recent.count >= half {
                state.older = state.recent
                state.recent = [:]
            }
            state.recent[id] = (fingerprint, made)
        }
        return made
    }
}
