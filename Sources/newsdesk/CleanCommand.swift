import ArgumentParser
import Foundation
import NewsdeskCheck
import NewsdeskCore
import NewsdeskExtract

struct CleanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Turn scraped text back into the article: the headline once, the body, none of the furniture.",
        discussion: """
            Reads plain text as scrapers and aggregators leave it (a page's visible lines, menus and \
            footers included). Exit status: 0 when every input was read, 1 when any failed, 2 on a usage error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or jsonl.")
    var format: Format = .text

    func run() async throws {
        let reader = input.reader
        let cleaner = TextCleaner()
        let checker = ArticleChecker()
        var failed = false
        var outputs: [String] = []
        for name in input.inputs {
            let raw: String
            do {
                raw = String(decoding: try reader.read(name), as: UTF8.self)
            } catch {
                failed = true
                FileHandle.standardError.write(Data("newsdesk: \(name): \(error)\n".utf8))
                if format == .jsonl {
                    print(#"{"input":\#(JSONWriter.quote(name)),"error":\#(JSONWriter.quote("\(error)"))}"#)
                }
                continue
            }
            let result = cleaner.clean(raw)
            let findings = checker.check(result.text)
            switch format {
            case .text:
                var text = input.inputs.count > 1 ? "== \(name)\n" : ""
                if let title = result.title { text += title + "\n\n" }
                text += result.text
                print(text)
            case .json, .jsonl:
                let json = Self.json(result, findings: findings, input: name, pretty: format == .json)
                if format == .jsonl { print(json) } else { outputs.append(json) }
            }
        }
        if format == .json {
            print(outputs.count == 1 ? outputs[0] : "[" + outputs.joined(separator: ",\n") + "]")
        }
        if failed { throw ExitCode(1) }
    }

    static func json(_ result: TextCleaner.Result, findings: [Finding], input: String, pretty: Bool) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.beginObject()
        writer.field("input", input)
        writer.field("title", result.title)
        if let source = result.source {
            writer.objectField("source") { writer in
                writer.beginObject()
                writer.field("name", source.name)
                writer.field("domain", source.domain)
                writer.endObject()
            }
        }
        writer.field("text", result.text)
        writer.objectField("findings") { writer in
            writer.raw("[" + findings.map(Article.json).joined(separator: ",") + "]")
        }
        writer.objectField("removed") { writer in
            writer.raw("[")
            for (position, removal) in result.removed.enumerated() {
                if position > 0 { writer.raw(",") }
                var item = JSONWriter()
                item.beginObject()
                item.field("text", removal.text)
                item.field("reason", removal.reason)
                item.endObject()
                writer.raw(item.output)
            }
            writer.raw("]")
        }
        writer.endObject()
        return writer.output
    }
}
