import NewsdeskCore

/// A clean article: what a page says, with the page's furniture taken away.
public struct Article: Sendable, Equatable {
    public var title: String?
    public var authors: [String] = []
    /// ISO 8601, with the offset when the page gives one.
    public var published: String?
    public var modified: String?
    public var siteName: String?
    /// The URL the page was read from (or was said to come from).
    public var url: String?
    public var canonicalURL: String?
    /// BCP 47 language tag, from the markup or detected from the text.
    public var language: String?
    public var description: String?
    /// Absolute URL of the lead image.
    public var image: String?
    public var tags: [String] = []
    /// The body as plain text: one blank line between paragraphs.
    public var text: String = ""
    /// The body as minimal, safe HTML.
    public var html: String = ""
    public var markdown: String = ""
    public var wordCount: Int = 0
    /// How the body was found; nil when the page has no article.
    public var extraction: ExtractionPath?
    /// Problems that did not stop extraction, such as finding no article.
    public var warnings: [String] = []
    /// What scraping damaged in `text`; nil when the text was not checked.
    public var findings: [Finding]?

    public init() {}
}

/// The way an article's body was found, from the most to the least direct.
public enum ExtractionPath: String, Sendable, Equatable {
    /// The element whose paragraphs read as one text.
    case body
    /// An ancestor of that element: the body was cut into parts.
    case widerContainer = "wider-container"
    /// The run of paragraphs with the most running text, wherever it sits.
    case densestRegion = "densest-region"
    /// The page's JSON-LD `articleBody`.
    case jsonLD = "json-ld"
    /// The page's microdata `articleBody`.
    case microdata
    /// The content the page's feed entry carried.
    case feed
}
