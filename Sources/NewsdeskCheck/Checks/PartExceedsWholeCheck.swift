import NewsdeskCore

/// "728 civilians, including at least 823 children": the part is larger than the whole.
enum PartExceedsWholeCheck {
    static let partMarkers: [[String]] = [
        ["including"], ["among", "them"], ["of", "whom"], ["of", "which"], ["among", "whom"],
    ]
    static let hedges: Set<String> = [
        "at", "least", "more", "than", "nearly", "almost", "about", "around", "some", "over", "up", "to",
    ]

    static func run(_ text: CheckedText) -> [Finding] {
        guard text.mentions(["including", "among them", "among whom", "of whom", "of which"]) else { return [] }
        var findings: [Finding] = []
        let tokens = text.tokens
        for paragraph in text.paragraphs {
            for index in paragraph where tokens[index].kind == .number {
                guard let whole = text.value(index) else { continue }
                // Up to four words after the number, then a part marker.
                var position = index
                var words = 0
                var markerEnd: Int?
                while let next = text.next(after: position, within: paragraph), words <= 5 {
                    position = next
                    let token = tokens[next]
                    if token.kind == .number { break }
                    if token.kind == .punctuation && token.text != "," { break }
                    if token.kind == .word {
                        words += 1
                        if let end = marker(text, at: next, within: paragraph) {
                            markerEnd = end
                            break
                        }
                    }
                }
                guard let afterMarker = markerEnd else { continue }
                // Skip hedges ("at least"), then the part's number.
                position = afterMarker
                while let next = text.next(after: position, within: paragraph), tokens[next].kind == .word,
                    hedges.contains(tokens[next].lower)
                {
                    position = next
                }
                guard let partIndex = text.next(after: position, within: paragraph), tokens[partIndex].kind == .number,
                    let part = text.value(partIndex), part > whole
                else { continue }
                let end =
                    text.next(after: partIndex, within: paragraph).flatMap { tokens[$0].kind == .word ? $0 : nil }
                    ?? partIndex
                findings.append(
                    text.finding(
                        .partExceedsWhole, tokens: index, end,
                        "The part (\(tokens[partIndex].text)) is larger than the whole it belongs to (\(tokens[index].text))."
                    ))
            }
        }
        return findings
    }

    private static func marker(_ text: CheckedText, at index: Int, within range: Range<Int>) -> Int? {
        for words in partMarkers where text.tokens[index].lower == words[0] {
            var position = index
            var matched = true
            for word in words.dropFirst() {
                guard let next = text.next(after: position, within: range), text.tokens[next].lower == word else {
                    matched = false
                    break
                }
                position = next
            }
            if matched { return position }
        }
        return nil
    }
}
