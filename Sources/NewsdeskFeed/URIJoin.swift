import NewsdeskCore

/// Joins a reference to a base URI by RFC 3986 section 5, on strings, so that
/// internationalised host names and paths survive unchanged.
enum URIJoin {
    /// Schemes a feed may point at; a join that lands elsewhere is refused.
    static let acceptableSchemes: Set<String> = [
        "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto", "mms", "news", "nntp",
        "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips", "snews", "svn", "svn+ssh", "telnet",
        "wais", "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk", "irc", "ircs", "irc6", "itms", "mms",
        "msnim", "skype", "ssh", "smb", "svn", "ymsg",
    ]

    struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        init(_ text: String) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let mark = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: mark)...])
                rest = rest[..<mark]
            }
            if let colon = rest.firstIndex(of: ":"), colon > rest.startIndex,
                rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
                rest.first!.isLetter
            {
                scheme = rest[..<colon].lowercased()
                rest = rest[rest.index(after: colon)...]
            }
            if rest.hasPrefix("//") {
                let afterSlashes = rest.dropFirst(2)
                let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
                authority = String(afterSlashes[..<end])
                rest = afterSlashes[end...]
            }
            path = String(rest)
        }

        var text: String {
            var result = ""
            if let scheme { result += scheme + ":" }
            if let authority { result += "//" + authority }
            result += path
            if let query { result += "?" + query }
            if let fragment { result += "#" + fragment }
            return result
        }
    }

    static func join(_ base: String, _ reference: String) -> String {
        let reference = reference.trimmingSpaces()
        guard !base.isEmpty else { return reference }
        guard !reference.isEmpty else { return base }
        let ref = Parts(reference)
        var result = Parts(base)
        // A scheme the base shares, followed by no authority, is relative ("http:foo").
        if let scheme = ref.scheme,
            scheme != result.scheme || ref.authority != nil || !["http", "https"].contains(scheme)
        {
            var absolute = ref
            absolute.path = removeDotSegments(ref.path)
            return absolute.text
        }
        if ref.authority != nil {
            result.authority = ref.authority
            result.path = removeDotSegments(ref.path)
            result.query = ref.query
        } else if ref.path.isEmpty {
            if ref.query != nil { result.query = ref.query }
        } else {
            if ref.path.hasPrefix("/") {
                result.path = removeDotSegments(ref.path)
            } else {
                let basePath = result.path
                let merged: String
                if result.authority != nil && basePath.isEmpty {
                    merged = "/" + ref.path
                } else if let slash = basePath.lastIndex(of: "/") {
                    merged = basePath[...slash] + ref.path
                } else {
                    merged = ref.path
                }
                result.path = removeDotSegments(merged)
            }
            result.query = ref.query
        }
        result.fragment = ref.fragment
        return result.text
    }

    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            if segment == "." {
                if last { output.append("") }
            } else if segment == ".." {
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if last { output.append("") }
            } else {
                output.append(segment)
            }
        }
        var joined = output.joined(separator: "/")
        if path.hasPrefix("/") && !joined.hasPrefix("/") { joined = "/" + joined }
        return joined
    }

    /// The join if it lands on an acceptable scheme, "" otherwise (feedparser's `make_safe_absolute_uri`).
    static func safeAbsolute(_ base: String, _ reference: String?) -> String {
        guard !base.isEmpty else { return reference ?? "" }
        guard let reference, !reference.isEmpty else {
            let scheme = Parts(base).scheme
            return scheme == nil || acceptableSchemes.contains(scheme!) ? base : ""
        }
        let joined = join(base, reference)
        let scheme = joined.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return acceptableSchemes.contains(scheme) ? joined : ""
    }
}
