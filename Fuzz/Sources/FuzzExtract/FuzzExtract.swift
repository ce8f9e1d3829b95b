import NewsdeskExtract

/// Built once: the extractor holds no per-page state.
let extractor = ArticleExtractor()

/// A page's bytes through the whole extraction (charset, parse, metadata, body, rendering).
/// The URL is given so relative links and the canonical URL are resolved too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? extractor.extract(bytes, url: "https://news.example.com/2024/05/story.html")
    return 0
}
