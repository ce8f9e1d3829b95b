import Foundation
import Testing

@testable import NewsdeskHTML

@Suite struct SanitizerTests {
    let sanitizer = HTMLSanitizer()

    @Test(arguments: [
        (
            #"<script>alert(1)</script><p onclick="x()">Hi <a href="javascript:alert(1)">link</a></p>"#,
            "<p>Hi <a>link</a></p>"
        ),
        (#"<a href="jav&#x09;ascript:alert(1)">x</a>"#, "<a>x</a>"),
        (#"<a href=" JaVaScRiPt:alert(1)">x</a>"#, "<a>x</a>"),
        (#"<a href="vbscript:msgbox(1)">x</a>"#, "<a>x</a>"),
        (#"<img src="data:text/html;base64,PHNjcmlwdD4=" onerror="alert(1)" alt="a">"#, #"<img alt="a" />"#),
        (#"<div style="background:url(javascript:x);width:expression(alert(1))">t</div>"#, "<div>t</div>"),
        (#"<iframe src="http://evil.example/"></iframe><object data="x"><embed src="y"></object>"#, ""),
        (#"<meta http-equiv="refresh" content="0;url=http://evil.example/">text"#, "<p>text</p>"),
        (#"<form action="/x"><input value="secret">label</form>after"#, "after"),
        (#"<svg><script>alert(1)</script></svg><math><mi>x</mi></math>"#, ""),
        (#"<blink>unknown</blink> <b>bold</b>"#, "unknown <b>bold</b>"),
        (#"<p>Fish &amp; chips &lt;3</p>"#, "<p>Fish &amp; chips &lt;3</p>"),
        (
            #"<table><tr><td colspan="2" bgcolor="red">x</td></tr></table>"#,
            #"<table><tr><td colspan="2">x</td></tr></table>"#
        ),
    ])
    func removesWhatIsDangerous(_ input: String, _ expected: String) {
        #expect(sanitizer.sanitize(input) == expected)
    }

    @Test func makesLinksAbsolute() {
        #expect(
            sanitizer.sanitize(#"<a href="/news/1">one</a> <img src="pic.jpg">"#, baseURL: "https://example.com/a/b")
                == #"<a href="https://example.com/news/1">one</a> <img src="https://example.com/a/pic.jpg" />"#)
        #expect(
            sanitizer.sanitize(#"<a href="mailto:desk@example.com">mail</a>"#)
                == #"<a href="mailto:desk@example.com">mail</a>"#)
    }

    /// Every HTML payload of feedparser's sanitize cases comes out without a
    /// dangerous construct (the same test the conformance runner applies).
    @Test func feedparserSanitizeCases() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "shared/conformance/feedparser/cases/wellformed/sanitize")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xml") }
        #expect(files.count == 559)
        let bad = try NSRegularExpression(
            pattern:
                #"<\s*script|<\s*iframe|<\s*object|<\s*embed|<\s*applet|<\s*meta|<\s*link\b|<\s*base\b|<\s*form|\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|expression\s*\(|-moz-binding|data\s*:\s*text/html"#,
            options: [.caseInsensitive])
        var payloads = 0
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(file)))
            // The feed's text holds the escaped HTML; the HTML parser unescapes it.
            let feed = try HTMLParser.parse(bytes)
            for index in feed.nodes.indices where feed.nodes[index].kind == .text {
                let payload = feed.content(of: index)
                guard payload.contains("<") else { continue }
                payloads += 1
                let clean = sanitizer.sanitize(payload, baseURL: "http://example.com/")
                let range = NSRange(clean.startIndex..., in: clean)
                #expect(bad.firstMatch(in: clean, range: range) == nil, "\(file): \(clean)")
            }
        }
        #expect(payloads > 400)
    }
}
