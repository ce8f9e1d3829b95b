import NewsdeskCore

/// Prints a parsed feed as the JSON of Python feedparser's result, so that
/// pipelines built on feedparser can switch: `bozo`, `encoding`, `version`,
/// `feed`, `entries`, `namespaces`, and times as 9-item UTC tuples.
public enum FeedparserJSON {
    public static func result(_ parsed: ParsedFeed) -> String {
        var output = "{\"bozo\":\(parsed.bozo)"
        if let problem = parsed.problem { output += ",\"bozo_exception\":" + JSONWriter.quote(problem) }
        output += ",\"encoding\":" + JSONWriter.quote(parsed.encoding)
        output += ",\"version\":" + JSONWriter.quote(parsed.version)
        if let href = parsed.href { output += ",\"href\":" + JSONWriter.quote(href) }
        if let status = parsed.status { output += ",\"status\":\(status)" }
        output += ",\"headers\":{"
        output += parsed.headers.keys.sorted().map {
            JSONWriter.quote($0.lowercased()) + ":" + JSONWriter.quote(parsed.headers[$0]!)
        }
        .joined(separator: ",")
        output += "},\"feed\":"
        write(.dict(parsed.feed), to: &output)
        output += ",\"entries\":["
        for (index, entry) in parsed.entries.enumerated() {
            if index > 0 { output += "," }
            write(.dict(entry), to: &output)
        }
        output += "],\"namespaces\":"
        write(.dict(parsed.namespaces), to: &output)
        output += "}"
        return output
    }

    public static func write(_ value: FeedValue, to output: inout String) {
        switch value {
        case .string(let text): output += JSONWriter.quote(text)
        case .int(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .time(let time): output += "[" + time.tuple.map(String.init).joined(separator: ",") + "]"
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, to: &output)
            }
            output += "]"
        case .dict(let dict):
            output += "{"
            for (index, pair) in dict.entries.enumerated() {
                if index > 0 { output += "," }
                output += JSONWriter.quote(pair.key) + ":"
                write(pair.value, to: &output)
            }
            output += "}"
        }
    }
}
