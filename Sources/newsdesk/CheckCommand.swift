import ArgumentParser
import Foundation
import NewsdeskCheck
import NewsdeskCore
import NewsdeskExtract

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find what scraping damaged in a text: missing numbers, contradictions, leftovers, cuts.",
        discussion: """
            Reads plain text (or, with --html, a web page, checking the article extracted from it). Exit status: \
            0 with no findings, 1 with findings, 2 on a usage or read error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or jsonl.")
    var format: Format = .text

    @Flag(help: "The inputs are web pages: check the article extracted from each.")
    var html = false

    func run() async throws {
        let reader = input.reader
        let checker = ArticleChecker()
        var anyFindings = false
        var readError = false
        var jsonObjects: [String] = []
        for name in input.inputs {
            let text: String
            do {
                let bytes = try reader.read(name)
                text = html ? try ArticleExtractor().extract(bytes).text : String(decoding: bytes, as: UTF8.self)
            } catch {
                readError = true
                FileHandle.standardError.write(Data("newsdesk: \(name): \(error)\n".utf8))
                continue
            }
            let findings = checker.check(text)
            anyFindings = anyFindings || !findings.isEmpty
            switch format {
            case .text:
                print(FindingReport.human(findings, in: text, input: name, showInput: input.inputs.count > 1))
            case .json:
                jsonObjects.append(FindingReport.json(findings, input: name, pretty: true))
            case .jsonl:
                print(FindingReport.json(findings, input: name, pretty: false))
            }
        }
        if format == .json {
            print(jsonObjects.count == 1 ? jsonObjects[0] : "[" + jsonObjects.joined(separator: ",\n") + "]")
        }
        if readError { throw ExitCode(2) }
        if anyFindings { throw ExitCode(1) }
    }
}

/// How findings are shown: grouped by kind with the excerpt underlined, or as JSON.
enum FindingReport {
    static func human(_ findings: [Finding], in text: String, input: String, showInput: Bool) -> String {
        var output = showInput ? "== \(input)\n" : ""
        guard !findings.isEmpty else { return output + "no findings" }
        let scalars = Array(text.unicodeScalars)
        let lineStarts = [0] + scalars.indices.filter { scalars[$0] == "\n" }.map { $0 + 1 }
        output += findings.count == 1 ? "1 finding\n" : "\(findings.count) findings\n"
        for kind in Finding.Kind.allCases {
            let ofKind = findings.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            output += "\n\(kind.rawValue) (\(ofKind.count))\n"
            for finding in ofKind {
                let (lineNumber, lineText, column) = line(
                    containing: finding.start, in: scalars, lineStarts: lineStarts)
                let width = min(finding.end, column.lineEnd) - finding.start
                output += "  line \(lineNumber): \(lineText)\n"
                let indent = String(repeating: " ", count: "line \(lineNumber): ".count + column.offset)
                let underline = String(repeating: "^", count: max(1, width))
                output += "  " + indent + underline + "\n"
                output += "  \(finding.message)\n"
            }
        }
        return output
    }

    /// The line holding scalar `offset`: its number, its text (trimmed), and where the offset falls in it.
    private static func line(
        containing offset: Int, in scalars: [Unicode.Scalar], lineStarts: [Int]
    ) -> (Int, String, (offset: Int, lineEnd: Int)) {
        // The last line start at or before the offset (binary search).
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let start = lineStarts[low]
        var end = offset
        while end < scalars.count, scalars[end] != "\n" { end += 1 }
        let number = low + 1
        var trimmedStart = start
        while trimmedStart < end, scalars[trimmedStart] == " " || scalars[trimmedStart] == "\t" { trimmedStart += 1 }
        // Long lines are shown as a window around the finding.
        let window = 100
        var prefix = ""
        if offset - trimmedStart > window {
            trimmedStart = offset - window
            prefix = "…"
        }
        let shownEnd = min(end, max(offset, trimmedStart) + 2 * window)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[trimmedStart..<shownEnd])
        let suffix = shownEnd < end ? "…" : ""
        return (number, prefix + String(view) + suffix, (offset - trimmedStart + prefix.count, shownEnd))
    }

    static func json(_ findings: [Finding], input: String, pretty: Bool) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.beginObject()
        writer.field("input", input)
        writer.objectField("findings") { writer in
            writer.raw("[")
            for (position, finding) in findings.enumerated() {
                if position > 0 { writer.raw(",") }
                writer.raw(pretty ? "\n    " : "")
                writer.raw(Article.json(finding))
            }
            writer.raw(pretty && !findings.isEmpty ? "\n  ]" : "]")
        }
        writer.endObject()
        return writer.output
    }
}
