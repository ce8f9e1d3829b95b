// Written by scripts/train-grouping.py; do not edit by hand.

extension GroupingModel {
    /// Learned from the labelled story sets basil and neus (3-fold cross-validation chose the threshold).
    public static let trained = GroupingModel(
        bias: -5.021074622234128,
        weights: [
            9.130287164251623,  // lead,
            -0.8356138147980597,  // text,
            -0.8546232305405405,  // names,
            1.6786902956504657,  // timed,
            -0.12243510312311114,  // gap_first,
            -0.1381403125513212,  // gap_last,
            0.102992406251792,  // gap_mean,
            -1.375527850196766,  // same_outlet,
            -0.5674584403643373,  // size,
            -7.406523490883043,  // lead_x_text,
            6.963204789612569,  // text_max,
            -0.19105008847407365,  // title_max,
            13.618199843438937,  // margin,
        ])

    /// The least probability that joins a story.
    public static let trainedThreshold = 0.4
}
