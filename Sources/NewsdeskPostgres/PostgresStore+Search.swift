import NewsdeskStore
import PostgresNIO

extension PostgresStore {
    /// How many of the most recent matches a search without filters ranks by relevance, as in SQLite.
    static let searchDepth = 1_000

    /// The ranking: `ts_rank` over the `search` document, a title word (weight A, 1.0) counting four times a
    /// text word (weight D, 0.25), as SQLite's `bm25(articles_fts, 4.0, 1.0)` weighs its columns; normalisation
    /// 1 divides by the logarithm of the document's length, where bm25 divides by the length relative to the
    /// average. Unlike bm25, ts_rank has no inverse document frequency: a rare word lifts a match no more than
    /// a common one. Ties go to the oldest article, as there. The weights, in PostgreSQL's order D, C, B, A:
    static let weights = "{0.25, 0.25, 0.25, 1.0}"

    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let terms = FullTextQuery.terms(query.text)
        let match = SearchDocument.query(terms)
        guard !match.isEmpty else { return [] }
        let filtered = query.outlet != nil || query.from != nil || query.to != nil
        return try connections.withSession { session in
            // The page's hits first, then their rows, and snippets cut from their texts.
            let ranked =
                try session.rows(
                    filtered
                        ? Self.filteredSearch(match, query)
                        : """
                        SELECT id FROM (
                            SELECT id, search FROM articles WHERE search @@ \(match)::tsquery
                            ORDER BY id DESC LIMIT \(Self.searchDepth)
                        ) recent
                        ORDER BY ts_rank(\(Self.weights)::real[], search, \(match)::tsquery, 1) DESC, id
                        LIMIT \(query.limit) OFFSET \(query.offset)
                        """
                ).map { try $0.decode(Int64.self) }
            guard !ranked.isEmpty else { return [] }
            var hits: [Int64: SearchHit] = [:]
            for row in try session.rows(
                """
                SELECT a.id, a.title, a.story_id, a.text, COALESCE(s.title, a.site_name) AS outlet,
                    COALESCE(a.published_at, a.fetched_at) AS time, st.headline, st.article_count
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN stories st ON st.id = a.story_id
                WHERE a.id = ANY(\(ranked))
                """)
            {
                let column = Columns(row)
                let id: Int64 = try column["id"]
                hits[id] = SearchHit(
                    articleID: id, title: try column["title"],
                    snippet: SearchSnippet.make(try column["text"], terms: terms), storyID: try column["story_id"],
                    outlet: try column["outlet"], time: try column["time"], storyHeadline: try column["headline"],
                    storyReports: try column["article_count"] ?? 0)
            }
            return ranked.compactMap { hits[$0] }
        }
    }

    /// With an outlet or a time span, every match is ranked: the filters leave few.
    private static func filteredSearch(_ match: String, _ query: SearchQuery) -> PostgresQuery {
        """
        SELECT a.id FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.search @@ \(match)::tsquery
            AND (\(query.outlet)::text IS NULL OR COALESCE(s.title, a.site_name) = \(query.outlet))
            AND (\(query.from)::bigint IS NULL OR COALESCE(a.published_at, a.fetched_at) >= \(query.from))
            AND (\(query.to)::bigint IS NULL OR COALESCE(a.published_at, a.fetched_at) < \(query.to))
        ORDER BY ts_rank(\(weights)::real[], a.search, \(match)::tsquery, 1) DESC, a.id LIMIT \(query.limit) OFFSET \(query.offset)
        """
    }
}
