/// A robots.txt file (RFC 9309): the group for the most specific matching
/// user agent, then the longest matching rule; `Allow` wins a tie. `*`
/// matches any run of characters and a final `$` anchors the end.
public struct RobotsRules: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
        var pattern: String
    }

    struct Group: Sendable, Equatable {
        var agents: [String]
        var rules: [Rule]
    }

    var groups: [Group]

    public static let allowAll = RobotsRules(groups: [])
    public static let disallowAll = RobotsRules(groups: [
        Group(agents: ["*"], rules: [Rule(allow: false, pattern: "/")])
    ])

    init(groups: [Group]) {
        self.groups = groups
    }

    public init(_ text: String) {
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: " \t").lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            switch field {
            case "user-agent":
                if lastWasAgent, current != nil {
                    current!.agents.append(value.lowercased())
                } else {
                    if let finished = current { groups.append(finished) }
                    current = Group(agents: [value.lowercased()], rules: [])
                }
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard current != nil else { continue }
                // An empty Disallow allows everything: it is no rule at all.
                if value.isEmpty { continue }
                current!.rules.append(Rule(allow: field == "allow", pattern: value))
            default:
                lastWasAgent = false
            }
        }
        if let finished = current { groups.append(finished) }
        self.groups = groups
    }

    /// Whether `agent` (a product token, lower case) may fetch `path` (with its query).
    public func allows(_ path: String, agent: String) -> Bool {
        let specific = groups.filter { $0.agents.contains { $0 != "*" && agent.hasPrefix($0) } }
        let chosen = specific.isEmpty ? groups.filter { $0.agents.contains("*") } : specific
        let rules = chosen.flatMap(\.rules)
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            if let current = best {
                if rule.pattern.count > current.pattern.count
                    || (rule.pattern.count == current.pattern.count && rule.allow)
                {
                    best = rule
                }
            } else {
                best = rule
            }
        }
        if path == "/robots.txt" { return true }
        return best?.allow ?? true
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Substring(pattern)
        let anchored = pattern.hasSuffix("$")
        if anchored { pattern = pattern.dropLast() }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(path)
        for (index, piece) in pieces.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
                continue
            }
            if piece.isEmpty { continue }
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        if anchored {
            if pieces.count > 1, let last = pieces.last, !last.isEmpty { return path.hasSuffix(last) }
            return rest.isEmpty || (pieces.count > 1 && pieces.last!.isEmpty)
        }
        return true
    }
}

extension Substring {
    fileprivate func range(of needle: Substring) -> Range<Index>? {
        guard !needle.isEmpty, count >= needle.count else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
            start = index(after: start)
        }
        return nil
    }
}
