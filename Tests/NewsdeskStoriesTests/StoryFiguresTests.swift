import Foundation
import Testing

@testable import NewsdeskStories

@Suite("A story's figures")
struct StoryFiguresTests {
    /// Three real reports of one event (basil: Fox News, The New York Times, HuffPost, 15 February 2019).
    static func nationalEmergency() throws -> [FigureReport] {
        try reports("basil-national-emergency")
    }

    /// Real reports of one story, all at one time, from a JSON-lines fixture.
    static func reports(_ name: String) throws -> [FigureReport] {
        let url = try #require(Bundle.module.url(forResource: "Resources/" + name, withExtension: "jsonl"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return FigureReport(
                outlet: object["source"] as? String, time: 1_550_232_000, text: object["text"] as? String ?? "")
        }
    }

    @Test func reportsOfOneEventShareTheirFigures() throws {
        let figures = StoryFigures(reports: try Self.nationalEmergency())
        let demanded = try #require(figures.slots.first { $0.values.first?.written == "$5.7 billion" })
        #expect(demanded.reportCount == 3)
        #expect(demanded.relation == .same)
        #expect(demanded.values.map(\.reports) == [[0, 1, 2]])
        let fencing = try #require(figures.slots.first { $0.values.first?.written == "$1.375 billion" })
        #expect(fencing.values.map(\.reports) == [[1, 2]])
        // Fox News' "$3.5 billion" from military construction against the others' "$3.6 billion".
        let disagreements = figures.slots.filter { $0.relation != .same }
        #expect(disagreements.map(\.relation) == [.contradiction])
        #expect(disagreements.first?.values.map(\.written) == ["$3.5 billion", "$3.6 billion"])
        #expect(disagreements.first?.values.map(\.reports) == [[0], [1, 2]])
    }

    /// HuffPost's "38-word oath" and The New York Times' "35-word oath" (basil, 20 January 2017): one fact,
    /// two values a tenth apart in sentences alike only in part, shown as a contradiction; the Times's
    /// other figures (the more than 200 arrested among them) stay out of it.
    @Test func closeValuesOfOneNamedThingAreAContradiction() throws {
        let figures = StoryFigures(reports: try Self.reports("basil-inauguration"))
        let oath = try #require(figures.slots.first { $0.relation != .same })
        #expect(oath.relation == .contradiction)
        #expect(oath.unit == "word")
        #expect(oath.values.map(\.written) == ["38", "35"])
        #expect(oath.values.map(\.reports) == [[0], [1]])
        #expect(figures.slots.filter { $0.relation != .same }.count == 1)
    }

    static let sentence =
        "The air strike on the village in Idlib province killed %@ people, civil defence workers said."

    static func toll(_ number: String, _ outlet: String, at time: Int) -> FigureReport {
        FigureReport(outlet: outlet, time: time, text: String(format: sentence, number))
    }

    @Test func aTollThatRisesIsADevelopment() {
        let figures = StoryFigures(reports: [
            Self.toll("at least 33", "Reuters", at: 1_000), Self.toll("at least 34", "BBC", at: 5_000),
            Self.toll("36", "Al Jazeera", at: 9_000),
        ])
        #expect(figures.slots.count == 1)
        #expect(figures.slots[0].relation == .update)
        #expect(figures.slots[0].values.map(\.written) == ["at least 33", "at least 34", "36"])
    }

    @Test func differentTollsAtOneTimeOrGoingBackAreAContradiction() {
        let atOnce = StoryFigures(reports: [
            Self.toll("33", "Reuters", at: 1_000), Self.toll("33", "BBC", at: 1_000),
            Self.toll("34", "Al Jazeera", at: 1_000),
        ])
        #expect(atOnce.slots.map(\.relation) == [.contradiction])
        #expect(atOnce.slots[0].values.map(\.reports) == [[0, 1], [2]])
        let back = StoryFigures(reports: [
            Self.toll("33", "Reuters", at: 1_000), Self.toll("40", "BBC", at: 2_000),
            Self.toll("35", "Al Jazeera", at: 3_000),
        ])
        #expect(back.slots.map(\.relation) == [.contradiction])
    }

    @Test func aLostFigureIsFoundInTheOtherReports() throws {
        var reports = try Self.nationalEmergency()
        // The New York Times' report with "$5.7 billion" dropped, as scraping drops numbers.
        let damaged = "significantly more than the $5.7 billion he unsuccessfully demanded"
        #expect(reports[1].text.contains(damaged))
        reports[1].text = reports[1].text.replacingOccurrences(
            of: damaged, with: "significantly more than the billion he unsuccessfully demanded")
        let figures = StoryFigures(reports: reports)
        let gap = try #require(reports[1].text.range(of: "the billion he"))
        let start = reports[1].text.unicodeScalars.distance(
            from: reports[1].text.unicodeScalars.startIndex, to: gap.lowerBound)
        let echoes = figures.echoes(ofReport: 1, start: start + 4, end: start + 11)
        #expect(echoes.map(\.report) == [2])
        #expect(echoes.first?.figures.first?.written == "$5.7 billion")
    }

    @Test func aNumberAnotherReportHasBetweenTheSameWordsIsAGap() throws {
        var reports = try Self.nationalEmergency()
        // Three real reports, none damaged: no gap.
        #expect(StoryFigures(reports: reports).gaps().allSatisfy { $0.isEmpty })
        // A copy of Fox News' report (as another outlet runs wire copy) that lost "1,768": no pattern in
        // "in the pages of legislation" says so, the original's words around the number do.
        var copy = reports[0]
        copy.outlet = "Another outlet"
        let damaged = "in the 1,768 pages of legislation"
        #expect(copy.text.contains(damaged))
        copy.text = copy.text.replacingOccurrences(of: damaged, with: "in the pages of legislation")
        reports.append(copy)
        let gaps = StoryFigures(reports: reports).gaps()
        #expect(gaps.prefix(3).allSatisfy { $0.isEmpty })
        let gap = try #require(gaps[3].first)
        #expect(gaps[3].count == 1)
        let at = try #require(copy.text.range(of: "the pages of"))
        let start = copy.text.unicodeScalars.distance(from: copy.text.unicodeScalars.startIndex, to: at.lowerBound)
        #expect((gap.start, gap.end) == (start + 3, start + 4))
        #expect(gap.echoes.map(\.report) == [0])
        #expect(gap.echoes.first?.figures.first?.written == "1,768")
    }

    @Test func eachReportAddsWhatTheOnesBeforeItDidNotSay() throws {
        let additions = StoryFigures(reports: try Self.nationalEmergency()).additions()
        #expect(additions[0].sentences.isEmpty && additions[0].figures.isEmpty)
        #expect(additions[1].figures.map(\.written).contains("$1.375 billion"))
        #expect(!additions[2].figures.map(\.written).contains("$1.375 billion"))
        #expect(additions[2].figures.map(\.written).contains("roughly 520,000"))
        #expect(additions[1].sentences.count == 3)
    }
}
