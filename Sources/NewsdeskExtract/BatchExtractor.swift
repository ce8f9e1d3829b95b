import NewsdeskCore

/// Extracts many pages on several cores, handing back each page's article or
/// error in input order while holding only a small window of results: one
/// bad input never stops the others, and memory stays flat over any number.
public struct BatchExtractor: Sendable {
    public var reader: InputReader
    public var extractor: ArticleExtractor
    /// The page URL to assume when pages do not state their own.
    public var baseURL: String?
    /// Each input's own page URL, when known (from a manifest); it wins over `baseURL`.
    public var pageURLs: [String: String] = [:]
    /// Pages extracted at once.
    public var jobs: Int
    /// Work done on each article after extraction, on the same core (the checks, for one).
    public var annotate: (@Sendable (inout Article) -> Void)?

    public init(
        reader: InputReader = InputReader(), extractor: ArticleExtractor = ArticleExtractor(),
        baseURL: String? = nil, jobs: Int = 1, annotate: (@Sendable (inout Article) -> Void)? = nil
    ) {
        self.annotate = annotate
        self.reader = reader
        self.extractor = extractor
        self.baseURL = baseURL
        self.jobs = max(1, jobs)
    }

    /// What became of one input.
    public struct Outcome: Sendable {
        public var result: Result<Article, NewsdeskError>
        /// Bytes of the page as extracted (after decompression).
        public var pageBytes: Int
        /// Time spent extracting (and annotating), reading excluded.
        public var extractionTime: Duration

        public init(result: Result<Article, NewsdeskError>, pageBytes: Int, extractionTime: Duration) {
            self.result = result
            self.pageBytes = pageBytes
            self.extractionTime = extractionTime
        }
    }

    /// Reads and extracts one input (a path, or `-` for standard input).
    public func extract(_ input: String) -> Result<Article, NewsdeskError> {
        outcome(input).result
    }

    /// Reads and extracts one input, with its size and timing.
    public func outcome(_ input: String) -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try reader.read(input)
        } catch {
            return Outcome(result: .failure(Self.newsdeskError(error)), pageBytes: 0, extractionTime: .zero)
        }
        return outcome(bytes: bytes, url: pageURLs[input] ?? baseURL)
    }

    /// Extracts a page already in memory (fetched, say) from `url`.
    public func outcome(bytes: [UInt8], url: String?, transportCharset: String? = nil) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let result: Result<Article, NewsdeskError>
        do {
            var article = try extractor.extract(bytes, url: url, transportCharset: transportCharset)
            annotate?(&article)
            result = .success(article)
        } catch {
            result = .failure(Self.newsdeskError(error))
        }
        return Outcome(result: result, pageBytes: bytes.count, extractionTime: clock.now - start)
    }

    private static func newsdeskError(_ error: any Error) -> NewsdeskError {
        error as? NewsdeskError ?? NewsdeskError(.unparseable, "cannot extract the page: \(error)")
    }

    /// Extracts every input and calls `consume` with each result, in input order.
    public func run(_ inputs: [String], consume: (String, Result<Article, NewsdeskError>) -> Void) async {
        await runWithOutcomes(inputs) { input, outcome in consume(input, outcome.result) }
    }

    /// Like `run`, with each page's size and extraction time.
    public func runWithOutcomes(_ inputs: [String], consume: (String, Outcome) -> Void) async {
        let batch = self
        await ParallelMap.run(inputs, width: jobs, transform: { batch.outcome($0) }, consume: consume)
    }
}
