import NewsdeskCore
import NewsdeskHTML

/// When the article was published and when it last changed, each from its own
/// sources: a "last updated" date is never taken for the publication date while
/// any source of the publication date has one.
struct PageDates {
    var published: PageDate?
    var modified: PageDate?

    /// Meta tags naming the publication date, the unambiguous names first.
    static let publishedMetaNames = [
        "article:published_time", "og:published_time", "og:article:published_time", "article:published",
        "published_time", "article.published", "datepublished", "pubdate", "publishdate", "publish-date",
        "publish_date", "publication_date", "publication-date", "published-date", "published_date", "published",
        "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date.created",
        "dcterms.created", "dc.created", "citation_publication_date", "citation_online_date", "citation_date",
        "prism.publicationdate", "rnews:datepublished", "cxenseparse:recs:publishtime", "article_date_original",
        "originalpublicationdate", "original-publish-date", "bt:pubdate", "release_date", "releasedate",
        "date.available", "creation_date", "dc.date", "dcterms.date", "date",
    ]

    /// Meta tags naming the last change.
    static let modifiedMetaNames = [
        "article:modified_time", "og:updated_time", "og:article:modified_time", "article:modified",
        "modified_time", "updated_time", "datemodified", "last-modified", "lastmod", "dcterms.modified",
        "dc.date.modified", "article.updated", "sailthru.lastmodified",
    ]

    init(
        document: HTMLDocument, jsonLD: JSONLDFacts, meta: MetaTags, microdata: Microdata, url: String?,
        dayFirst: Bool
    ) {
        func parsed(_ value: String?) -> PageDate? { value.flatMap { DateParser.parse($0, dayFirst: dayFirst) } }
        let metadataPublished =
            parsed(jsonLD.published)
            ?? Self.publishedMetaNames.lazy.compactMap { parsed(meta.first($0)) }.first
            ?? parsed(meta.first("parsely-page").flatMap(Self.parselyPublished)) ?? parsed(microdata.published)
        let metadataModified =
            parsed(jsonLD.modified) ?? Self.modifiedMetaNames.lazy.compactMap { parsed(meta.first($0)) }.first
            ?? parsed(microdata.modified)
        // The page's text is read only when its metadata lacks a date.
        let visible =
            metadataPublished == nil || metadataModified == nil
            ? VisibleDates(document: document, dayFirst: dayFirst) : nil
        let urlDate = url.flatMap(Self.urlDate)
        modified = metadataModified ?? visible?.modified
        // The URL's date comes after a labelled dateline and before an unlabelled one; a page
        // that shows only when it was last updated gives that as the best date it has.
        published =
            metadataPublished ?? visible?.labelledPublished ?? urlDate ?? visible?.unlabelled ?? visible?.modified
        if let stated = published, let local = urlDate {
            published = Self.localDay(of: stated, urlDate: local)
        }
    }

    /// A time given in UTC falls on the day before or after the one the site's own calendar
    /// shows, which its URL states ("/2025/12/18/" for 2025-12-19T01:30:00Z): then the day is the URL's.
    static func localDay(of date: PageDate, urlDate: PageDate) -> PageDate {
        guard date.offsetMinutes == 0, date.hour != nil else { return date }
        let apart =
            CivilCalendar.days(year: date.year, month: date.month, day: date.day)
            - CivilCalendar.days(year: urlDate.year, month: urlDate.month, day: urlDate.day)
        return abs(apart) == 1 ? urlDate : date
    }

    /// `pub_date` in Parse.ly's `parsely-page` JSON.
    static func parselyPublished(_ json: String) -> String? {
        (LenientJSON.parse(json) as? [String: Any])?["pub_date"] as? String
    }

    /// Whether the page's language writes dates day first ("06/09/2025" is 6 September):
    /// every language but American English and plain "en", which is most often American.
    static func writesDayFirst(_ language: String?) -> Bool {
        guard let language = language?.lowercased(), !language.isEmpty else { return false }
        return !(language == "en" || language.hasPrefix("en-us") || language.hasPrefix("en_us"))
    }

    /// A date in the URL's path: `/2025/06/09/`, `/2025-06-09-slug`, `/20250609/`.
    static func urlDate(_ url: String) -> PageDate? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let afterHost = url[schemeEnd.upperBound...].drop { $0 != "/" }
        let path = afterHost.prefix { $0 != "?" && $0 != "#" }
        let digits = Array(path.utf8)
        var index = 0
        while index < digits.count {
            guard isDigit(digits[index]), index == 0 || !isDigit(digits[index - 1]) else {
                index += 1
                continue
            }
            if let date = dateAt(index, in: digits) { return date }
            index += 1
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// A year, month and day from `start`: separated by one of "/-_." or run together (8 digits).
    private static func dateAt(_ start: Int, in bytes: [UInt8]) -> PageDate? {
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count, bytes[from..<(from + count)].allSatisfy(isDigit) else { return nil }
            return bytes[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func endsNumber(_ at: Int) -> Bool { at >= bytes.count || !isDigit(bytes[at]) }
        guard let year = number(start, 4), (1995...2100).contains(year) else { return nil }
        let separators: Set<UInt8> = [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")]
        let date: PageDate
        if start + 4 < bytes.count, separators.contains(bytes[start + 4]) {
            let separator = bytes[start + 4]
            guard let month = number(start + 5, 2), start + 7 < bytes.count, bytes[start + 7] == separator,
                let day = number(start + 8, 2), endsNumber(start + 10)
            else { return nil }
            date = PageDate(year: year, month: month, day: day)
        } else {
            guard let month = number(start + 4, 2), let day = number(start + 6, 2), endsNumber(start + 8) else {
                return nil
            }
            date = PageDate(year: year, month: month, day: day)
        }
        return date.isPlausible ? date : nil
    }
}
