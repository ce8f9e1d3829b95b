import Foundation
import NewsdeskCore
import NewsdeskExtract
import NewsdeskHTML

/// Prints articles in the chosen format and errors as one line on standard error.
final class OutputWriter {
    private let format: ExtractCommand.Format
    private let inputCount: Int
    private var written = 0
    private var buffer = ""

    init(format: ExtractCommand.Format, inputCount: Int) {
        self.format = format
        self.inputCount = inputCount
        if format == .json && inputCount > 1 { buffer = "[" }
    }

    func write(_ article: Article, input: String) {
        defer { written += 1 }
        for warning in article.warnings {
            printError("\(input): warning: \(warning)")
        }
        switch format {
        case .jsonl:
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("input", input)
            article.writeFields(to: &writer)
            writer.endObject()
            emit(writer.output + "\n")
        case .json:
            var writer = JSONWriter(pretty: true)
            writer.beginObject()
            if inputCount > 1 { writer.field("input", input) }
            article.writeFields(to: &writer)
            writer.endObject()
            emit((written > 0 ? ",\n" : "") + writer.output + (inputCount > 1 ? "" : "\n"))
        case .text:
            emit(separator() + TextRendering.text(article))
        case .markdown:
            emit(separator() + TextRendering.markdown(article))
        case .html:
            emit(separator() + TextRendering.html(article))
        }
    }

    func write(error: NewsdeskError, input: String) {
        printError("\(input): \(error.message)")
        switch format {
        case .jsonl:
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("input", input)
            writer.field("error", error.message)
            writer.endObject()
            emit(writer.output + "\n")
        case .json:
            var writer = JSONWriter(pretty: true)
            writer.beginObject()
            writer.field("input", input)
            writer.field("error", error.message)
            writer.endObject()
            emit((written > 0 ? ",\n" : "") + writer.output + (inputCount > 1 ? "" : "\n"))
            written += 1
        default:
            break
        }
    }

    func finish() {
        if format == .json && inputCount > 1 { emit("]\n") }
        flush()
    }

    private func separator() -> String {
        written > 0 ? "\n\n" : ""
    }

    private func emit(_ text: String) {
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    private func flush() {
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }

    private func printError(_ line: String) {
        flush()
        FileHandle.standardError.write(Data("newsdesk: \(line)\n".utf8))
    }
}

/// The human formats of an article.
enum TextRendering {
    static func metadataLine(_ article: Article) -> String {
        var parts: [String] = []
        if !article.authors.isEmpty { parts.append("By " + article.authors.joined(separator: ", ")) }
        if let site = article.siteName { parts.append(site) }
        if let published = article.published { parts.append(published) }
        if let language = article.language { parts.append(language) }
        parts.append("\(article.wordCount) words")
        if let path = article.extraction { parts.append("found by: \(path.rawValue)") }
        return parts.joined(separator: " · ")
    }

    static func text(_ article: Article) -> String {
        var output = ""
        if let title = article.title { output += title + "\n" }
        output += metadataLine(article) + "\n"
        if let url = article.canonicalURL ?? article.url { output += url + "\n" }
        output += "\n" + article.text + "\n"
        return output
    }

    static func markdown(_ article: Article) -> String {
        var output = ""
        if let title = article.title { output += "# " + title + "\n\n" }
        output += "*" + metadataLine(article) + "*\n\n" + article.markdown + "\n"
        return output
    }

    static func html(_ article: Article) -> String {
        var output = "<article>\n"
        if let title = article.title { output += "<h1>\(HTMLEscape.text(title))</h1>\n" }
        output += "<p><em>\(HTMLEscape.text(metadataLine(article)))</em></p>\n" + article.html + "</article>\n"
        return output
    }

}
