/// An article's identity as a URL: the same page however it was linked.
/// Scheme and host in lower case, default ports, fragments and tracking
/// parameters (`utm_*`, `fbclid`, `gclid` and the like, and AMP switches) are
/// removed; the path and the remaining parameters keep their order and case.
public enum CanonicalURL {
    /// Query parameters that only say how a reader arrived.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "ttclid", "li_fat_id",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
        "cmpid", "cmp", "smid", "ocid", "ito", "icid", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname",
        "ns_fee", "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "sr_share",
        "ref_src", "ref_url", "s_cid", "spm", "share", "amp", "outputtype", "__twitter_impression",
    ]

    public static func canonical(_ raw: String) -> String {
        let text = raw.trimmingSpaces()
        guard let schemeEnd = text.firstMatch(of: "://") else { return text }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return text }
        var rest = text[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = rest[..<hostEnd].lowercased()
        if let userEnd = host.lastIndex(of: "@") { host = String(host[host.index(after: userEnd)...]) }
        // Trailing dots and the default port, until neither is left ("0../", "h:80."): canonical once is
        // canonical for good.
        while true {
            let before = host
            while host.hasSuffix(".") { host.removeLast() }
            if scheme == "http" && host.hasSuffix(":80") { host.removeLast(3) }
            if scheme == "https" && host.hasSuffix(":443") { host.removeLast(4) }
            if host == before { break }
        }
        let path = rest[hostEnd...].isEmpty ? "/" : String(rest[hostEnd...])
        var kept: [Substring] = []
        for parameter in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let name = parameter.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            if name.hasPrefix("utm_") || trackingParameters.contains(name) { continue }
            kept.append(parameter)
        }
        return scheme + "://" + host + path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }
}
