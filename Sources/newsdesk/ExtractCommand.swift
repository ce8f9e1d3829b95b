import ArgumentParser
import Foundation
import NewsdeskCheck
import NewsdeskCore
import NewsdeskExtract

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Turn article pages into clean articles.",
        discussion: """
            Reads each PATH (or standard input for -), gzip-compressed or not, and prints the article: \
            title, byline, dates, outlet, language and the body. A failing input gets a one-line error and \
            the others go on. Exit status: 0 when every input was read, 1 when any failed, 2 on a usage error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl, markdown, html
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Output format: text, json, jsonl, markdown or html.")
    var format: Format = .text

    @Option(name: .customLong("base-url"), help: "The page's URL, for relative links when the page does not say it.")
    var baseURL: String?

    @Option(name: .shortAndLong, help: "Pages extracted at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print to standard error how long extraction itself took (reading and writing excluded).")
    var stats = false

    @Flag(name: .customLong("no-check"), help: "Extract only: do not look for scraping damage (no findings).")
    var noCheck = false

    @Option(
        name: .customLong("files-from"),
        help: """
            Read the pages to extract from this file, one path per line (- for standard input); \
            a tab and an http(s) URL after the path give that page's own URL.
            """)
    var filesFrom: String?

    func validate() throws {
        guard (1...1024).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 1024") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must be an http or https URL")
        }
        if filesFrom == "-" && input.inputs.contains("-") && input.inputs != ["-"] {
            throw ValidationError("standard input cannot hold both the list of files and a page")
        }
    }

    /// The inputs named on the command line, or listed in `--files-from`, with
    /// the page URLs the list gives ("PATH<tab>URL").
    private func allInputs() throws -> (inputs: [String], urls: [String: String]) {
        guard let filesFrom else { return (input.inputs, [:]) }
        let listed: String
        if filesFrom == "-" {
            listed = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: filesFrom) else {
                throw ValidationError("cannot read the list of files \(filesFrom)")
            }
            listed = String(decoding: data, as: UTF8.self)
        }
        var inputs = input.inputs == ["-"] ? [] : input.inputs
        var urls: [String: String] = [:]
        for line in listed.split(whereSeparator: \.isNewline) where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 1)
            let path = String(fields[0])
            if fields.count == 2 {
                let url = fields[1].trimmingCharacters(in: .whitespaces)
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    throw ValidationError("the URL after \(path) in \(filesFrom) must be an http or https URL")
                }
                urls[path] = url
            }
            inputs.append(path)
        }
        return (inputs, urls)
    }

    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let (inputs, pageURLs) = try allInputs()
        let checker = ArticleChecker()
        let checkText: @Sendable (inout Article) -> Void = { article in article.findings = checker.check(article.text) }
        var batch = BatchExtractor(
            reader: input.reader, baseURL: baseURL, jobs: jobs,
            annotate: noCheck ? nil : checkText)
        batch.pageURLs = pageURLs
        let output = OutputWriter(format: format, inputCount: inputs.count)
        var failures = 0
        var pages = 0
        var bytes = 0
        var extractionTime = Duration.zero
        let consume: (String, BatchExtractor.Outcome) -> Void = { name, outcome in
            pages += 1
            bytes += outcome.pageBytes
            extractionTime += outcome.extractionTime
            switch outcome.result {
            case .success(let article):
                output.write(article, input: name)
            case .failure(let error):
                failures += 1
                output.write(error: error, input: name)
            }
        }
        if inputs.contains(where: \.isWebURL) {
            // Pages from the web are fetched in order, one bad URL at a time never stopping the rest.
            let fetcher = network.makeFetcher(maxBodyBytes: input.reader.sizeLimit)
            for name in inputs {
                guard name.isWebURL else {
                    consume(name, batch.outcome(name))
                    continue
                }
                do {
                    let response = try await fetcher.fetch(name, accept: .page)
                    consume(
                        name, batch.outcome(bytes: response.body, url: response.url, transportCharset: response.charset)
                    )
                } catch {
                    let failure = NewsdeskError(.unreadable, String(describing: error))
                    consume(
                        name, BatchExtractor.Outcome(result: .failure(failure), pageBytes: 0, extractionTime: .zero))
                }
            }
            await fetcher.shutdown()
        } else {
            await batch.runWithOutcomes(inputs, consume: consume)
        }
        output.finish()
        if stats {
            let seconds =
                Double(extractionTime.components.seconds) + Double(extractionTime.components.attoseconds) / 1e18
            let line = String(
                format: "newsdesk: extracted %d pages (%.2f MB) in %.3f s of extraction: %.1f pages/s, %.2f MB/s\n",
                pages, Double(bytes) / 1e6, seconds, Double(pages) / max(seconds, 1e-9),
                Double(bytes) / 1e6 / max(seconds, 1e-9))
            FileHandle.standardError.write(Data(line.utf8))
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
