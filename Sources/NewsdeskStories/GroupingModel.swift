#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The signals that say whether an article is a report of a story, each measured against the story's
/// reports so far.
public struct StoryFeatures: Sendable, Equatable {
    /// Mean cosine between the article's title and lead and the reports' (title words double, each word weighed
    /// by the square root of its IDF).
    public var lead = 0.0
    /// Mean cosine between the full texts.
    public var text = 0.0
    /// Mean cosine between the names alone (capitalised words not opening a sentence).
    public var names = 0.0
    /// 1 when the article and the story have times, else 0 and the gaps are 0.
    public var timed = 0.0
    /// ln(1 + hours) from the story's first report, its last, and the mean of its reports' times.
    public var gapFirst = 0.0
    public var gapLast = 0.0
    public var gapMean = 0.0
    /// 1 when the story already has a report from the article's outlet.
    public var sameOutlet = 0.0
    /// ln of the story's number of reports.
    public var size = 0.0
    /// The greatest cosine to one of the story's recent reports: full text, and titles alone.
    public var textMax = 0.0
    public var titleMax = 0.0
    /// How much closer in full text this story is than the next closest candidate (negative when another is closer).
    public var margin = 0.0

    public init() {}

    /// In the order of `GroupingModel.weights`.
    public var values: [Double] {
        [
            lead, text, names, timed, gapFirst, gapLast, gapMean, sameOutlet, size, lead * text, textMax, titleMax,
            margin,
        ]
    }

    public static let names = [
        "lead", "text", "names", "timed", "gap_first", "gap_last", "gap_mean", "same_outlet", "size", "lead_x_text",
        "text_max", "title_max", "margin",
    ]
}

/// A logistic decision over the signals: the probability that an article is a report of a story.
/// The weights are learned from the labelled story sets by `scripts/train-grouping.py`, which writes
/// `GroupingModel+Trained.swift`.
public struct GroupingModel: Sendable, Equatable {
    public var bias: Double
    public var weights: [Double]

    public init(bias: Double, weights: [Double]) {
        self.bias = bias
        self.weights = weights
    }

    /// Reads "bias,w1,w2,…" (as `stories group --model` takes it), or nil when the count is wrong.
    public init?(parsing text: String) {
        let numbers = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: " ")) }
        guard numbers.count == StoryFeatures.names.count + 1, numbers.allSatisfy(\.isFinite) else { return nil }
        bias = numbers[0]
        weights = Array(numbers.dropFirst())
    }

    public func probability(_ features: StoryFeatures) -> Double {
        var sum = bias
        for (weight, value) in zip(weights, features.values) { sum += weight * value }
        return 1 / (1 + exp(-sum))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return text
    }
}
