import NewsdeskFeed

/// An OPML file's bytes; an error for "not OPML" is an answer, not a failure.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? OPML.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
