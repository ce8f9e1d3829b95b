import NewsdeskCore
import NewsdeskHTML

/// Everything about an article except its body, read from the most trusted
/// source that has it: JSON-LD, then meta tags, then microdata, then the page's
/// visible bylines and `<time>` elements.
struct Metadata {
    var title: String?
    var authors: [String] = []
    var published: String?
    var modified: String?
    var siteName: String?
    var canonicalURL: String?
    var language: String?
    var description: String?
    var image: String?
    var tags: [String] = []
    /// JSON-LD's `articleBody`, the body's text when the page's markup hides it.
    var articleBody: String?
    /// The page says it is an article (JSON-LD or `og:type`), not a home page or a listing.
    var declaresArticle = false
}

enum MetadataExtractor {
    static func extract(_ document: HTMLDocument, url: String?) -> Metadata {
        let jsonLD = JSONLDFacts(document: document)
        let meta = MetaTags(document: document)
        let microdata = Microdata(document: document)
        let base = document.baseURL ?? url
        var result = Metadata()

        result.siteName =
            [
                meta.first("og:site_name"), jsonLD.publisher, jsonLD.websiteName, meta.first("application-name"),
                meta.first("al:android:app_name", "al:ios:app_name"), microdata.publisher,
            ].lazy.compactMap { $0?.collapsingWhitespace() }.first { !$0.isEmpty && $0.count < 80 }
            ?? hostName(of: meta.canonical ?? url)

        result.title = TitleCleaner.best(
            candidates: [
                jsonLD.headline, meta.first("og:title"), meta.first("twitter:title"), microdata.headline,
                meta.first("title", "dc.title", "sailthru.title", "parsely-title"),
            ].compactMap { $0 },
            documentTitle: meta.title, headings: document.elements(.h1).prefix(5).map { document.text(of: $0) },
            siteName: result.siteName)

        // Visible bylines are the last resort, and the dearest to find: read only when needed, once.
        var visibleBylines: (precise: [String], loose: [String])?
        func visible() -> (precise: [String], loose: [String]) {
            if let visibleBylines { return visibleBylines }
            let found = Byline.visibleAuthors(in: document)
            visibleBylines = found
            return found
        }
        let authorSources: [() -> [String]] = [
            { jsonLD.authors },
            {
                meta.all(
                    "author", "article:author", "sailthru.author", "parsely-author", "dc.creator", "byl",
                    "citation_author", "dcterms.creator")
            },
            { microdata.authors },
            // The "Written by" line some sites put in their link previews.
            { (1...4).compactMap { meta.pairedValue(label: "twitter:label\($0)", data: "twitter:data\($0)") } },
            { visible().precise },
            { visible().loose },
        ]
        // The outlet's name, and its first part ("Example | News platform"), are not authors.
        let organisations = [result.siteName, jsonLD.publisher, result.siteName.map { TitleCleaner.firstSegment($0) }]
            .compactMap { $0 }
        for (position, source) in authorSources.enumerated() {
            var cleaned = Byline.clean(source(), excluding: organisations)
            // A visible byline of one word is more often a dateline's place or a section than a person.
            if position >= authorSources.count - 2 { cleaned = cleaned.filter { $0.contains(" ") } }
            if !cleaned.isEmpty {
                result.authors = cleaned
                break
            }
        }

        let language = [meta.htmlLanguage, meta.first("content-language", "dc.language", "language", "og:locale")]
            .lazy.compactMap { $0 }.first
        let dates = PageDates(
            document: document, jsonLD: jsonLD, meta: meta, microdata: microdata, url: url ?? meta.canonical,
            dayFirst: PageDates.writesDayFirst(language))
        result.published = dates.published?.iso8601
        result.modified = dates.modified?.iso8601

        let canonical = meta.canonical ?? meta.first("og:url") ?? jsonLD.url
        result.canonicalURL = canonical.flatMap { URLResolver.resolve($0, against: base) }
        result.language =
            [
                jsonLD.language, meta.htmlLanguage, meta.first("content-language", "dc.language", "language"),
                meta.first("og:locale"),
            ].lazy.compactMap { $0.flatMap(LanguageTag.normalize) }.first
        result.description = (meta.first("description", "og:description", "twitter:description") ?? jsonLD.description)?
            .collapsingWhitespace()
        let imageBase = base ?? result.canonicalURL
        let image =
            meta.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
            ?? jsonLD.image ?? meta.first("thumbnail")
        result.image = image.flatMap { URLResolver.resolve($0, against: imageBase) }
        var tags = jsonLD.keywords
        if tags.isEmpty { tags = meta.all("article:tag") }
        if tags.isEmpty {
            tags = (meta.first("news_keywords", "keywords") ?? "").split(separator: ",").map {
                $0.collapsingWhitespace()
            }
        }
        var seen = Set<String>()
        result.tags = tags.filter { !$0.isEmpty && $0.count < 80 && seen.insert($0.lowercased()).inserted }
        result.articleBody = jsonLD.articleBody
        result.declaresArticle = jsonLD.describesArticle || meta.first("og:type")?.lowercased() == "article"
        return result
    }

    static func hostName(of url: String?) -> String? {
        guard let url, let schemeEnd = url.range(of: "://") else { return nil }
        var host = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        return host.isEmpty ? nil : String(host)
    }
}

/// Microdata (`itemprop`) facts about the article.
struct Microdata {
    var headline: String?
    var authors: [String] = []
    var published: String?
    var modified: String?
    var publisher: String?

    init(document: HTMLDocument) {
        for index in document.nodes.indices where document.nodes[index].kind == .element {
            guard let property = document.attribute("itemprop", of: index) else { continue }
            func value() -> String {
                document.attribute("content", of: index) ?? document.attribute("datetime", of: index)
                    ?? document.text(of: index)
            }
            switch property.lowercased() {
            case "headline": headline = headline ?? value()
            case "datepublished": published = published ?? value()
            case "datemodified": modified = modified ?? value()
            case "author", "creator":
                if document.attribute("itemscope", of: index) != nil {
                    if let name = document.descendants(of: index).first(where: {
                        document.attribute("itemprop", of: $0) == "name"
                    }) {
                        authors.append(document.attribute("content", of: name) ?? document.text(of: name))
                    } else {
                        authors.append(document.text(of: index))
                    }
                } else {
                    authors.append(value())
                }
            case "publisher":
                if publisher == nil,
                    let name = document.descendants(of: index).first(where: {
                        document.attribute("itemprop", of: $0) == "name"
                    })
                {
                    publisher = document.attribute("content", of: name) ?? document.text(of: name)
                }
            default:
                continue
            }
        }
    }
}
