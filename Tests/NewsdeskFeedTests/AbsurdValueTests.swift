import Foundation
import Testing

@testable import NewsdeskFeed

/// Numbers a feed controls, at their extremes: none may stop the process, and none may wrap into a
/// plausible but wrong value.
@Suite("Absurd feed values")
struct AbsurdValueTests {
    /// Years beyond Python's 1 to 9999 are no dates, nor an ISO date whose zone no zone can be.
    @Test(arguments: [
        "2004-01-01T19:48:21 GMT+9223372036854775807", "Thu, 01 Jan 999999999 19:48:21 GMT", "0000-01-01T00:00:00Z",
    ])
    func anAbsurdDateIsNoDate(_ raw: String) {
        #expect(FeedDate.parse(raw) == nil)
    }

    /// An RFC 822 zone with more digits than a zone has overflowed `hours * 3600`, or gave a time that
    /// overflowed later; like any zone it cannot read, it now counts as UTC.
    @Test(arguments: [
        ("Thu, 01 Jan 2004 19:48:21 +9223372036854775807", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 -256204778801521500", "2004-01-01T19:48:21Z"),
        ("Sat, 01 Jan 2000 00:00:00 +256204778791707200", "2000-01-01T00:00:00Z"),
        ("Thu, 01 Jan 2004 19:48:21 +2400", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +0160", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +2359", "2003-12-31T19:49:21Z"),
    ])
    func anImpossibleZoneCountsAsUTC(_ raw: String, _ expected: String) throws {
        #expect(try #require(FeedDate.parse(raw)).iso8601 == expected)
    }

    @Test func theFurthestDatesStillParse() throws {
        #expect(try #require(FeedDate.parse("Fri, 31 Dec 9999 23:59:59 GMT")).iso8601 == "9999-12-31T23:59:59Z")
        #expect(try #require(FeedDate.parse("0001-01-01T00:00:00Z")).unixTime == FeedTime.validUnixTimes.lowerBound)
        #expect(try #require(FeedDate.parse("Thu, 01 Jan 2004 19:48:21 GMT+5")).iso8601 == "2004-01-01T14:48:21Z")
    }

    /// Any stored number is a time to show, without trapping.
    @Test func anyNumberOfSecondsIsATime() {
        #expect(FeedTime(unixTime: Int.min).iso8601 == "-292277022657-01-27T08:29:52Z")
        #expect(FeedTime(unixTime: Int.max).iso8601 == "292277026596-12-04T15:30:07Z")
        #expect(FeedTime(unixTime: -1).iso8601 == "1969-12-31T23:59:59Z")
    }

    /// `ttl * 60` overflowed from 153722867280912931 on; a ttl over a year counts as a year.
    @Test(
        arguments: [("9223372036854775807", 31_536_000), ("99999999999999999999", nil), ("15", 900)] as [(String, Int?)]
    )
    func anAbsurdTTLIsBounded(_ ttl: String, _ seconds: Int?) {
        let parsed = parse("<rss version=\"2.0\"><channel><title>T</title><ttl>\(ttl)</ttl></channel></rss>")
        #expect(Feed(parsed).refreshInterval == seconds)
    }

    @Test func hugeEnclosureLengthsAndJSONFeedNumbersAreKeptOrDropped() throws {
        let rss = parse(
            """
            <rss version="2.0"><channel><title>T</title><item><title>A</title>
            <enclosure url="https://cdn.example.com/a.mp3" type="audio/mpeg" length="99999999999999999999999"/>
            </item></channel></rss>
            """)
        #expect(Feed(rss).entries.count == 1)
        let json = FeedParser.parse(
            Array(
                """
                {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
                  {"id": 1e308, "title": "A", "date_published": "99999-01-01T00:00:00Z",
                   "attachments": [{"url": "https://cdn.example.com/a.mp3", "mime_type": "audio/mpeg",
                                    "size_in_bytes": 1e308, "duration_in_seconds": -1e308}]}]}
                """.utf8), url: nil, headers: [:])
        let entry = try #require(Feed(json).entries.first)
        #expect(entry.title == "A")
        #expect(entry.published == nil)
    }
}
