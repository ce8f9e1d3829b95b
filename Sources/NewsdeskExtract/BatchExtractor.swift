import NewsdeskCore

/// Extracts many pages on several cores, handing back each page's article or
/// error in input order while holding only a small window of results: one
/// bad input never stops the others, and memory stays flat over any number.
public struct BatchExtractor: Sendable {
    public var reader: InputReader
    public var extractor: ArticleExtractor
    /// The page URL to assume when pages do not state their own.
    public var baseURL: String?
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

    /// Reads and extracts one input (a path, or `-` for standard input).
    public func extract(_ input: String) -> Result<Article, NewsdeskError> {
        do {
            let bytes = try reader.read(input)
            var article = try extractor.extract(bytes, url: baseURL)
            annotate?(&article)
            return .success(article)
        } catch let error as NewsdeskError {
            return .failure(error)
        } catch {
            return .failure(NewsdeskError(.unparseable, "cannot extract the page: \(error)"))
        }
    }

    /// Extracts every input and calls `consume` with each result, in input order.
    public func run(_ inputs: [String], consume: (String, Result<Article, NewsdeskError>) -> Void) async {
        let batch = self
        await ParallelMap.run(inputs, width: jobs, transform: { batch.extract($0) }, consume: consume)
    }
}
