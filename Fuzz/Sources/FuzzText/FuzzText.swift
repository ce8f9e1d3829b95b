import NewsdeskCheck

let cleaner = TextCleaner()
let checker = ArticleChecker()

/// Scraped text through cleaning and the damage checks, and the cleaned text
/// through the checks again, as `newsdesk clean --check` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let cleaned = cleaner.clean(text)
    _ = checker.check(text)
    _ = checker.check(cleaned.text)
    return 0
}
