import Testing

@testable import NewsdeskStories

@Suite("The learned grouping decision")
struct GroupingModelTests {
    @Test func weightsAreReadInTheSignalsOrder() throws {
        let count = StoryFeatures.names.count
        #expect(GroupingModel(parsing: "1,2") == nil)
        #expect(GroupingModel(parsing: Array(repeating: "x", count: count + 1).joined(separator: ",")) == nil)
        let model = try #require(
            GroupingModel(parsing: (["-2"] + ["1"] + Array(repeating: "0", count: count - 1)).joined(separator: ",")))
        var features = StoryFeatures()
        #expect(abs(model.probability(features) - 1 / (1 + exp(2))) < 1e-12)
        features.lead = 2
        #expect(model.probability(features) == 0.5)
        #expect(features.values.count == count)
    }

    @Test func theTrainedModelJoinsTheSeedsTwoReports() {
        let grouper = StoryGrouper()
        _ = grouper.add(StoryGrouperTests.sky)
        let examination = grouper.examine(StoryGrouperTests.bbc)
        #expect(examination.candidates.map(\.story) == [0])
        let features = examination.candidates[0].features
        #expect(features.timed == 1 && features.sameOutlet == 0 && features.size == 0)
        #expect(grouper.settings.model.probability(features) >= grouper.settings.threshold)
        #expect(grouper.commit(examination, to: 0).story == 0)
        // Told to open a story instead (as training does for an article of another story), it does.
        _ = grouper.add(StoryGrouperTests.sky)
        #expect(grouper.commit(grouper.examine(StoryGrouperTests.budget), to: nil).opened)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
