import NewsdeskCore

/// Finds what scraping damaged in a text. Precision comes first: a
/// well-edited article should get no findings at all.
public struct ArticleChecker: Sendable {
    public init() {}

    /// All findings in the text, in order of position.
    public func check(_ text: String) -> [Finding] {
        let prepared = CheckedText(text)
        var findings: [Finding] = []
        findings += MissingNumberCheck.run(prepared)
        findings += PartExceedsWholeCheck.run(prepared)
        findings += GarbledNumberCheck.run(prepared)
        findings += TruncationCheck.run(prepared)
        findings += DuplicateCheck.run(prepared)
        findings += BoilerplateCheck.run(prepared)
        findings += BrokenWordCheck.run(prepared)
        findings += MojibakeCheck.run(prepared)
        return Array(Set(findings)).sorted { ($0.start, $0.kind, $0.end) < ($1.start, $1.kind, $1.end) }
    }
}
