import ArgumentParser
import Foundation
import NewsdeskCore
import NewsdeskDesk
import NewsdeskFeed
import NewsdeskHTML
import NewsdeskStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store articles from a JSON Lines file, each grouped into its story as ingest does.",
        discussion: """
            Each line is an article: `title` and `text`, and when known `url` (its identity; \
            without one, `id` stands in), `source` (the outlet), `published` (RFC 3339 or RFC 822 \
            text, or seconds since 1970), `byline`, `language` and `html`. Articles are filed in \
            file order — the same copy or the story, then stored, each in one transaction — so \
            articles should come oldest first. An article already stored is a revision or \
            nothing. A bad line is reported and skipped; the others are stored. An article that \
            cannot be stored (a full disk, an I/O error) stops the import, with one line saying \
            so: the articles before it are stored, and the same import again goes on from there.
            """
    )

    @Argument(help: "A JSON Lines file of articles, or - for standard input.")
    var file: String

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Days a story stays open after its last report.")
    var windowDays: Double = 3

    @Option(help: "Every this many articles, print the pace, the memory and what the grouping holds.")
    var progress: Int?

    func validate() throws {
        try DeskOptions.validate(windowDays: windowDays)
        if let progress, progress < 1 { throw ValidationError("--progress must be at least 1") }
    }

    func run() async throws {
        let lines = try LineReader(file)
        let store = try database.open()
        let now = Int(Date().timeIntervalSince1970)
        let filer = try ArticleFiler(store: store, window: Int(windowDays * 86_400), now: now)
        var report = IngestReport()
        var lastReport = report
        let clock = ContinuousClock()
        var chunkStarted = clock.now
        let started = clock.now
        var failures = 0
        var lineNumber = 0
        var read = 0
        while let line = lines.next() {
            lineNumber += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            let article: ArticleInput
            let outlet: String?
            do {
                (article, outlet) = try Self.article(Data(line), now: now)
            } catch {
                failures += 1
                StandardError.write("newsdesk: \(file):\(lineNumber): not an article: \(error)")
                continue
            }
            do {
                _ = try filer.file(article, outlet: outlet, now: now, report: &report)
            } catch {
                // The store failed (a full disk, an I/O error): what came before is stored, and the same
                // import again goes on from here.
                StandardError.write(
                    "newsdesk: \(file):\(lineNumber): not stored, so the import stops here "
                        + "(the \(read) articles before it are stored): \(error)")
                throw ExitCode(1)
            }
            read += 1
            if let progress, read % progress == 0 {
                let seconds = Desk.seconds(clock.now - chunkStarted)
                let held = filer.held
                let perArticle = { (total: Double, before: Double) in (total - before) * 1000 / Double(progress) }
                print(
                    String(
                        format: "%d articles: %.0f articles/s; ms an article: group %.3f, store %.3f; "
                            + "memory %.1f MB; holding %d open stories, %d terms, %d texts",
                        read, Double(progress) / seconds,
                        perArticle(report.stages.group, lastReport.stages.group),
                        perArticle(report.stages.store, lastReport.stages.store), ProcessMemory.currentMegabytes,
                        held.stories, held.terms, held.texts))
                fflush(nil)
                lastReport = report
                chunkStarted = clock.now
            }
        }
        report.seconds = Desk.seconds(clock.now - started)
        print(
            "imported \(read) articles: \(report.newArticles) new, \(report.revisedArticles) revised, "
                + "\(report.newStories) new stories, \(report.copies) copies"
                + String(format: "; %.1f s, %.0f articles/s", report.seconds, Double(read) / max(report.seconds, 1e-9)))
        if failures > 0 { throw ExitCode(1) }
    }

    /// The article of one line, and its outlet; it needs a url or an id to stand for it.
    static func article(_ data: Data, now: Int) throws -> (ArticleInput, String?) {
        let line = try ArticleLine(data)
        guard let url = line.url ?? line.id.map({ "urn:newsdesk:import:" + $0 }) else {
            throw NewsdeskError(.unparseable, "no url and no id")
        }
        return (
            ArticleInput(
                url: CanonicalURL.canonical(url), guid: line.id,
                title: line.title.isEmpty ? line.text.prefix(80) + "…" : line.title, byline: line.byline,
                publishedAt: line.published, fetchedAt: now, language: line.language, siteName: line.source,
                text: line.text, html: line.html ?? ""),
            line.source
        )
    }
}
