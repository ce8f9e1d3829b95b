import Logging
import NewsdeskCore
import NewsdeskHTML

/// Turns a web page into an `Article`.
public struct ArticleExtractor: Sendable {
    private let logger: Logger

    public init(logger: Logger = Logger(label: "newsdesk.extract")) {
        self.logger = logger
    }

    /// Extracts the article from a page's bytes, in whatever charset they are.
    /// - Parameters:
    ///   - bytes: the page.
    ///   - url: where the page came from; the base for relative links when the page gives none.
    ///   - transportCharset: the charset HTTP named, if any.
    public func extract(_ bytes: [UInt8], url: String? = nil, transportCharset: String? = nil) throws -> Article {
        let document = try HTMLParser.parse(bytes, url: url, transportCharset: transportCharset)
        return extract(document, url: url)
    }

    /// Extracts the article from a parsed page.
    public func extract(_ document: HTMLDocument, url: String? = nil) -> Article {
        let metadata = MetadataExtractor.extract(document, url: url)
        var article = Article()
        article.title = metadata.title
        article.authors = metadata.authors
        article.published = metadata.published
        article.modified = metadata.modified
        article.siteName = metadata.siteName
        article.url = url ?? metadata.canonicalURL
        article.canonicalURL = metadata.canonicalURL
        article.description = metadata.description
        article.image = metadata.image
        article.tags = metadata.tags

        let base = document.baseURL ?? url ?? metadata.canonicalURL
        var blocks: [Block] = []
        if let found = BodyExtraction(document: document, metadata: metadata, baseURL: base).blocks() {
            blocks = Self.removeRepeatedTitle(found.blocks, title: metadata.title)
            if let byline = Self.leadingByline(blocks) {
                blocks.remove(at: byline.index)
                if article.authors.isEmpty { article.authors = byline.authors }
            }
            article.extraction = found.path
        }
        if blocks.allSatisfy({ $0.kind == .image }) {
            blocks = []
            article.extraction = nil
            article.warnings.append("no article found on the page")
            logger.debug("no article found", metadata: ["url": "\(url ?? "-")"])
        }
        article.text = BodyRenderer.text(blocks)
        article.html = BodyRenderer.html(blocks)
        article.markdown = BodyRenderer.markdown(blocks)
        article.wordCount = article.text.wordCount
        article.language =
            metadata.language ?? LanguageDetector.detect(article.text.isEmpty ? (metadata.title ?? "") : article.text)
        return article
    }

    /// Headings that open a comment section, in the languages news is written in.
    static let commentHeadings: [String] = [
        "comments", "comment", "responses", "replies", "leave a reply", "leave a comment", "join the discussion",
        "kommentare", "kommentar", "leserkommentare", "commentaires", "comentarios", "commenti", "comentários",
        "komentarze", "reacties",
    ]

    /// "Comments", "12 Comments", "Leave a Reply", "Kommentare (3)".
    static func isCommentHeading(_ text: String) -> Bool {
        guard text.count <= 40 else { return false }
        let label = text.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        return commentHeadings.contains(label)
    }

    /// A "By Jane Doe, March 3, 2004" line at the top of the body: it is metadata, not text.
    static func leadingByline(_ blocks: [Block]) -> (index: Int, authors: [String])? {
        for (position, block) in blocks.enumerated().prefix(3) where block.kind != .image {
            let text = block.text
            guard text.count < 120,
                Byline.prefixes.contains(where: { text.lowercased().hasPrefix($0) && $0.hasSuffix(" ") }),
                !text.hasSuffix(".") || text.count < 40
            else { continue }
            let beforeDate = text.split(separator: ",").first.map(String.init) ?? text
            return (position, Byline.clean([beforeDate], excluding: []))
        }
        return nil
    }

    /// The headline repeated at the top of the body goes.
    static func removeRepeatedTitle(_ blocks: [Block], title: String?) -> [Block] {
        guard let title = title?.lowercased(), !title.isEmpty else { return blocks }
        var result = blocks
        if let first = result.firstIndex(where: { $0.kind != .image }), first < 3,
            result[first].text.lowercased() == title
        {
            result.remove(at: first)
        }
        return result
    }
}
