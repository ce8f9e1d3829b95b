import CLibXML2

/// One attribute of an element as the XML parser reports it.
struct XMLAttribute {
    /// Numbered as element names are, in a count of their own.
    var name: XMLName
    var value: String

    var id: Int { name.id }
    var localName: String { name.localName }
    var prefix: String? { name.prefix }
    var namespace: String? { name.namespace }
    var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }
}

/// An element's or attribute's name. Names repeat endlessly in a feed, so
/// each distinct one is made once and numbered: handlers can keep what they
/// derive from a name in an array indexed by `id`.
final class XMLName: @unchecked Sendable {
    let id: Int
    let localName: String
    let prefix: String?
    let namespace: String?

    init(id: Int, localName: String, prefix: String?, namespace: String?) {
        self.id = id
        self.localName = localName
        self.prefix = prefix
        self.namespace = namespace
    }
}

/// What a streaming reader of XML receives.
protocol XMLEventHandler: AnyObject {
    func declareNamespace(prefix: String?, uri: String)
    func startElement(_ name: XMLName, attributes: [XMLAttribute])
    func endElement(_ name: XMLName)
    func characters(_ text: String)
}

/// Streams a UTF-8 XML document through libxml2's SAX2 parser in recovery
/// mode: an ill-formed document still yields everything readable, and the
/// first error is kept so the caller can mark the result as not well-formed.
/// Internal entities are expanded; external entities and DTDs are never
/// loaded (no file or network access from a feed).
final class XMLEventReader {
    private(set) var firstError: String?
    private(set) var errorCount = 0
    // The handler outlives the parse it is handed to.
    private unowned(unsafe) let handler: any XMLEventHandler

    init(handler: any XMLEventHandler) {
        self.handler = handler
    }

    /// Parses `utf8` (a complete document) and reports whether libxml2 found it well-formed.
    @discardableResult
    func parse(_ utf8: [UInt8]) -> Bool {
        Self.installEntityLoader
        var sax = xmlSAXHandler()
        xmlSAXVersion(&sax, 2)
        sax.startElementNs = {
            context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let reader = XMLEventReader.reader(of: context) else { return }
            reader.start(localName, prefix, uri, Int(namespaceCount), namespaces, Int(attributeCount), attributes)
        }
        sax.endElementNs = { context, localName, prefix, uri in
            guard let reader = XMLEventReader.reader(of: context) else { return }
            reader.handler.endElement(reader.name(localName, prefix, uri))
        }
        let text: charactersSAXFunc = { context, characters, length in
            guard let reader = XMLEventReader.reader(of: context), let characters, length > 0 else { return }
            let buffer = UnsafeBufferPointer(start: characters, count: Int(length))
            reader.handler.characters(String(decoding: buffer, as: UTF8.self))
        }
        sax.characters = text
        sax.cdataBlock = text
        sax.ignorableWhitespace = text
        sax.getEntity = { context, name in
            // Only entities declared inside the document; an external one is treated as undeclared.
            guard let entity = xmlSAX2GetEntity(context, name) else { return nil }
            let kind = entity.pointee.etype
            guard kind == XML_INTERNAL_GENERAL_ENTITY || kind == XML_INTERNAL_PREDEFINED_ENTITY else { return nil }
            return entity
        }
        sax.resolveEntity = { _, _, _ in nil }
        sax.externalSubset = { _, _, _, _ in }
        sax.comment = nil
        sax.processingInstruction = nil
        sax.warning = nil
        sax.error = nil
        sax.fatalError = nil
        sax.serror = { userData, error in
            // libxml2 hands parser errors the parser context as user data.
            guard let reader = XMLEventReader.reader(of: userData), let error else { return }
            reader.record(error.pointee)
        }
        guard let context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else {
            firstError = "the XML parser could not start"
            return false
        }
        defer {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue)
        xmlCtxtUseOptions(context, options)
        let unmanaged = Unmanaged.passUnretained(self)
        context.pointee._private = unmanaged.toOpaque()
        utf8.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                _ = xmlParseChunk(context, pointer, Int32(clamping: buffer.count), 1)
            }
        }
        if utf8.isEmpty {
            _ = xmlParseChunk(context, nil, 0, 1)
        }
        if utf8.isEmpty && firstError == nil {
            firstError = "the document is empty"
            errorCount += 1
        }
        return context.pointee.wellFormed != 0 && errorCount == 0
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        errorCount += 1
        if firstError == nil {
            let message = Self.cString(error.message) ?? "XML error"
            firstError = "line \(error.line): " + message.trimmingCharacters(in: " \n")
        }
    }

    private static let installEntityLoader: Void = {
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    private static func reader(of context: UnsafeMutableRawPointer?) -> XMLEventReader? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let pointer = parser.pointee._private else { return nil }
        return Unmanaged<XMLEventReader>.fromOpaque(pointer).takeUnretainedValue()
    }

    private func start(
        _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
        _ namespaceCount: Int, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        _ attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        if let namespaces {
            for index in 0..<namespaceCount {
                let uri = Self.string(namespaces[index * 2 + 1]) ?? ""
                handler.declareNamespace(prefix: Self.string(namespaces[index * 2]), uri: uri)
            }
        }
        var list: [XMLAttribute] = []
        if let attributes, attributeCount > 0 {
            list.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let base = index * 5
                guard let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                let name = attributeName(attributes[base], attributes[base + 1], attributes[base + 2])
                list.append(XMLAttribute(name: name, value: value))
            }
        }
        handler.startElement(name(localName, prefix, uri), attributes: list)
    }

    private struct NameKey: Hashable {
        var localName: UnsafePointer<xmlChar>?
        var prefix: UnsafePointer<xmlChar>?
        var uri: UnsafePointer<xmlChar>?
    }

    @exclusivity(unchecked) private var names: [NameKey: XMLName] = [:]
    @exclusivity(unchecked) private var strings: [UnsafePointer<xmlChar>: String] = [:]

    @exclusivity(unchecked) private var attributeNames: [NameKey: XMLName] = [:]

    /// libxml2 interns names in its dictionary, so a name's pointers identify it for the whole parse.
    private func name(
        _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
    ) -> XMLName {
        name(NameKey(localName: localName, prefix: prefix, uri: uri), in: &names)
    }

    private func attributeName(
        _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
    ) -> XMLName {
        name(NameKey(localName: localName, prefix: prefix, uri: uri), in: &attributeNames)
    }

    /// The name for `key`, made and numbered the first time; element and attribute names are numbered apart.
    private func name(_ key: NameKey, in cache: inout [NameKey: XMLName]) -> XMLName {
        if let known = cache[key] { return known }
        let made = XMLName(
            id: cache.count, localName: interned(key.localName) ?? "", prefix: interned(key.prefix),
            namespace: interned(key.uri))
        cache[key] = made
        return made
    }

    private func interned(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = strings[pointer] { return known }
        let made = String(cString: pointer)
        strings[pointer] = made
        return made
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    static func cString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
