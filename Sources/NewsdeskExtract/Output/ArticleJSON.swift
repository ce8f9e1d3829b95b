import NewsdeskCore

extension Article {
    /// One finding as a compact JSON object.
    public static func json(_ finding: Finding) -> String {
        var item = JSONWriter()
        item.beginObject()
        item.field("kind", finding.kind.rawValue)
        item.field("start", finding.start)
        item.field("end", finding.end)
        item.field("excerpt", finding.excerpt)
        item.field("message", finding.message)
        item.endObject()
        return item.output
    }

    /// Writes the article's fields into an open JSON object.
    public func writeFields(to writer: inout JSONWriter) {
        writer.field("title", title)
        writer.field("authors", authors)
        writer.field("published", published)
        writer.field("modified", modified)
        writer.field("siteName", siteName)
        writer.field("url", url)
        writer.field("canonicalURL", canonicalURL)
        writer.field("language", language)
        writer.field("description", description)
        writer.field("image", image)
        writer.field("tags", tags)
        writer.field("wordCount", wordCount)
        writer.field("extraction", extraction?.rawValue)
        writer.field("text", text)
        writer.field("html", html)
        writer.field("markdown", markdown)
        if !warnings.isEmpty { writer.field("warnings", warnings) }
        guard let findings else { return }
        writer.objectField("findings") { writer in
            writer.raw("[")
            for (position, finding) in findings.enumerated() {
                if position > 0 { writer.raw(",") }
                writer.raw(Self.json(finding))
            }
            writer.raw("]")
        }
    }
}
