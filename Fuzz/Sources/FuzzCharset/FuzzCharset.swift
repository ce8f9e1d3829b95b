import NewsdeskHTML

/// Charsets a server might name; the first byte picks one (or none), so the
/// transport path is fuzzed alongside sniffing and detection.
let transportCharsets: [String?] = [
    nil, "utf-8", "utf-16", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1", "iso-8859-2", "shift_jis",
    "euc-jp", "iso-2022-jp", "gb2312", "gb18030", "big5", "euc-kr", "koi8-r", "windows-1251", "x-unknown",
]

/// Page bytes through charset decoding. The decoder's output is what the HTML
/// parser reads as UTF-8, so it must be valid UTF-8 whatever came in.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let charset = bytes.first.flatMap { transportCharsets[Int($0) % transportCharsets.count] }
    let decoded = PageDecoder.decode(bytes, transportCharset: charset)
    if String(validating: decoded.utf8, as: UTF8.self) == nil {
        fatalError("PageDecoder produced invalid UTF-8 (read as \(decoded.charset), transport \(charset ?? "none"))")
    }
    return 0
}
