import NewsdeskFeed

/// A feed's bytes: RSS, Atom and RDF go through the XML reader, and input that
/// starts like JSON through the JSON Feed parser. Every other input byte goes
/// to the one call with HTTP headers, so the header paths (charset, base, language) run as well.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if size % 2 == 0 {
        _ = FeedParser.parse(bytes)
    } else {
        _ = FeedParser.parse(
            bytes, url: "http://feeds.example.org/news/rss.xml",
            headers: [
                "Content-Type": "application/xml; charset=iso-8859-1", "Content-Language": "en-GB",
                "Content-Location": "../other/",
            ])
    }
    return 0
}
