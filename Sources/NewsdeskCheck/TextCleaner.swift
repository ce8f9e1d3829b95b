import NewsdeskCore

/// Turns scraped plain text (a page's visible lines, navigation and all) back
/// into the article: the headline once with the outlet split off, the body's
/// paragraphs in order, and none of the furniture.
///
/// Each line is scored: long lines and finished sentences count for the
/// article, short unfinished lines (menus, teasers, labels) and furniture
/// phrases against it. The body is the run of lines with the highest total,
/// so a caption or subheading inside it stays while the menus around it go.
/// Inside the body, furniture lines, link lists and repeats are still removed.
public struct TextCleaner: Sendable {
    public struct Source: Sendable, Equatable {
        public var name: String?
        public var domain: String?
    }

    public struct Removal: Sendable, Equatable {
        public var text: String
        public var reason: String
    }

    public struct Result: Sendable {
        public var title: String?
        public var source: Source?
        public var text: String
        public var removed: [Removal]
    }

    public init() {}

    private struct Line {
        var text: String
        var words: Int
        var score: Double
        var bullet: Bool
        var sentence: Bool
    }

    public func clean(_ raw: String) -> Result {
        var lines: [Line] = []
        for rawLine in raw.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = String(rawLine).trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            lines.append(describe(trimmed))
        }
        guard !lines.isEmpty else { return Result(title: nil, source: nil, text: "", removed: []) }

        // The headline: the first line that reads as one (stray words before it are skipped).
        var title: String?
        var source: Source?
        var titleLine: Int?
        if let first = lines.prefix(5).firstIndex(where: {
            $0.words >= 4 && $0.words <= 30 && (!$0.sentence || $0.words <= 20)
        }) {
            (title, source) = splitOutlet(lines[first].text)
            titleLine = first
        }

        // Repeats of an earlier line count against the article.
        var seen = Set<[UInt8]>()
        for index in lines.indices {
            let key = LowercasedBytes(lines[index].text).bytes
            if !seen.insert(key).inserted, lines[index].words >= 3 {
                lines[index].score = -Double(lines[index].words) - 2
            }
            if let title, let titleLine,
                lines[index].text.hasPrefix(title) && index != titleLine && lines[index].words <= 30
            {
                lines[index].score = -Double(lines[index].words) - 2
            }
        }

        // A lone paragraph between short lines is a teaser's standfirst more
        // often than the article's: it counts for less.
        let scores = lines.map(\.score)
        for index in lines.indices.dropFirst().dropLast() where scores[index] > 0 {
            if scores[index - 1] < 0 && scores[index + 1] < 0 {
                lines[index].score = scores[index] * Self.loneParagraphWeight
            }
        }

        // A long run of short lines (tags, share buttons, related links) weighs
        // more the longer it goes on: it is where articles end.
        var run = 0
        for index in lines.indices {
            if lines[index].score < 0 {
                run += 1
                if run >= Self.shortRunStart { lines[index].score *= Self.shortRunFactor }
            } else {
                run = 0
            }
        }

        // The run of lines with the highest total (Kadane).
        var best = (start: 0, end: -1, total: 0.0)
        var start = 0
        var total = 0.0
        for index in lines.indices {
            if total <= 0 {
                start = index
                total = 0
            }
            total += lines[index].score
            if total > best.total { best = (start, index, total) }
        }
        var removals: [(line: Int, removal: Removal)] = []
        var earlier = Set<[UInt8]>()
        for index in lines.indices {
            let key = Array(lines[index].text.utf8)
            defer { earlier.insert(key) }
            guard index < best.start || index > best.end else { continue }
            let repeated = earlier.contains(key)
            removals.append(
                (index, Removal(text: lines[index].text, reason: reasonOutside(lines, index, titleLine, repeated))))
        }
        guard best.end >= best.start else {
            return Result(title: title, source: source, text: "", removed: removals.map(\.removal))
        }

        // Inside the body: furniture, link lists and repeats go; wrapped paragraphs are unwrapped.
        var paragraphs: [String] = []
        var index = best.start
        var kept = Set<[UInt8]>()
        while index <= best.end {
            let line = lines[index]
            defer { index += 1 }
            if isListHeader(line.text), index + 1 <= best.end, isHeadlineBullet(lines[index + 1]) {
                removals.append((index, Removal(text: line.text, reason: "a list of links")))
                while index + 1 <= best.end, isHeadlineBullet(lines[index + 1]) {
                    index += 1
                    removals.append((index, Removal(text: lines[index].text, reason: "a list of links")))
                }
                continue
            }
            if let reason = furnitureReason(line.text, words: line.words) {
                removals.append((index, Removal(text: line.text, reason: reason)))
                continue
            }
            var text = line.text
            if line.bullet {
                let content = String(text.drop { Self.bulletCharacters.contains($0) || $0 == " " })
                if content.isEmpty || content.allSatisfy({ $0.isPunctuation || $0 == " " }) {
                    removals.append((index, Removal(text: line.text, reason: "an empty list item")))
                    continue
                }
                // A bullet around a body paragraph is scraping residue, not a list.
                if line.sentence && line.words >= 12 { text = content }
            }
            let key = LowercasedBytes(text).bytes
            if !kept.insert(key).inserted {
                removals.append((index, Removal(text: line.text, reason: "a repeat")))
                continue
            }
            if let title, let titleLine, text == title || line.text == lines[titleLine].text {
                removals.append((index, Removal(text: line.text, reason: "the headline repeated")))
                continue
            }
            paragraphs.append(text)
        }
        let removed = removals.sorted { $0.line < $1.line }.map(\.removal)
        return Result(title: title, source: source, text: paragraphs.joined(separator: "\n\n"), removed: removed)
    }

    static let loneParagraphWeight = 0.6
    static let shortRunStart = 4
    static let shortRunFactor = 2.0

    static let bulletCharacters: Set<Character> = ["•", "·", "▪", "►", "›", "*", "-", "–", "—"]

    private func describe(_ text: String) -> Line {
        let spaced = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).filter {
            $0.contains(where: { $0.isLetter || $0.isNumber })
        }.count
        // Chinese and Japanese write no spaces: two characters count as a word.
        let ideographs = text.unicodeScalars.reduce(0) {
            $0 + ((0x3040...0x30FF).contains($1.value) || (0x3400...0x9FFF).contains($1.value) ? 1 : 0)
        }
        let words = max(spaced, ideographs / 2)
        let punctuated = text.contains { ".,;:!?。、，".contains($0) }
        let last = text.last { !$0.isWhitespace }
        let sentence = last.map { ".!?”\"’)…。！？".contains($0) } ?? false
        let bullet = text.first.map { Self.bulletCharacters.contains($0) } ?? false && text.dropFirst().first == " "
        var score: Double
        if furnitureReason(text, words: words) != nil || (words <= 12 && Self.isCommentHeader(text)) {
            score = -20
        } else if Self.looksLikeHeadline(text, words: words, sentence: sentence) {
            // A teaser: a headline, perhaps with its standfirst run on.
            score = -(2 + Double(words) / 2)
        } else if words >= 15 && (punctuated || sentence) {
            score = Double(words)
        } else if sentence && words >= 5 {
            score = Double(words)
        } else {
            score = -(3 + Double(words))
        }
        return Line(text: text, words: words, score: score, bullet: bullet, sentence: sentence)
    }

    /// Why a line outside the body was left out, as precisely as can be said.
    private func reasonOutside(_ lines: [Line], _ index: Int, _ titleLine: Int?, _ repeated: Bool) -> String {
        let line = lines[index]
        if index == titleLine { return "the headline" }
        if let titleLine, line.text == lines[titleLine].text { return "the headline repeated" }
        if repeated { return "a repeat" }
        if let reason = furnitureReason(line.text, words: line.words) { return reason }
        if line.words <= 12, Self.isCommentHeader(line.text) { return "the start of reader comments" }
        if line.bullet, line.text.dropFirst().allSatisfy({ $0.isPunctuation || $0 == " " }) {
            return "an empty list item"
        }
        return "outside the article"
    }

    /// "jane says:", "34 responses to “…”", "12 Comments": where reader comments begin.
    static func isCommentHeader(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.hasSuffix(" says:") || lower.hasSuffix(" said:") || lower.hasSuffix(" wrote:") { return true }
        if lower.firstMatch(of: " responses to ") != nil || lower.firstMatch(of: " comments on ") != nil
            || lower.firstMatch(of: " replies to ") != nil
        {
            return true
        }
        let words = lower.split(separator: " ")
        return words.count <= 3 && words.first.map { $0.allSatisfy(\.isNumber) } == true
            && ["comments", "comment", "responses", "replies", "kommentare", "commentaires", "comentarios"].contains(
                String(words.last!))
    }

    /// Small words that only a headline in Title Case capitalises.
    static let titleCaseWords: Set<String> = [
        "In", "Of", "After", "To", "For", "The", "A", "An", "And", "With", "On", "At", "From", "By", "Over", "Into",
        "As", "Is", "Are", "Be", "Its", "Your", "Their", "Before", "About",
    ]

    /// A headline in Title Case: small words capitalised mid-line ("Death Of A Student"),
    /// or every one of the first words capitalised in a line that is not a sentence.
    static func looksLikeHeadline(_ text: String, words: Int, sentence: Bool) -> Bool {
        let first = text.split(separator: " ", maxSplits: 10).prefix(10).filter { $0.first?.isLetter == true }
        guard first.count >= 5 else { return false }
        let capitalisedSmallWords = first.dropFirst().filter { titleCaseWords.contains(String($0)) }.count
        if capitalisedSmallWords >= 2 { return true }
        let capitalised = first.prefix(7).filter { $0.first?.isUppercase == true }.count
        return !sentence && capitalised == min(first.count, 7)
    }

    /// Why a line is furniture, if it is.
    private func furnitureReason(_ text: String, words: Int) -> String? {
        // Furniture is short; a long line is never furniture.
        guard words <= BoilerplateCheck.phraseLineWords else { return nil }
        let lower = LowercasedBytes(text)
        if words <= BoilerplateCheck.phraseLineWords,
            let phrase = BoilerplateCheck.phrases.first(where: { lower.contains(Array($0.utf8)) })
        {
            return "page furniture (“\(phrase)”)"
        }
        if words <= BoilerplateCheck.shortLineWords,
            let phrase = BoilerplateCheck.shortPhrases.first(where: { lower.contains(Array($0.utf8)) })
        {
            return "page furniture (“\(phrase)”)"
        }
        if lower.contains(Array("(read more)".utf8)) { return "a “Read more” link" }
        if words == 1, BoilerplateCheck.labels.contains(text.lowercased().trimmingCharacters(in: ":•· ")) {
            return "a page label"
        }
        return nil
    }

    private func isListHeader(_ text: String) -> Bool {
        guard text.hasSuffix(":") else { return false }
        return BoilerplateCheck.listHeaders.contains(String(text.dropLast()).lowercased().trimmingSpaces())
    }

    private func isHeadlineBullet(_ line: Line) -> Bool {
        line.bullet && (2...16).contains(line.words) && !line.sentence
    }

    /// "Headline – Example.com, Example News" → the headline and the outlet.
    private func splitOutlet(_ line: String) -> (String, Source?) {
        for separator in [" – ", " — ", " | ", " - "] {
            guard let range = line.lastMatch(of: separator) else { continue }
            let head = String(line[..<range.lowerBound]).trimmingSpaces()
            let tail = String(line[range.upperBound...]).trimmingSpaces()
            guard head.split(separator: " ").count >= 3, tail.split(separator: " ").count <= 8 else { continue }
            var source = Source()
            for part in tail.split(separator: ",").map({ String($0).trimmingSpaces() }) {
                if part.contains("."), !part.contains(" ") {
                    source.domain = source.domain ?? part.lowercased()
                } else {
                    source.name = source.name ?? part
                }
            }
            return (head, source)
        }
        return (line, nil)
    }
}

extension String {
    /// The last occurrence of `needle`.
    fileprivate func lastMatch(of needle: String) -> Range<Index>? {
        var found: Range<Index>?
        var rest = self[...]
        while let range = rest.firstMatch(of: needle) {
            found = range
            rest = rest[range.upperBound...]
        }
        return found
    }
}
