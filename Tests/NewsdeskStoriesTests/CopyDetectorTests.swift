import Testing

@testable import NewsdeskStories

@Suite("Same copy")
struct CopyDetectorTests {
    static let wire = """
        Rescue teams searched through the night for survivors after a magnitude 6.8 earthquake struck the \
        coastal province early on Tuesday, flattening homes and cutting power to much of the region. The \
        national disaster agency said at least 41 people had died and more than 300 were injured, most of \
        them in two fishing towns close to the epicentre. Roads into the area were blocked by landslides, \
        and the army sent helicopters with food, water and medical teams. Aftershocks continued through the \
        morning, and officials warned residents to stay out of damaged buildings while engineers inspected \
        bridges and the main hospital.
        """

    @Test func aRepublishedWireStoryIsTheSameCopy() {
        var detector = CopyDetector()
        #expect(detector.add(id: "agency", text: Self.wire) == nil)
        // Another outlet: a dateline, its own closing sentence, different punctuation and case.
        let republished =
            "MANILA (Reuters) - " + Self.wire.uppercased().filter { $0 != "," }
            + " The agency said the toll was expected to rise."
        let match = detector.add(id: "outlet", text: republished)
        #expect(match?.original == "agency")
        #expect((match?.similarity ?? 0) >= 0.7)
        let identical = detector.add(id: "mirror", text: Self.wire)
        #expect(identical == CopyDetector.Match(original: "agency", similarity: 1))
    }

    @Test func anotherReportOfTheSameEventIsNot() {
        var detector = CopyDetector()
        _ = detector.add(id: "agency", text: Self.wire)
        let rewritten = """
            At least 41 people were killed when a strong earthquake hit the coast before dawn on Tuesday, \
            officials said, as soldiers in helicopters flew supplies to fishing communities cut off by \
            landslides. More than 300 people were hurt. The quake, measured at 6.8, knocked out electricity \
            across the province and damaged the region's main hospital, where patients were moved outside. \
            Residents spent the night in the open as aftershocks shook the area, and engineers began \
            checking bridges for cracks before reopening them to traffic.
            """
        #expect(detector.add(id: "newspaper", text: rewritten) == nil)
    }

    @Test func aCopyIsFoundAmongManyTextsSharingItsFooter() {
        // Hundreds of pages end in the same footer, so the band values drawn from it are shared by all of
        // them and only the latest few of those are compared; the copy still agrees with its original on
        // the bands drawn from the story itself.
        let footer = """
            Sign up for our morning newsletter and get the day's top stories delivered to your inbox. \
            Follow us on social media for breaking news and updates. Copyright 2026 the Coastal Herald \
            company, all rights reserved; this material may not be published, broadcast or redistributed.
            """
        var detector = CopyDetector()
        #expect(detector.add(id: "agency", text: Self.wire + " " + footer) == nil)
        var pagesTakenForCopies = 0
        for page in 0..<1000 {
            let own = (0..<30).map { "item\(page)x\($0)" }.joined(separator: " ")
            if detector.add(id: "page \(page)", text: own + " " + footer) != nil { pagesTakenForCopies += 1 }
        }
        #expect(pagesTakenForCopies == 0)
        let match = detector.add(id: "outlet", text: "MANILA (Reuters) - " + Self.wire + " " + footer)
        #expect(match?.original == "agency")
    }

    @Test func shortTextsAreNotCompared() {
        var detector = CopyDetector()
        #expect(detector.add(id: "a", text: "Markets close higher.") == nil)
        #expect(detector.add(id: "b", text: "Markets close higher.") == nil)
    }

    @Test func fingerprintsAreTheSameInEveryRun() {
        #expect(CopyDetector.hash("wire copy") == CopyDetector.hash("wire copy"))
        #expect(CopyDetector.hash("") == 17_665_956_581_633_026_203)
    }
}
