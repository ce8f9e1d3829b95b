import Testing

@testable import NewsdeskHTML

@Suite struct HTMLEscapeTests {
    @Test func everyMarkupCharacterIsEscapedAndTheRestKeptWhole() {
        #expect(
            HTMLEscape.all("<a href=\"x\" title='y'>Tom & Jerry</a>")
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;")
        #expect(HTMLEscape.all("Zürich — «façade» 東京 👍🏽 <b>") == "Zürich — «façade» 東京 👍🏽 &lt;b&gt;")
        #expect(HTMLEscape.all("nothing to escape") == "nothing to escape")
        #expect(HTMLEscape.all("") == "")
    }

    @Test func textAndAttributesEscapeWhatTheirPlaceNeeds() {
        #expect(HTMLEscape.text("a < b & \"c\" 'd'") == "a &lt; b &amp; \"c\" 'd'")
        #expect(HTMLEscape.attribute("a < b & \"c\" 'd'") == "a &lt; b &amp; &quot;c&quot; 'd'")
    }
}
