import ArgumentParser
import Foundation
import NewsdeskDesk

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Poll the sources that are due once, store their new articles, and exit (for cron).",
        discussion: """
            For every new entry of a due feed: fetch the page, extract and check the article, find \\
            the same copy or the story it belongs to, and store it — each article in its own \\
            transaction, so an interrupted run loses nothing stored and a new run skips it. A page \\
            that cannot be fetched or extracted keeps the feed's own content, marked as such. A \\
            failing source is retried later, ever more slowly, with its error in `sources list`.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let store = try database.open()
        let fetcher = network.makeFetcher(maxBodyBytes: 10 * 1024 * 1024)
        let now = Int(Date().timeIntervalSince1970)
        let report: IngestReport
        do {
            let desk = try Desk(store: store, fetcher: fetcher, now: now)
            report = try await desk.ingestDue(now: now)
        } catch {
            await fetcher.shutdown()
            throw error
        }
        await fetcher.shutdown()
        print(
            "polled \(report.sourcesPolled) sources (\(report.sourcesFailed) failed): \(report.newArticles) new articles"
                + " (\(report.fromFeed) from the feed alone), \(report.revisedArticles) revised, "
                + "\(report.newStories) new stories, \(report.copies) copies")
    }
}
