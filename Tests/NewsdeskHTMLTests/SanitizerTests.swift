import Foundation
import Testing

@testable import NewsdeskHTML

@Suite struct SanitizerTests {
    let sanitizer = HTMLSanitizer()

    /// Plainly written markup takes the one-pass path; the result is the same kind of safe HTML.
    @Test(arguments: [
        (
            #"<p>Hi <a href="/x" class="c" onclick="f()">there</a>&nbsp;&#38;</p>"#,
            #"<p>Hi <a href="https://example.com/x">there</a>&nbsp;&#38;</p>"#
        ),
        (
            #"line<br>next<br/>last<img src="a.png" alt="A">"#,
            #"line<br />next<br />last<img src="https://example.com/a.png" alt="A" />"#
        ),
        (#"<p><a href="javascript:alert(1)">x</a></p>"#, "<p><a>x</a></p>"),
        // Unbalanced, or with elements that are not allowed: the full parse decides.
        (#"<p>open <b>bold</p>"#, "<p>open <b>bold</b></p>"),
        (#"<p>a</p><script>alert(1)</script>"#, "<p>a</p>"),
        (#"<p>Fish & chips</p>"#, "<p>Fish &amp; chips</p>"),
    ])
    func plainMarkup(_ input: String, _ expected: String) {
        #expect(HTMLSanitizer().sanitize(input, baseURL: "https://example.com/") == expected)
    }

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
        (#"<meta http-equiv="refresh" content="0;url=http://evil.example/">text"#, "text"),
        // An image named for a property of the document would replace it (the reader's keys used
        // document.getElementById); an anchor's name is not the document's.
        (#"<img src="x.png" name="getElementById"><a name="top">t</a>"#, #"<img src="x.png" /><a name="top">t</a>"#),
        (#"<p><img name=cookie src=y.png></p>"#, #"<p><img src="y.png" /></p>"#),
        // Found by the sanitiser's fuzzer: a <base> of another scheme made relative links javascript: ones.
        (
            "<base href=\"\u{1}javascript://%0aalert(document.domain)//\"><a href=\"/x\">click</a>",
            "<a href=\"/x\">click</a>"
        ),
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
        // A base the fragment gives itself counts only when it is a web address.
        #expect(
            sanitizer.sanitize(
                #"<base href="https://other.example/b/"><a href="x">x</a>"#, baseURL: "https://example.com/")
                == #"<a href="https://other.example/b/x">x</a>"#)
        #expect(
            sanitizer.sanitize(
                #"<base href="javascript:alert(1)//"><a href="x">x</a>"#, baseURL: "https://example.com/")
                == #"<a href="https://example.com/x">x</a>"#)
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
