// Written by scripts/train-grouping.py; do not edit by hand.

extension GroupingModel {
    /// Learned from the labelled story sets basil and neus (3-fold cross-validation chose the threshold).
    public static let trained = GroupingModel(
        bias: -4.737596344297318,
        weights: [
            4.1212347797895905,  // lead,
            2.4075195971472043,  // text,
            -0.7518732675984435,  // names,
            1.8187869615015069,  // timed,
            -0.20157910726352288,  // gap_first,
            -0.09966713610423039,  // gap_last,
            0.0702972732855521,  // gap_mean,
            -1.5273326626880637,  // same_outlet,
            -0.6375289427134592,  // size,
            -8.371125798338545,  // lead_x_text,
            8.130654995739276,  // text_max,
            0.19545780185976588,  // title_max,
            13.570676327486334,  // margin,
        ])

    /// The least probability that joins a story.
    public static let trainedThreshold = 0.4
}
