import Foundation
import Testing

@testable import NewsdeskHTML

/// One page of the charset fixtures, as `Resources/charset/manifest.json` describes it.
struct CharsetCase: Decodable, CustomTestStringConvertible, Sendable {
    var file: String
    var charset: String
    var title: String
    var phrase: String

    var testDescription: String { file }

    static let all: [CharsetCase] = {
        do {
            let data = try Data(contentsOf: Fixtures.url("charset/manifest.json"))
            return try JSONDecoder().decode([CharsetCase].self, from: data)
        } catch {
            print("cannot read the charset manifest: \(error)")
            return []
        }
    }()
}

@Suite struct CharsetTests {
    @Test func manifestIsComplete() {
        #expect(CharsetCase.all.count == 17)
    }

    @Test(arguments: CharsetCase.all)
    func decodesEachCharset(_ page: CharsetCase) throws {
        let bytes = try Fixtures.bytes("charset/" + page.file)
        let decoded = PageDecoder.decode(bytes)
        #expect(decoded.charset == page.charset)
        let document = try HTMLParser.parse(bytes)
        let heading = try #require(document.elements(.h1).first)
        #expect(document.text(of: heading) == page.title)
        #expect(document.text(of: HTMLDocument.root).contains(page.phrase))
    }

    @Test func httpCharsetOverridesTheDeclaration() throws {
        let bytes: [UInt8] = Array("<meta charset=\"utf-8\"><p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        let decoded = PageDecoder.decode(bytes, transportCharset: "iso-8859-1")
        #expect(decoded.charset == "WINDOWS-1252")
        #expect(String(decoding: decoded.utf8, as: UTF8.self).contains("café"))
    }

    @Test func invalidBytesInUTF8BecomeReplacementCharacters() throws {
        let bytes: [UInt8] = Array("<p>Ünïcödé text ".utf8) + [0xFF, 0xC3] + Array(" more Ünïcödé</p>".utf8)
        let decoded = PageDecoder.decode(bytes)
        #expect(decoded.charset == "UTF-8")
        let document = try HTMLParser.parse(bytes)
        #expect(document.text(of: HTMLDocument.root) == "Ünïcödé text \u{FFFD}\u{FFFD} more Ünïcödé")
    }

    @Test func labelsResolveToConverters() {
        #expect(Charset.resolve("ISO-8859-1") == "WINDOWS-1252")
        #expect(Charset.resolve(" gb2312 ") == "GB18030")
        #expect(Charset.resolve("Shift_JIS") == "CP932")
        #expect(Charset.resolve("euc-kr") == "CP949")
        #expect(Charset.resolve("koi8-r") == "KOI8-R")
        #expect(Charset.resolve("iso-8859-15") == "ISO-8859-15")
        #expect(Charset.resolve("no-such-charset") == nil)
    }

    @Test func metaDeclarationsAreFound() {
        #expect(CharsetSniffer.declaredCharset(Array("<html><head><meta charset='KOI8-R'>".utf8)) == "koi8-r")
        #expect(
            CharsetSniffer.declaredCharset(
                Array("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Windows-1251\">".utf8))
                == "windows-1251")
        #expect(CharsetSniffer.declaredCharset(Array("<meta name=\"description\" content=\"charset=x\">".utf8)) == nil)
    }
}
