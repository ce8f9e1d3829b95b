import Foundation
import NewsdeskCore
import NewsdeskFeed
import NewsdeskHTML

/// How the reader writes times, counts and texts.
enum Display {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "30 Nov, 14:05 UTC" this year, "30 Nov 2019, 14:05 UTC" before.
    static func time(_ seconds: Int, thisYear: Int = FeedTime(unixTime: Int(Date().timeIntervalSince1970)).year)
        -> String
    {
        let time = FeedTime(unixTime: seconds)
        let minute = time.minute < 10 ? "0\(time.minute)" : "\(time.minute)"
        let hour = time.hour < 10 ? "0\(time.hour)" : "\(time.hour)"
        let year = time.year == thisYear ? "" : " \(time.year)"
        return "\(time.day) \(months[time.month - 1])\(year), \(hour):\(minute) UTC"
    }

    static func iso(_ seconds: Int) -> String { FeedTime(unixTime: seconds).iso8601 }

    /// "1 outlet", "3 outlets": the word for a count.
    static func plural(_ count: Int, _ word: String, _ plural: String? = nil) -> String {
        count == 1 ? word : plural ?? word + "s"
    }

    /// "BBC News, Sky News and The Guardian".
    static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }

    /// The start of a text, cut at a word, for a lead.
    static func lead(_ text: String, length: Int = 280) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
        guard flat.count > length else { return flat }
        let cut = flat.prefix(length)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// A search snippet: escaped, with the matched words (between « and ») marked.
    static func snippet(_ raw: String) -> String {
        var html = ""
        html.reserveCapacity(raw.utf8.count + 64)
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "«": html += "<mark>"
            case "»": html += "</mark>"
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            default: html.unicodeScalars.append(scalar)
            }
        }
        return html
    }

    /// The headline, escaped, with the words the story's own headline does not have marked: what this
    /// outlet says differently.
    static func headlineDifference(_ headline: String, from reference: String) -> String {
        let known = Set(words(reference))
        var result = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let lower = word.lowercased()
            result +=
                known.contains(lower) || lower.count < 3
                ? HTMLEscape.text(word) : "<ins class=\"changed\">" + HTMLEscape.text(word) + "</ins>"
            word = ""
        }
        for character in headline {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                flush()
                result += HTMLEscape.text(String(character))
            }
        }
        flush()
        return result
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// What changed between two texts, in words: "12 words added, 3 removed".
    static func change(from old: String, to new: String) -> String {
        var counts: [String: Int] = [:]
        for word in words(old) { counts[word, default: 0] += 1 }
        var added = 0
        for word in words(new) {
            if let count = counts[word], count > 0 { counts[word] = count - 1 } else { added += 1 }
        }
        let removed = counts.values.reduce(0, +)
        if added == 0 && removed == 0 { return "the same words, rearranged or repunctuated" }
        return "\(added) \(plural(added, "word")) added, \(removed) removed in the next version"
    }

    /// A text as paragraphs, escaped, with the findings' spans (offsets in Unicode scalars) marked.
    static func paragraphs(_ text: String, marking findings: [(start: Int, end: Int, message: String)]) -> String {
        let scalars = Array(text.unicodeScalars)
        var boundaries: [(at: Int, opens: Bool, number: Int, message: String)] = []
        for (number, finding) in findings.enumerated()
        where finding.start >= 0 && finding.end <= scalars.count && finding.start <= finding.end {
            boundaries.append((finding.start, true, number, finding.message))
            boundaries.append((finding.end, false, number, finding.message))
        }
        boundaries.sort { $0.at < $1.at || ($0.at == $1.at && !$0.opens && $1.opens) }
        var html = "<p>"
        var open = 0
        var next = 0
        var run = String.UnicodeScalarView()
        func flushRun() {
            html += HTMLEscape.text(String(run))
            run.removeAll()
        }
        for (index, scalar) in scalars.enumerated() {
            while next < boundaries.count && boundaries[next].at == index {
                flushRun()
                let boundary = boundaries[next]
                if boundary.opens {
                    html +=
                        "<mark class=\"finding\" id=\"f\(boundary.number + 1)\" title=\"\(HTMLEscape.attribute(boundary.message))\">"
                    open += 1
                } else if open > 0 {
                    html += "</mark>"
                    open -= 1
                }
                next += 1
            }
            if scalar == "\n" {
                flushRun()
                // Marks do not cross paragraphs: close and reopen them around the break.
                html +=
                    String(repeating: "</mark>", count: open) + "</p>\n<p>"
                    + String(repeating: "<mark class=\"finding\">", count: open)
            } else {
                run.append(scalar)
            }
        }
        flushRun()
        while next < boundaries.count {
            if !boundaries[next].opens && open > 0 {
                html += "</mark>"
                open -= 1
            }
            next += 1
        }
        html += String(repeating: "</mark>", count: open) + "</p>"
        return html.replacingOccurrences(of: "<p></p>", with: "")
    }
}
