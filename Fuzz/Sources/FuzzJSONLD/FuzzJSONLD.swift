import NewsdeskExtract

let extractor = ArticleExtractor()

/// The JSON-LD reader (`JSONLDFacts`, `LenientJSON`) is internal to the
/// extractor, so the input is wrapped as a page's only `ld+json` script; the
/// body is short so most of the time goes to the metadata.
let head = Array(#"<!DOCTYPE html><html><head><title>t</title><script type="application/ld+json">"#.utf8)
let tail = Array("</script></head><body><article><p>Body text.</p></article></body></html>".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let page = head + UnsafeBufferPointer(start: data, count: size) + tail
    _ = try? extractor.extract(page, url: "https://news.example.com/a/b.html")
    return 0
}
