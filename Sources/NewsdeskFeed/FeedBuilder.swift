import NewsdeskCore
import NewsdeskHTML

/// Builds the feed dictionary from XML events. RSS 0.9x/1.0/2.0, Atom 0.3/1.0
/// and their common extension namespaces (Dublin Core, content, Media RSS,
/// iTunes, Creative Commons, Well-Formed Web) all map onto one shape: the one
/// Python's feedparser gives, so its users can switch without surprises.
///
/// The reading is a stack machine. Each element that carries a value is
/// pushed when it opens and popped when it closes; popping stores the text in
/// the current context (the feed, the entry, its source, the channel image or
/// text input). Text constructs carry their content parameters (type,
/// language, base) and are decoded, made absolute and sanitised on the way.
final class FeedBuilder: XMLEventHandler {
    @exclusivity(unchecked) private(set) var feed = FeedDict()
    @exclusivity(unchecked) private(set) var entries: [FeedDict] = []
    @exclusivity(unchecked) var version = ""
    @exclusivity(unchecked) private(set) var namespacesInUse = FeedDict()
    /// Set when something in the document was not as the formats require.
    @exclusivity(unchecked) var problem: String?
    /// The character set the document was decoded from; "utf-8" enables repairing double-encoded text.
    let encoding: String

    /// The parameters of the text construct being read: its type, language and base, which
    /// its `*_detail` dictionary reports.
    private struct ContentParams {
        var type: String?
        var language: String?
        var base: String?
        var src: String?
        var base64 = false

        func detail(_ value: String) -> FeedDict {
            var pairs: [(String, FeedValue)] = [
                ("type", type.map(FeedValue.string) ?? .null), ("language", language.map(FeedValue.string) ?? .null),
                ("base", base.map(FeedValue.string) ?? .null),
            ]
            if let src { pairs.append(("src", .string(src))) }
            pairs.append(("value", .string(value)))
            return FeedDict(pairs)
        }
    }

    private struct Frame {
        var element: String
        var expectingText: Bool
        var pieces: [String]
        /// An entry, image or text input: its own text is never used, only its children's.
        var isContainer: Bool
    }

    @exclusivity(unchecked) private var stack: [Frame] = []
    @exclusivity(unchecked) private var baseStack: [String] = []
    @exclusivity(unchecked) private var langStack: [String?] = []
    @exclusivity(unchecked) private var baseURI: String
    @exclusivity(unchecked) private var lang: String?
    @exclusivity(unchecked) private var inFeed = false
    @exclusivity(unchecked) private var inEntry = false
    @exclusivity(unchecked) private var inContent = 0
    @exclusivity(unchecked) private var inTextInput = false
    @exclusivity(unchecked) private var inImage = false
    @exclusivity(unchecked) private var inAuthor = false
    @exclusivity(unchecked) private var inContributor = false
    @exclusivity(unchecked) private var inPublisher = false
    @exclusivity(unchecked) private var inSource = false
    @exclusivity(unchecked) private var sourceData = FeedDict()
    @exclusivity(unchecked) private var contentParams = ContentParams() {
        didSet { contentIsXHTML = contentParams.type == "application/xhtml+xml" }
    }
    @exclusivity(unchecked) private var contentIsXHTML = false
    @exclusivity(unchecked) private var summaryKey: String?
    @exclusivity(unchecked) private var guidIsLink = false
    @exclusivity(unchecked) private var svgDepth = 0
    @exclusivity(unchecked) private var titleDepth = -1
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var hasContent = false
    /// The depth each field of the current entry was set at (only the last entry is ever filled).
    @exclusivity(unchecked) private var entryFieldDepths: [(key: String, depth: Int)] = []
    @exclusivity(unchecked) private var pendingDeclarations: [(String, String)] = []
    private let sanitizer = HTMLSanitizer()

    init(baseURI: String, language: String?, encoding: String) {
        self.baseURI = baseURI
        self.lang = language
        self.encoding = encoding
        if let language, !language.isEmpty {
            feed["language"] = .string(language.replacingAll("_", with: "-"))
        }
    }

    // MARK: Namespaces

    static let knownNamespaces: [String: String] = {
        var map: [String: String] = [:]
        let feedFormats = [
            "", "http://backend.userland.com/rss", "http://blogs.law.harvard.edu/tech/rss", "http://purl.org/rss/1.0/",
            "http://my.netscape.com/rdf/simple/0.9/", "http://example.com/newformat#", "http://example.com/necho",
            "http://purl.org/echo/", "uri/of/echo/namespace#", "http://purl.org/pie/", "http://purl.org/atom/ns#",
            "http://www.w3.org/2005/Atom", "http://purl.org/rss/1.0/modules/rss091#",
        ]
        for uri in feedFormats { map[uri.lowercased()] = "" }
        let modules: [(String, String)] = [
            ("http://webns.net/mvcb/", "admin"), ("http://purl.org/rss/1.0/modules/aggregation/", "ag"),
            ("http://purl.org/rss/1.0/modules/annotate/", "annotate"), ("http://media.tangent.org/rss/1.0/", "audio"),
            ("http://backend.userland.com/blogChannelModule", "blogChannel"),
            ("http://creativecommons.org/ns#license", "cc"), ("http://web.resource.org/cc/", "cc"),
            ("http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html", "creativeCommons"),
            ("http://backend.userland.com/creativeCommonsRssModule", "creativeCommons"),
            ("http://purl.org/rss/1.0/modules/company", "co"), ("http://purl.org/rss/1.0/modules/content/", "content"),
            ("http://my.theinfo.org/changed/1.0/rss/", "cp"), ("http://purl.org/dc/elements/1.1/", "dc"),
            ("http://purl.org/dc/terms/", "dcterms"), ("http://purl.org/rss/1.0/modules/email/", "email"),
            ("http://purl.org/rss/1.0/modules/event/", "ev"),
            ("http://rssnamespace.org/feedburner/ext/1.0", "feedburner"),
            ("http://freshmeat.net/rss/fm/", "fm"), ("http://xmlns.com/foaf/0.1/", "foaf"),
            ("http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"), ("http://www.georss.org/georss", "georss"),
            ("http://www.opengis.net/gml", "gml"), ("http://postneo.com/icbm/", "icbm"),
            ("http://purl.org/rss/1.0/modules/image/", "image"),
            ("http://www.itunes.com/DTDs/PodCast-1.0.dtd", "itunes"),
            ("http://example.com/DTDs/PodCast-1.0.dtd", "itunes"), ("http://purl.org/rss/1.0/modules/link/", "l"),
            ("http://search.yahoo.com/mrss", "media"), ("http://search.yahoo.com/mrss/", "media"),
            ("http://madskills.com/public/xml/rss/module/pingback/", "pingback"),
            ("http://prismstandard.org/namespaces/1.2/basic/", "prism"),
            ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"), ("http://www.w3.org/2000/01/rdf-schema#", "rdfs"),
            ("http://purl.org/rss/1.0/modules/reference/", "ref"),
            ("http://purl.org/rss/1.0/modules/richequiv/", "reqv"),
            ("http://purl.org/rss/1.0/modules/search/", "search"), ("http://purl.org/rss/1.0/modules/slash/", "slash"),
            ("http://schemas.xmlsoap.org/soap/envelope/", "soap"),
            ("http://purl.org/rss/1.0/modules/servicestatus/", "ss"),
            ("http://hacks.benhammersley.com/rss/streaming/", "str"),
            ("http://purl.org/rss/1.0/modules/subscription/", "sub"),
            ("http://purl.org/rss/1.0/modules/syndication/", "sy"),
            ("http://schemas.pocketsoap.com/rss/myDescModule/", "szf"),
            ("http://purl.org/rss/1.0/modules/taxonomy/", "taxo"),
            ("http://purl.org/rss/1.0/modules/threading/", "thr"),
            ("http://purl.org/rss/1.0/modules/textinput/", "ti"),
            ("http://madskills.com/public/xml/rss/module/trackback/", "trackback"),
            ("http://wellformedweb.org/commentAPI/", "wfw"), ("http://purl.org/rss/1.0/modules/wiki/", "wiki"),
            ("http://www.w3.org/1999/xhtml", "xhtml"), ("http://www.w3.org/1999/xlink", "xlink"),
            ("http://www.w3.org/XML/1998/namespace", "xml"), ("http://podlove.org/simple-chapters", "psc"),
            ("http://purl.org/syndication/thread/1.0", "thr"),
        ]
        for (uri, prefix) in modules { map[uri.lowercased()] = prefix }
        return map
    }()

    private static let mathML = "http://www.w3.org/1998/Math/MathML"
    private static let svg = "http://www.w3.org/2000/svg"

    func declareNamespace(prefix: String?, uri: String) {
        guard !uri.isEmpty else { return }
        trackNamespace(prefix: prefix, uri: uri)
        if let prefix, uri == "http://www.w3.org/1999/xlink" {
            pendingDeclarations.append(("xmlns:" + prefix.lowercased(), uri))
        }
    }

    private func trackNamespace(prefix: String?, uri: String) {
        var uri = uri
        var lower = uri.lowercased()
        if version.isEmpty {
            if prefix == nil && lower == "http://my.netscape.com/rdf/simple/0.9/" {
                version = "rss090"
            } else if lower == "http://purl.org/rss/1.0/" {
                version = "rss10"
            } else if lower == "http://www.w3.org/2005/atom" {
                version = "atom10"
            }
        }
        if lower.contains("backend.userland.com/rss") {
            uri = "http://backend.userland.com/rss"
            lower = uri
        }
        if let standard = Self.knownNamespaces[lower] {
            namespacesInUse[standard] = .string(uri)
        } else {
            namespacesInUse[prefix ?? ""] = .string(uri)
        }
    }

    // MARK: XML events

    /// A tag as the handlers see it: "dc:creator" is prefix "dc", suffix "creator", handler "dc_creator".
    private struct TagName {
        var tag: String
        var prefix: String
        var suffix: String
        var handler: String
        var elementHandler: Handler?

        init(_ tag: String) {
            self.tag = tag
            if let colon = tag.firstIndex(of: ":") {
                prefix = String(tag[..<colon])
                suffix = String(tag[tag.index(after: colon)...])
                handler = prefix + "_" + suffix
            } else {
                prefix = ""
                suffix = tag
                handler = tag
            }
            elementHandler = Handler.named[handler]
        }
    }

    /// What an element name means here, worked out once per distinct name.
    private final class NameInfo {
        let startTag: TagName
        let endTag: TagName
        let undeclaredPrefix: String?
        let isMath: Bool
        let isSVG: Bool

        init(startTag: TagName, endTag: TagName, undeclaredPrefix: String?, isMath: Bool, isSVG: Bool) {
            self.startTag = startTag
            self.endTag = endTag
            self.undeclaredPrefix = undeclaredPrefix
            self.isMath = isMath
            self.isSVG = isSVG
        }
    }

    @exclusivity(unchecked) private var nameInfo: [NameInfo?] = []

    private func info(_ name: XMLName) -> NameInfo {
        if name.id < nameInfo.count, let known = nameInfo[name.id] { return known }
        var lowerNamespace = (name.namespace ?? "").lowercased()
        if lowerNamespace.contains("backend.userland.com/rss") { lowerNamespace = "http://backend.userland.com/rss" }
        let standard = Self.knownNamespaces[lowerNamespace] ?? name.prefix
        let local = name.localName.lowercased()
        var startTag = local
        if let standard, !standard.isEmpty { startTag = standard.lowercased() + ":" + local }
        let endPrefix = Self.knownNamespaces[lowerNamespace] ?? name.prefix ?? ""
        let endTag = (endPrefix.isEmpty ? name.localName : endPrefix + ":" + name.localName).lowercased()
        var undeclared: String?
        if let prefix = name.prefix, standard == nil || (standard == "" && lowerNamespace.isEmpty) {
            undeclared = prefix
        }
        let made = NameInfo(
            startTag: TagName(startTag), endTag: TagName(endTag), undeclaredPrefix: undeclared,
            isMath: local == "math" && name.namespace == Self.mathML,
            isSVG: local == "svg" && name.namespace == Self.svg)
        if name.id >= nameInfo.count {
            nameInfo.append(contentsOf: repeatElement(nil, count: name.id - nameInfo.count + 1))
        }
        nameInfo[name.id] = made
        return made
    }

    func startElement(_ name: XMLName, attributes: [XMLAttribute]) {
        let info = info(name)
        if let prefix = info.undeclaredPrefix, namespacesInUse[prefix] == nil {
            problem = problem ?? "'\(prefix)' is not associated with a namespace"
        }
        var attrs = pendingDeclarations
        pendingDeclarations = []
        if info.isMath { attrs.append(("xmlns", Self.mathML)) }
        if info.isSVG { attrs.append(("xmlns", Self.svg)) }
        for attribute in attributes {
            let keys = attributeKeys(attribute)
            attrs.append((keys.key, attribute.value))
            if let qualified = keys.qualified { attrs.append((qualified, attribute.value)) }
        }
        openTag(info.startTag, attrs)
    }

    @exclusivity(unchecked) private var attributeKeyCache: [(key: String, qualified: String?)?] = []

    /// An attribute's keys, in lower case: by its namespace's standard prefix ("xml:base", "rdf:about"),
    /// and by the prefix the document wrote when it had one.
    private func attributeKeys(_ attribute: XMLAttribute) -> (key: String, qualified: String?) {
        if attribute.id < attributeKeyCache.count, let known = attributeKeyCache[attribute.id] { return known }
        var key = attribute.localName
        if let namespace = attribute.namespace, let standard = Self.knownNamespaces[namespace.lowercased()],
            !standard.isEmpty
        {
            key = standard + ":" + attribute.localName
        }
        let made = (key.lowercased(), attribute.prefix != nil ? attribute.qualifiedName.lowercased() : nil)
        if attribute.id >= attributeKeyCache.count {
            attributeKeyCache.append(contentsOf: repeatElement(nil, count: attribute.id - attributeKeyCache.count + 1))
        }
        attributeKeyCache[attribute.id] = made
        return made
    }

    func endElement(_ name: XMLName) {
        closeTag(info(name).endTag)
    }

    func characters(_ text: String) {
        handleData(text, escape: true)
    }

    private func handleData(_ text: String, escape: Bool) {
        guard let top = stack.last, !top.isContainer else { return }
        if escape && contentIsXHTML {
            stack[stack.count - 1].pieces.append(HTMLEscape.text(text))
        } else {
            stack[stack.count - 1].pieces.append(text)
        }
    }

    // MARK: Elements

    /// Attributes as an ordered dictionary: the last of a repeated name wins.
    private struct Attributes {
        var pairs: [(String, String)]

        subscript(key: String) -> String? {
            get { pairs.last(where: { $0.0 == key })?.1 }
            set {
                pairs.removeAll { $0.0 == key }
                if let newValue { pairs.append((key, newValue)) }
            }
        }

        var isEmpty: Bool { pairs.isEmpty }

        var dict: FeedDict { FeedDict(strings: pairs) }
    }

    private func openTag(_ tagName: TagName, _ rawAttributes: [(String, String)]) {
        let tag = tagName.tag
        depth += 1
        var unique: [(String, String)] = []
        // Keys arrive in lower case.
        for (name, value) in rawAttributes {
            let normalized = name == "rel" || name == "type" ? value.lowercasedIfNeeded() : value
            if let index = unique.firstIndex(where: { $0.0 == name }) {
                unique[index].1 = normalized
            } else {
                unique.append((name, normalized))
            }
        }
        let attrs = Attributes(pairs: unique)
        // Without xml:base the base stays as it is.
        if let declaredBase = attrs["xml:base"] ?? attrs["base"], !declaredBase.isEmpty {
            if !baseURI.isEmpty {
                let joined = URIJoin.safeAbsolute(baseURI, declaredBase)
                if !joined.isEmpty { baseURI = joined }
            } else {
                baseURI = URIJoin.join(baseURI, declaredBase)
            }
        }
        var newLang = attrs["xml:lang"] ?? attrs["lang"]
        if newLang == "" {
            newLang = nil
        } else if newLang == nil {
            newLang = lang
        }
        if let newLang, !newLang.isEmpty, tag == "feed" || tag == "rss" {
            feed["language"] = .string(newLang.replacingAll("_", with: "-"))
        }
        lang = newLang
        baseStack.append(baseURI)
        langStack.append(newLang)
        for (key, value) in unique {
            if key.hasPrefix("xmlns:") {
                trackNamespace(prefix: String(key.dropFirst(6)), uri: value)
            } else if key == "xmlns" {
                trackNamespace(prefix: nil, uri: value)
            }
        }
        if inContent > 0 && !(contentParams.type ?? "xml").hasSuffix("xml") {
            if tag == "xhtml:div" || tag == "div" { return }
            contentParams.type = "application/xhtml+xml"
        }
        if inContent > 0 && contentParams.type == "application/xhtml+xml" {
            let name = tagName.suffix
            var pairs = unique
            if !tagName.prefix.isEmpty {
                let namespace = namespacesInUse.string(tagName.prefix) ?? ""
                if name == "math" && namespace == Self.mathML { pairs.append(("xmlns", namespace)) }
                if name == "svg" && namespace == Self.svg { pairs.append(("xmlns", namespace)) }
            }
            if name == "svg" { svgDepth += 1 }
            let rendered = pairs.map { " \($0.0)=\"\(HTMLEscape.attribute($0.1))\"" }.joined()
            handleData("<\(name)\(rendered)>", escape: false)
            return
        }
        if tagName.prefix.isEmpty && inTextInput && !["title", "link", "description", "name"].contains(tag) {
            inTextInput = false
        }
        if tagName.prefix.isEmpty && inImage
            && !["title", "link", "description", "url", "href", "width", "height"].contains(tag)
        {
            inImage = false
        }
        let name = tagName.handler
        if !start(name, tagName.elementHandler, attrs) {
            if attrs.isEmpty {
                push(name, expectingText: true)
            } else {
                context()[name] = .dict(attrs.dict)
            }
        }
    }

    private func closeTag(_ tagName: TagName) {
        let tag = tagName.tag
        let suffix = tagName.suffix
        if suffix == "svg" && svgDepth > 0 { svgDepth -= 1 }
        let name = tagName.handler
        if svgDepth > 0 || !end(name, tagName.elementHandler) {
            _ = pop(name)
        }
        if inContent > 0 && !(contentParams.type ?? "xml").hasSuffix("xml") {
            if tag == "xhtml:div" || tag == "div" { return }
            contentParams.type = "application/xhtml+xml"
        }
        if inContent > 0 && contentParams.type == "application/xhtml+xml" {
            handleData("</\(suffix)>", escape: false)
        }
        if !baseStack.isEmpty {
            baseStack.removeLast()
            if let last = baseStack.last, !last.isEmpty { baseURI = last }
        }
        if !langStack.isEmpty {
            langStack.removeLast()
            if let last = langStack.last { lang = last }
        }
        depth -= 1
    }

    /// The element handlers, found by the element's handler name ("dc_creator"); aliases share one.
    private enum Handler {
        case rss
        case channel
        case feed
        case image
        case textinput
        case author
        case contributor
        case dcContributor
        case name
        case width
        case height
        case url
        case email
        case subtitle
        case rights
        case item
        case language
        case webmaster
        case published
        case updated
        case created
        case expirationdate
        case dctermsValid
        case category
        case itunesCategory
        case tags
        case cloud
        case link
        case guid
        case title
        case description
        case abstract
        case info
        case generator
        case summary
        case enclosure
        case source
        case content
        case body
        case contentEncoded
        case newlocation
        case ccLicense
        case creativecommonsLicense
        case mediaGroup
        case mediaRating
        case mediaCredit
        case mediaRestriction
        case mediaLicense
        case mediaContent
        case mediaThumbnail
        case mediaPlayer
        case itunesOwner
        case itunesImage
        case mediaKeywords
        case itunesBlock
        case itunesExplicit

        static let named: [String: Handler] = [
            "rss": .rss,
            "channel": .channel,
            "feed": .feed,
            "image": .image,
            "textinput": .textinput,
            "author": .author,
            "managingeditor": .author,
            "dc_author": .author,
            "dc_creator": .author,
            "itunes_author": .author,
            "contributor": .contributor,
            "dc_contributor": .dcContributor,
            "name": .name,
            "itunes_name": .name,
            "width": .width,
            "height": .height,
            "url": .url,
            "homepage": .url,
            "uri": .url,
            "email": .email,
            "itunes_email": .email,
            "subtitle": .subtitle,
            "tagline": .subtitle,
            "itunes_subtitle": .subtitle,
            "rights": .rights,
            "copyright": .rights,
            "dc_rights": .rights,
            "item": .item,
            "entry": .item,
            "language": .language,
            "dc_language": .language,
            "webmaster": .webmaster,
            "dc_publisher": .webmaster,
            "published": .published,
            "issued": .published,
            "pubdate": .published,
            "dcterms_issued": .published,
            "updated": .updated,
            "modified": .updated,
            "lastbuilddate": .updated,
            "dc_date": .updated,
            "dcterms_modified": .updated,
            "created": .created,
            "dcterms_created": .created,
            "expirationdate": .expirationdate,
            "dcterms_valid": .dctermsValid,
            "category": .category,
            "keywords": .category,
            "dc_subject": .category,
            "media_category": .category,
            "itunes_category": .itunesCategory,
            "tags": .tags,
            "cloud": .cloud,
            "link": .link,
            "guid": .guid,
            "id": .guid,
            "title": .title,
            "dc_title": .title,
            "media_title": .title,
            "description": .description,
            "dc_description": .description,
            "media_description": .description,
            "abstract": .abstract,
            "info": .info,
            "feedburner_browserfriendly": .info,
            "generator": .generator,
            "summary": .summary,
            "itunes_summary": .summary,
            "enclosure": .enclosure,
            "source": .source,
            "content": .content,
            "body": .body,
            "xhtml_body": .body,
            "content_encoded": .contentEncoded,
            "fullitem": .contentEncoded,
            "newlocation": .newlocation,
            "cc_license": .ccLicense,
            "creativecommons_license": .creativecommonsLicense,
            "media_group": .mediaGroup,
            "media_rating": .mediaRating,
            "media_credit": .mediaCredit,
            "media_restriction": .mediaRestriction,
            "media_license": .mediaLicense,
            "media_content": .mediaContent,
            "media_thumbnail": .mediaThumbnail,
            "media_player": .mediaPlayer,
            "itunes_owner": .itunesOwner,
            "itunes_image": .itunesImage,
            "itunes_link": .itunesImage,
            "media_keywords": .mediaKeywords,
            "itunes_keywords": .mediaKeywords,
            "itunes_block": .itunesBlock,
            "itunes_explicit": .itunesExplicit,
        ]
    }

    /// Runs the handler for an opening element; false when there is none.
    private func start(_ name: String, _ handler: Handler?, _ attrs: Attributes) -> Bool {
        var attrs = attrs
        switch handler {
        case .rss:
            if version.isEmpty || !version.hasPrefix("rss") {
                let declared = attrs["version"] ?? ""
                let known = ["0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"]
                version = known[declared] ?? (declared.hasPrefix("2.") ? "rss20" : "rss")
            }
        case .channel:
            inFeed = true
            cdfCommon(attrs)
        case .feed:
            inFeed = true
            if version.isEmpty {
                let known = ["0.1": "atom01", "0.2": "atom02", "0.3": "atom03"]
                version = known[attrs["version"] ?? ""] ?? "atom"
            }
        case .image:
            if !inEntry { context().setDefault("image", .dict(FeedDict())) }
            inImage = true
            titleDepth = -1
            push("image", expectingText: false)
        case .textinput:
            context().setDefault("textinput", .dict(FeedDict()))
            inTextInput = true
            titleDepth = -1
            push("textinput", expectingText: false)
        case .author:
            inAuthor = true
            push("author", expectingText: true)
            context().append(.dict(FeedDict()), to: "authors")
        case .contributor:
            inContributor = true
            context().append(.dict(FeedDict()), to: "contributors")
            push("contributor", expectingText: false)
        case .dcContributor:
            inContributor = true
            context().append(.dict(FeedDict()), to: "contributors")
            push("name", expectingText: false)
        case .name: push("name", expectingText: false)
        case .width: push("width", expectingText: false)
        case .height: push("height", expectingText: false)
        case .url: push("href", expectingText: true)
        case .email: push("email", expectingText: false)
        case .subtitle: pushContent("subtitle", attrs, defaultType: "text/plain", true)
        case .rights: pushContent("rights", attrs, defaultType: "text/plain", true)
        case .item:
            let entry = FeedDict()
            entries.append(entry)
            entryFieldDepths.removeAll(keepingCapacity: true)
            push("item", expectingText: false)
            inEntry = true
            guidIsLink = false
            titleDepth = -1
            if let id = attrs["rdf:about"], !id.isEmpty { context()["id"] = .string(id) }
            cdfCommon(attrs)
        case .language: push("language", expectingText: true)
        case .webmaster: push("publisher", expectingText: true)
        case .published: push("published", expectingText: true)
        case .updated: push("updated", expectingText: true)
        case .created: push("created", expectingText: true)
        case .expirationdate: push("expired", expectingText: true)
        case .dctermsValid: push("validity", expectingText: true)
        case .category:
            if name == "media_category", attrs["scheme"] == nil {
                attrs["scheme"] = "http://search.yahoo.com/mrss/category_schema"
            }
            addTag(term: attrs["term"], scheme: attrs["scheme"] ?? attrs["domain"], label: attrs["label"])
            push("category", expectingText: true)
        case .itunesCategory:
            addTag(term: attrs["text"], scheme: "http://www.itunes.com/", label: nil)
            push("category", expectingText: true)
        case .tags: push("tags", expectingText: true)
        case .cloud: context()["cloud"] = .dict(attrs.dict)
        case .link: startLink(attrs)
        case .guid:
            guidIsLink = (attrs["ispermalink"] ?? "true") == "true"
            push("id", expectingText: true)
        case .title:
            if svgDepth > 0 {
                openUnknown("title", attrs)
            } else {
                pushContent("title", attrs, defaultType: "text/plain", inFeed || inEntry || inSource)
            }
        case .description:
            if context().contains("summary") && !hasContent {
                summaryKey = "content"
                startContent(attrs)
            } else {
                pushContent("description", attrs, defaultType: "text/html", inFeed || inEntry || inSource)
            }
        case .abstract: pushContent("description", attrs, defaultType: "text/plain", inFeed || inEntry || inSource)
        case .info: pushContent("info", attrs, defaultType: "text/plain", true)
        case .generator:
            var detail = attrs
            if !detail.isEmpty {
                detail = enforceHref(detail)
                if let href = detail["href"] { detail["href"] = resolve(href) }
            }
            context()["generator_detail"] = .dict(detail.dict)
            push("generator", expectingText: true)
        case .summary:
            if context().contains("summary") && !hasContent {
                summaryKey = "content"
                startContent(attrs)
            } else {
                summaryKey = "summary"
                pushContent("summary", attrs, defaultType: "text/plain", true)
            }
        case .enclosure:
            var link = enforceHref(attrs)
            link["rel"] = "enclosure"
            context().append(.dict(link.dict), to: "links")
        case .source:
            if let url = attrs["url"] { sourceData["href"] = .string(url) }
            push("source", expectingText: true)
            inSource = true
            titleDepth = -1
        case .content: startContent(attrs)
        case .body: pushContent("content", attrs, defaultType: "application/xhtml+xml", true)
        case .contentEncoded:
            hasContent = true
            pushContent("content", attrs, defaultType: "text/html", true)
        case .newlocation: push("newlocation", expectingText: true)
        case .ccLicense:
            let link = FeedDict(strings: [("rel", "license")])
            if let value = attrs["rdf:resource"], !value.isEmpty { link["href"] = .string(value) }
            context().append(.dict(link), to: "links")
        case .creativecommonsLicense: push("license", expectingText: true)
        case .mediaGroup: break
        case .mediaRating:
            context().setDefault("media_rating", .dict(attrs.dict))
            push("rating", expectingText: true)
        case .mediaCredit:
            context().append(.dict(attrs.dict), to: "media_credit")
            push("credit", expectingText: true)
        case .mediaRestriction:
            context().setDefault("media_restriction", .dict(attrs.dict))
            push("restriction", expectingText: true)
        case .mediaLicense:
            context().setDefault("media_license", .dict(attrs.dict))
            push("license", expectingText: true)
        case .mediaContent: context().append(.dict(attrs.dict), to: "media_content")
        case .mediaThumbnail:
            push("url", expectingText: true)
            context().append(.dict(attrs.dict), to: "media_thumbnail")
        case .mediaPlayer:
            push("media_player", expectingText: false)
            context()["media_player"] = .dict(attrs.dict)
        case .itunesOwner:
            inPublisher = true
            push("publisher", expectingText: false)
        case .itunesImage:
            push("itunes_image", expectingText: false)
            if let href = attrs["href"], !href.isEmpty {
                context()["image"] = .dict(FeedDict(strings: [("href", href)]))
            } else if let url = attrs["url"], !url.isEmpty {
                context()["image"] = .dict(FeedDict(strings: [("href", url)]))
            }
        default:
            return false
        }
        return true
    }

    private func openUnknown(_ name: String, _ attrs: Attributes) {
        if attrs.isEmpty {
            push(name, expectingText: true)
        } else {
            context()[name] = .dict(attrs.dict)
        }
    }

    /// Runs the handler for a closing element; false when there is none.
    private func end(_ name: String, _ handler: Handler?) -> Bool {
        switch handler {
        case .channel, .feed: inFeed = false
        case .image:
            _ = pop("image")
            inImage = false
        case .textinput:
            _ = pop("textinput")
            inTextInput = false
        case .author:
            _ = pop("author")
            inAuthor = false
            syncAuthorDetail()
        case .contributor:
            _ = pop("contributor")
            inContributor = false
        case .dcContributor:
            endName()
            inContributor = false
        case .name: endName()
        case .width, .height:
            let value = Int(pop(name) ?? "") ?? 0
            if inImage { context()[name] = .int(value) }
        case .url:
            let value = pop("href")
            if inAuthor {
                saveAuthor("href", value)
            } else if inContributor {
                saveContributor("href", value)
            }
        case .email:
            let value = pop("email")
            if inPublisher {
                saveAuthor("email", value, prefix: "publisher")
            } else if inAuthor {
                saveAuthor("email", value)
            } else if inContributor {
                saveContributor("email", value)
            }
        case .subtitle: _ = popContent("subtitle")
        case .rights: _ = popContent("rights")
        case .item:
            _ = pop("item")
            inEntry = false
            hasContent = false
        case .language: lang = pop("language")
        case .webmaster:
            _ = pop("publisher")
            syncAuthorDetail(key: "publisher")
        case .published:
            let value = pop("published")
            save("published_parsed", parsedDate(value), overwrite: true)
        case .updated:
            let value = pop("updated")
            save("updated_parsed", parsedDate(value), overwrite: true)
        case .created:
            let value = pop("created")
            save("created_parsed", parsedDate(value), overwrite: true)
        case .expirationdate:
            save("expired_parsed", parsedDate(pop("expired")), overwrite: true)
        case .dctermsValid:
            for detail in (pop("validity") ?? "").split(separator: ";") {
                guard let equals = detail.firstIndex(of: "=") else { continue }
                let key = String(detail[..<equals])
                let value = String(detail[detail.index(after: equals)...])
                if key == "start" || key == "end" {
                    save("validity_\(key)", .string(value), overwrite: true)
                    save("validity_\(key)_parsed", parsedDate(value), overwrite: true)
                }
            }
        case .category, .itunesCategory: endCategory()
        case .tags:
            for term in (pop("tags") ?? "").split(separator: ",", omittingEmptySubsequences: false) {
                addTag(term: term.trimmingSpaces(), scheme: nil, label: nil)
            }
        case .mediaKeywords:
            let scheme = name == "itunes_keywords" ? "http://www.itunes.com/" : nil
            for term in (pop(name) ?? "").split(separator: ",") {
                let trimmed = term.trimmingSpaces()
                if !trimmed.isEmpty { addTag(term: trimmed, scheme: scheme, label: nil) }
            }
        case .link: _ = pop("link")
        case .guid:
            let value = pop("id")
            save("guidislink", .bool(guidIsLink && !context().contains("link")))
            if guidIsLink, let value { save("link", .string(value)) }
        case .title:
            guard svgDepth == 0 else { return true }
            let saved = titleDepth
            let value = popContent("title")
            if let value, !value.isEmpty { titleDepth = depth }
            if name == "media_title" { titleDepth = saved }
        case .description, .abstract:
            if summaryKey == "content" {
                endContent()
            } else {
                _ = popContent("description")
            }
            summaryKey = nil
        case .info: _ = popContent("info")
        case .generator:
            let value = pop("generator")
            if let detail = context().dict("generator_detail") { detail["name"] = value.map(FeedValue.string) ?? .null }
        case .summary:
            if summaryKey == "content" {
                endContent()
            } else {
                _ = popContent(summaryKey ?? "summary")
            }
            summaryKey = nil
        case .source:
            inSource = false
            if let value = pop("source"), !value.isEmpty { sourceData["title"] = .string(value) }
            context()["source"] = .dict(sourceData.copy())
            sourceData = FeedDict()
        case .content, .body, .contentEncoded: endContent()
        case .newlocation:
            let url = pop("newlocation") ?? ""
            if context() === feed {
                feed["newlocation"] = .string(URIJoin.safeAbsolute(baseURI, url.trimmingSpaces()))
            }
        case .creativecommonsLicense:
            let value = pop("license")
            let link = FeedDict(strings: [("rel", "license")])
            if let value, !value.isEmpty { link["href"] = .string(value) }
            let context = context()
            context.append(.dict(link), to: "links")
            context["license"] = nil
        case .mediaRating:
            if let rating = pop("rating"), !rating.trimmingSpaces().isEmpty {
                context().dict("media_rating")?["content"] = .string(rating)
            }
        case .mediaCredit:
            if let credit = pop("credit"), !credit.trimmingSpaces().isEmpty {
                context().lastDict(in: "media_credit")?["content"] = .string(credit)
            }
        case .mediaRestriction:
            if let restriction = pop("restriction"), !restriction.trimmingSpaces().isEmpty {
                let codes = restriction.split(separator: " ", omittingEmptySubsequences: false).map {
                    FeedValue.string($0.trimmingSpaces().lowercased())
                }
                context().dict("media_restriction")?["content"] = .list(codes)
            }
        case .mediaLicense:
            if let license = pop("license"), !license.trimmingSpaces().isEmpty {
                context().dict("media_license")?["content"] = .string(license)
            }
        case .mediaThumbnail:
            let url = pop("url")
            if let url, !url.trimmingSpaces().isEmpty,
                let thumbnail = context().lastDict(in: "media_thumbnail"), !thumbnail.contains("url")
            {
                thumbnail["url"] = .string(url)
            }
        case .mediaPlayer:
            let value = pop("media_player")
            context().dict("media_player")?["content"] = value.map(FeedValue.string) ?? .null
        case .itunesOwner:
            _ = pop("publisher")
            inPublisher = false
            syncAuthorDetail(key: "publisher")
        case .itunesBlock:
            let value = pop("itunes_block", strip: false)
            context()["itunes_block"] = .int(value == "yes" || value == "Yes" ? 1 : 0)
        case .itunesExplicit:
            let value = pop("itunes_explicit", strip: false)
            context()["itunes_explicit"] = value == "yes" ? .bool(true) : value == "clean" ? .bool(false) : .null
        default:
            return false
        }
        return true
    }

    private func parsedDate(_ value: String?) -> FeedValue {
        guard let value, let time = FeedDate.parse(value) else { return .null }
        return .time(time)
    }

    private func cdfCommon(_ attrs: Attributes) {
        if let modified = attrs["lastmod"] {
            push("updated", expectingText: true)
            stack[stack.count - 1].pieces = [modified]
            _ = end("modified", .updated)
        }
        if let href = attrs["href"] {
            startLink(Attributes(pairs: []))
            stack[stack.count - 1].pieces = [href]
            _ = pop("link")
        }
    }

    private func startLink(_ attributes: Attributes) {
        var attrs = attributes
        if attrs["rel"] == nil { attrs["rel"] = "alternate" }
        if attrs["type"] == nil { attrs["type"] = attrs["rel"] == "self" ? "application/atom+xml" : "text/html" }
        let context = context()
        attrs = enforceHref(attrs)
        if let href = attrs["href"] { attrs["href"] = resolve(href) }
        let expectingText = inFeed || inEntry || inSource
        context.setDefault("links", .list([]))
        if !(inEntry && inImage) {
            context.append(.dict(attrs.dict), to: "links")
        }
        if let href = attrs["href"] {
            if attrs["rel"] == "alternate", Self.htmlTypes.contains(Self.mapContentType(attrs["type"] ?? "")) {
                context["link"] = .string(href)
            }
        } else {
            push("link", expectingText: expectingText)
        }
    }

    private func startContent(_ attrs: Attributes) {
        hasContent = true
        pushContent("content", attrs, defaultType: "text/plain", true)
        if let src = attrs["src"], !src.isEmpty { contentParams.src = src }
        push("content", expectingText: true)
    }

    private func endContent() {
        let type = Self.mapContentType(contentParams.type ?? "")
        let copyToSummary = type == "text/plain" || Self.htmlTypes.contains(type)
        let value = popContent("content")
        if copyToSummary { save("summary", value.map(FeedValue.string) ?? .null) }
    }

    private func endName() {
        let value = pop("name")
        if inPublisher {
            saveAuthor("name", value, prefix: "publisher")
        } else if inAuthor {
            saveAuthor("name", value)
        } else if inContributor {
            saveContributor("name", value)
        } else if inTextInput {
            context()["name"] = value.map(FeedValue.string) ?? .null
        }
    }

    private func endCategory() {
        guard let value = pop("category"), !value.isEmpty else { return }
        let context = context()
        if let last = context.lastDict(in: "tags"), last.string("term")?.isEmpty ?? true {
            last["term"] = .string(value)
        } else {
            addTag(term: value, scheme: nil, label: nil)
        }
    }

    // MARK: The element stack

    private func push(_ element: String, expectingText: Bool) {
        let isContainer = element == "item" || element == "image" || element == "textinput"
        stack.append(Frame(element: element, expectingText: expectingText, pieces: [], isContainer: isContainer))
    }

    static let htmlTypes: Set<String> = ["application/xhtml+xml", "text/html"]
    static let relativeURIElements: Set<String> = [
        "comments", "docs", "href", "icon", "id", "link", "logo", "url", "wfw_comment", "wfw_commentrss",
    ]
    static let markupElements: Set<String> = [
        "content", "copyright", "description", "info", "rights", "subtitle", "summary", "tagline", "title",
    ]

    static func mapContentType(_ type: String) -> String {
        switch type {
        case "text/plain", "text/html", "application/xhtml+xml": return type
        default: break
        }
        let lower = type.lowercasedIfNeeded()
        switch lower {
        case "text", "plain": return "text/plain"
        case "html": return "text/html"
        case "xhtml": return "application/xhtml+xml"
        default: return lower
        }
    }

    private func pop(_ element: String, strip: Bool = true) -> String? {
        guard let top = stack.last, top.element == element else { return nil }
        stack.removeLast()
        var pieces = top.pieces
        if version == "atom10" && (contentParams.type ?? "text") == "application/xhtml+xml" {
            pieces = Self.unwrapDiv(pieces)
        }
        var output = pieces.count == 1 ? pieces[0] : pieces.joined()
        if strip { output = output.trimmingSpaces() }
        guard top.expectingText else { return output }
        let isBase64 = contentParams.base64
        if isBase64, let decoded = Base64.decodeUTF8(output) {
            output = decoded
        }
        if Self.relativeURIElements.contains(element), !output.isEmpty, element != "id" || guidIsLink {
            output = resolve(output)
        }
        if !version.hasPrefix("atom") && contentParams.type == "text/plain"
            && HTMLLooks.likeHTML(output)
        {
            contentParams.type = "text/html"
        }
        contentParams.base64 = false
        let isHTML = Self.htmlTypes.contains(Self.mapContentType(contentParams.type ?? "text/html"))
        if isHTML && Self.markupElements.contains(element) {
            output = sanitize(output)
        }
        if encoding == "utf-8" { output = TextRepair.undoDoubleEncoding(output) }
        output = TextRepair.cp1252Controls(output)
        if element == "category" || element == "tags" || element == "itunes_keywords" { return output }
        if element == "title" && titleDepth > -1 && titleDepth <= depth { return output }
        if inEntry && !inSource, let entry = entries.last {
            store(output, as: element, in: entry)
        } else if inFeed || inSource {
            let context = context()
            let key = element == "description" ? "subtitle" : element
            context[key] = .string(output)
            if key == "link" {
                let link = TextRepair.unescapeNamedReferences(output)
                context["link"] = .string(link)
                context.lastDict(in: "links")?["href"] = .string(link)
            } else if inContent > 0 {
                let detail = contentParams.detail(output)
                context[key + "_detail"] = .dict(detail)
            }
        }
        return output
    }

    private func store(_ output: String, as element: String, in entry: FeedDict) {
        switch element {
        case "content":
            let detail = contentParams.detail(output)
            entry.append(.dict(detail), to: "content")
        case "link":
            guard !inImage else { return }
            let link = TextRepair.unescapeNamedReferences(output.replacingAll("&amp;", with: "&"))
            let last = entry.lastDict(in: "links")
            // An enclosure or other link does not replace the alternate one.
            if last?.string("rel") == "alternate" || !entry.contains("link") { entry["link"] = .string(link) }
            if !link.isEmpty { last?["href"] = .string(link) }
        default:
            let key = element == "description" ? "summary" : element
            if let index = entryFieldDepths.firstIndex(where: { $0.key == key }) {
                // A deeper element (inside media:group, say) does not override one already set higher up.
                if depth <= entryFieldDepths[index].depth {
                    entryFieldDepths[index].depth = depth
                    entry[key] = .string(output)
                }
            } else {
                entryFieldDepths.append((key, depth))
                entry[key] = .string(output)
            }
            if inContent > 0 {
                let detail = contentParams.detail(output)
                entry[key + "_detail"] = .dict(detail)
            }
        }
    }

    /// Atom 1.0 XHTML content arrives wrapped in one `div`, which is not part of the value.
    private static func unwrapDiv(_ input: [String]) -> [String] {
        var pieces = input
        while pieces.count > 1, pieces.last!.trimmingSpaces().isEmpty { pieces.removeLast() }
        while pieces.count > 1, pieces.first!.trimmingSpaces().isEmpty { pieces.removeFirst() }
        guard let first = pieces.first, first == "<div>" || first.hasPrefix("<div "), pieces.last == "</div>" else {
            return pieces
        }
        var level = 0
        for piece in pieces.dropLast() {
            if piece.hasPrefix("</") {
                level -= 1
                if level == 0 { return pieces }
            } else if piece.hasPrefix("<") && !piece.hasSuffix("/>") {
                level += 1
            }
        }
        return Array(pieces.dropFirst().dropLast())
    }

    private func pushContent(_ tag: String, _ attrs: Attributes, defaultType: String, _ expectingText: Bool) {
        inContent += 1
        if let current = lang { lang = current.replacingAll("_", with: "-") }
        let type = Self.mapContentType(attrs["type"] ?? defaultType)
        let base64 =
            attrs["mode"] == "base64"
            || !(type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml"))
        contentParams = ContentParams(type: type, language: lang, base: baseURI, base64: base64)
        push(tag, expectingText: expectingText)
    }

    private func popContent(_ tag: String) -> String? {
        let value = pop(tag)
        inContent -= 1
        contentParams = ContentParams()
        return value
    }

    // MARK: Contexts

    private func context() -> FeedDict {
        if inSource { return sourceData }
        if inImage, let image = feed.dict("image") { return image }
        if inTextInput { return feed.child("textinput") }
        if inEntry, let entry = entries.last { return entry }
        return feed
    }

    private func save(_ key: String, _ value: FeedValue, overwrite: Bool = false) {
        let context = context()
        if overwrite {
            context[key] = value
        } else {
            context.setDefault(key, value)
        }
    }

    private func saveAuthor(_ key: String, _ value: String?, prefix: String = "author") {
        let context = context()
        let stored = value.map(FeedValue.string) ?? .null
        context.child(prefix + "_detail")[key] = stored
        syncAuthorDetail()
        if context.list("authors").isEmpty { context["authors"] = .list([.dict(FeedDict())]) }
        context.lastDict(in: "authors")?[key] = stored
    }

    private func saveContributor(_ key: String, _ value: String?) {
        let context = context()
        if context.list("contributors").isEmpty { context["contributors"] = .list([.dict(FeedDict())]) }
        context.lastDict(in: "contributors")?[key] = value.map(FeedValue.string) ?? .null
    }

    /// Keeps `author` ("Name (email)") and `author_detail` in step, whichever was given.
    private func syncAuthorDetail(key: String = "author") {
        let context = context()
        let detail = context.lastDict(in: key + "s") ?? FeedDict()
        if !detail.isEmpty {
            let name = detail.string("name").flatMap { $0.isEmpty ? nil : $0 }
            let email = detail.string("email").flatMap { $0.isEmpty ? nil : $0 }
            if let name, let email {
                context[key] = .string("\(name) (\(email))")
            } else if let name {
                context[key] = .string(name)
            } else if let email {
                context[key] = .string(email)
            }
            return
        }
        guard var author = context.string(key), !author.isEmpty else { return }
        var email: String?
        if let match = EmailFinder.first(in: author) {
            email = match
            author = author.replacingAll(match, with: "").replacingAll("()", with: "").replacingAll("<>", with: "")
                .replacingAll("&lt;&gt;", with: "").trimmingSpaces()
            if author.hasPrefix("(") { author.removeFirst() }
            if author.hasSuffix(")") { author.removeLast() }
            author = author.trimmingSpaces()
        }
        guard !author.isEmpty || email != nil else { return }
        // The detail kept is the first one; the names go into the latest author's.
        context.setDefault(key + "_detail", .dict(detail))
        if !author.isEmpty { detail["name"] = .string(author) }
        if let email { detail["email"] = .string(email) }
    }

    private func addTag(term: String?, scheme: String?, label: String?) {
        let context = context()
        context.setDefault("tags", .list([]))
        let empty = (term ?? "").isEmpty && (scheme ?? "").isEmpty && (label ?? "").isEmpty
        guard !empty else { return }
        let tag = FeedDict([
            ("term", term.map(FeedValue.string) ?? .null), ("scheme", scheme.map(FeedValue.string) ?? .null),
            ("label", label.map(FeedValue.string) ?? .null),
        ])
        if !context.list("tags").contains(.dict(tag)) { context.append(.dict(tag), to: "tags") }
    }

    private func enforceHref(_ attrs: Attributes) -> Attributes {
        var attrs = attrs
        if let href = attrs["url"] ?? attrs["uri"] ?? attrs["href"], !href.isEmpty {
            attrs["url"] = nil
            attrs["uri"] = nil
            attrs["href"] = href
        }
        return attrs
    }

    private func resolve(_ uri: String) -> String {
        URIJoin.join(baseURI, uri)
    }

    /// HTML made safe and its links absolute against the current base.
    private func sanitize(_ html: String) -> String {
        if !html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) {
            return html.utf8.contains(UInt8(ascii: ">")) ? html.replacingAll(">", with: "&gt;") : html
        }
        return sanitizer.sanitize(html, baseURL: baseURI.isEmpty ? nil : baseURI)
    }
}
