import Testing

@testable import NewsdeskStore

@Suite struct SearchSnippetTests {
    static let text =
        "The council met on Monday. After a long debate about the budget, the mayor said the city's police "
        + "would get more officers next year, and that the Café Müller building would be sold to pay for them."

    @Test func theWindowWithTheMostTermsIsShownWithItsMatchesMarked() {
        let snippet = SearchSnippet.make(Self.text, terms: FullTextQuery.terms("police officers"), size: 8)
        #expect(snippet == "…city's «police» would get more «officers» next…")
    }

    @Test func aPhraseIsMarkedOnlyWhereItsWordsFollowEachOther() {
        let terms = FullTextQuery.terms("\"the budget\" council")
        #expect(terms == [FullTextQuery.Term(words: ["the", "budget"]), FullTextQuery.Term(words: ["council"])])
        let snippet = SearchSnippet.make(Self.text, terms: terms, size: 16)
        #expect(snippet == "The «council» met on Monday. After a long debate about «the» «budget», the mayor said the…")
    }

    @Test func prefixesCaseAndAccentsMatchAsTheIndexMatchesThem() {
        let terms = FullTextQuery.terms("CAFE mull*")
        #expect(terms == [FullTextQuery.Term(words: ["CAFE"]), FullTextQuery.Term(words: ["mull"], isPrefix: true)])
        let snippet = SearchSnippet.make(Self.text, terms: terms, size: 6)
        #expect(snippet == "…that the «Café» «Müller» building would…")
    }

    @Test func withoutAMatchInTheTextTheOpeningIsShown() {
        #expect(
            SearchSnippet.make(Self.text, terms: FullTextQuery.terms("harbour"), size: 5)
                == "The council met on Monday…")
        #expect(SearchSnippet.make("Short text.", terms: FullTextQuery.terms("harbour")) == "Short text.")
        #expect(SearchSnippet.make("", terms: FullTextQuery.terms("harbour")) == "")
    }

    @Test func theTextsOwnGuillemetsAreNotTakenForMarks() {
        let snippet = SearchSnippet.make(
            "Il a dit « non » au budget, « pas ça ».", terms: FullTextQuery.terms("budget"))
        #expect(snippet == "Il a dit “ non ” au «budget», “ pas ça ”.")
    }
}
