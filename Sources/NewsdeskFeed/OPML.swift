import NewsdeskCore
import NewsdeskHTML

/// OPML subscription lists (OPML 1.0 and 2.0), as feed readers import and export them.
public enum OPML {
    public struct Subscription: Sendable, Equatable {
        public var feedURL: String
        public var title: String?
        public var siteURL: String?
        /// The folders the outline sits in, outermost first.
        public var folders: [String]

        public init(feedURL: String, title: String? = nil, siteURL: String? = nil, folders: [String] = []) {
            self.feedURL = feedURL
            self.title = title
            self.siteURL = siteURL
            self.folders = folders
        }
    }

    public struct Document: Sendable {
        public var title: String?
        public var subscriptions: [Subscription]
        /// Set when the file was not well-formed; what could be read is still returned.
        public var problem: String?
    }

    /// Reads every `<outline xmlUrl=…>`, with the folders around it. Outlines
    /// without a feed URL are folders; duplicates are kept once.
    public static func parse(_ bytes: [UInt8]) throws -> Document {
        let decoded = FeedEncoding.decode(bytes, headers: nil)
        let reader = OutlineReader()
        let xml = XMLEventReader(handler: reader)
        let wellFormed = xml.parse(HTMLEntityRewriter.rewrite(decoded.utf8).bytes)
        guard reader.sawOPML else {
            throw NewsdeskError(.unparseable, "not an OPML file (no <opml> element)")
        }
        return Document(
            title: reader.title, subscriptions: reader.subscriptions,
            problem: wellFormed ? nil : xml.firstError ?? "the file is not well-formed XML")
    }

    /// An OPML 2.0 document listing `subscriptions`, grouped by their first folder.
    public static func export(_ subscriptions: [Subscription], title: String = "Newsdesk subscriptions") -> String {
        func attribute(_ value: String) -> String { HTMLEscape.attribute(value) }
        func outline(_ subscription: Subscription, indent: String) -> String {
            var line = indent + "<outline type=\"rss\""
            let name = subscription.title ?? subscription.feedURL
            line += " text=\"\(attribute(name))\" title=\"\(attribute(name))\""
            line += " xmlUrl=\"\(attribute(subscription.feedURL))\""
            if let site = subscription.siteURL { line += " htmlUrl=\"\(attribute(site))\"" }
            return line + "/>\n"
        }
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
        output += "  <head>\n    <title>\(HTMLEscape.text(title))</title>\n  </head>\n  <body>\n"
        var folders: [String] = []
        var byFolder: [String: [Subscription]] = [:]
        for subscription in subscriptions {
            if let folder = subscription.folders.first {
                if byFolder[folder] == nil { folders.append(folder) }
                byFolder[folder, default: []].append(subscription)
            } else {
                output += outline(subscription, indent: "    ")
            }
        }
        for folder in folders {
            output += "    <outline text=\"\(attribute(folder))\" title=\"\(attribute(folder))\">\n"
            for subscription in byFolder[folder]! { output += outline(subscription, indent: "      ") }
            output += "    </outline>\n"
        }
        return output + "  </body>\n</opml>\n"
    }
}

/// Collects outlines from OPML's XML events.
private final class OutlineReader: XMLEventHandler {
    var sawOPML = false
    var title: String?
    var subscriptions: [OPML.Subscription] = []
    private var seen: Set<String> = []
    /// One entry per open outline: its folder name when it is a folder, nil otherwise.
    private var outlines: [String?] = []
    private var inTitle = false
    private var titleText = ""

    func declareNamespace(prefix: String?, uri: String) {}

    func startElement(_ name: XMLName, attributes: [XMLAttribute]) {
        let local = name.localName.lowercased()
        if local == "opml" { sawOPML = true }
        if local == "title" && outlines.isEmpty {
            inTitle = true
            titleText = ""
        }
        guard local == "outline" else { return }
        var values: [String: String] = [:]
        for attribute in attributes { values[attribute.localName.lowercased()] = attribute.value }
        let name = (values["title"] ?? values["text"]).map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        if let url = values["xmlurl"]?.trimmingSpaces(), !url.isEmpty {
            outlines.append(nil)
            guard seen.insert(url).inserted else { return }
            subscriptions.append(
                OPML.Subscription(
                    feedURL: url, title: name, siteURL: values["htmlurl"].flatMap { $0.isEmpty ? nil : $0 },
                    folders: outlines.compactMap { $0 }.filter { !$0.isEmpty }))
        } else {
            outlines.append(name ?? "")
        }
    }

    func endElement(_ name: XMLName) {
        let local = name.localName.lowercased()
        if local == "outline", !outlines.isEmpty { outlines.removeLast() }
        if local == "title" && inTitle {
            inTitle = false
            let trimmed = titleText.trimmingSpaces()
            if !trimmed.isEmpty { title = trimmed }
        }
    }

    func characters(_ text: String) {
        if inTitle { titleText += text }
    }
}
