import Foundation
import Hummingbird
import NewsdeskHTML
import NewsdeskStore

/// Atom feeds of the front page and of searches, so other readers can follow Newsdesk.
extension Reader {
    struct AtomEntry {
        var id: String
        var title: String
        var link: String
        var updated: Int
        var summary: String
    }

    func atom(title: String, selfLink: String, entries: [AtomEntry]) -> String {
        let updated = entries.map(\.updated).max() ?? now()
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(HTMLEscape.text(title))</title>
            <id>urn:newsdesk:\(HTMLEscape.text(selfLink))</id>
            <link rel="self" href="\(HTMLEscape.attribute(selfLink))"/>
            <updated>\(Display.iso(updated))</updated>
            <generator>Newsdesk</generator>

            """
        for entry in entries {
            xml += """
                <entry><id>\(HTMLEscape.text(entry.id))</id><title>\(HTMLEscape.text(entry.title))</title>\
                <link href="\(HTMLEscape.attribute(entry.link))"/><updated>\(Display.iso(entry.updated))</updated>\
                <summary>\(HTMLEscape.text(entry.summary))</summary></entry>

                """
        }
        return xml + "</feed>\n"
    }

    func frontFeed() throws -> String {
        let now = now()
        let stories = try store.stories(since: now - Self.day, order: .rank(now: now), limit: 60)
        return atom(
            title: "\(settings.title): today's stories", selfLink: "/feed.atom",
            entries: stories.map { story in
                AtomEntry(
                    id: "urn:newsdesk:story:\(story.id)", title: story.headline, link: "/stories/\(story.id)",
                    updated: story.lastAt,
                    summary: "\(Display.list(story.outlets)): \(Display.lead(story.lead))")
            })
    }

    func searchFeed(_ request: Request) throws -> String {
        let query = try searchQuery(Query(request), limit: 50)
        guard !Query.isBlank(query.text) else {
            throw ReaderError.badRequest("A search feed needs words: /search.atom?q=…")
        }
        let hits = try store.search(query)
        return atom(
            title: "\(settings.title): search for \(query.text)", selfLink: "/search.atom?" + (request.uri.query ?? ""),
            entries: hits.map { hit in
                AtomEntry(
                    id: "urn:newsdesk:article:\(hit.articleID)", title: hit.title, link: "/articles/\(hit.articleID)",
                    updated: hit.time,
                    summary: (hit.outlet.map { $0 + ": " } ?? "")
                        + hit.snippet.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: ""))
            })
    }
}
