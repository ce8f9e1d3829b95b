import Testing

@testable import NewsdeskHTML

@Suite("Canonical URLs")
struct CanonicalURLTests {
    @Test(arguments: [
        (
            "HTTPS://WWW.Example.com:443/News/Story-1?utm_source=twitter&utm_medium=social&id=7#comments",
            "https://www.example.com/News/Story-1?id=7"
        ),
        ("http://example.com:80/a?fbclid=IwAR0x&gclid=abc", "http://example.com/a"),
        ("https://example.com/world/story.html?amp=1&page=2&cmpid=rss", "https://example.com/world/story.html?page=2"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/a?b=1&&c=2  ", "https://example.com/a?b=1&c=2"),
        ("mailto:desk@example.com", "mailto:desk@example.com"),
    ])
    func removesWhatDoesNotNameThePage(_ raw: String, _ expected: String) {
        #expect(CanonicalURL.canonical(raw) == expected)
    }
}
