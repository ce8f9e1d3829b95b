import Testing

@testable import NewsdeskStories

@Suite("Reading figures")
struct FigureReaderTests {
    /// The figures of a text as "written = value unit (counts)".
    static func read(_ text: String) -> [String] {
        FigureReader.figures(in: text).map { figure in
            let value = figure.value == figure.value.rounded() ? String(Int(figure.value)) : String(figure.value)
            return "\(figure.written) = \(value) \(figure.unit) (\(figure.counts))"
        }
    }

    @Test func numbersInDigitsInEveryNotation() {
        #expect(Self.read("1,000 people fled.") == ["1,000 = 1000 person (people fled)"])
        #expect(Self.read("1.000 Menschen flohen.") == ["1.000 = 1000 menschen (menschen)"])
        #expect(Self.read("1\u{A0}000 personnes.") == ["1\u{A0}000 = 1000 personne (personnes)"])
        #expect(Self.read("Un couloir de 3,7 km.") == ["3,7 km = 3700 m (length couloir)"])
        #expect(Self.read("It cost 1.234,5 euros.") == ["1.234,5 euros = 1234.5 EUR (sum cost)"])
    }

    @Test func unitsAndCurrenciesCompareInBaseUnits() {
        let corridor = FigureReader.figures(in: "A 6km (3.7 miles) corridor, then 6 kilometres more.")
        #expect(corridor.map(\.written) == ["6km", "3.7 miles", "6 kilometres"])
        #expect(corridor.allSatisfy { $0.unit == "m" && $0.dimension == "length" })
        #expect(corridor[0].agrees(with: corridor[1]) && corridor[0].agrees(with: corridor[2]))
        #expect(
            Self.read("It pledged $150 billion in clean-energy initiatives and £2bn more.") == [
                "$150 billion = 150000000000 USD (sum in clean-energy initiatives)", "£2bn = 2000000000 GBP (sum)",
            ])
        #expect(Self.read("Turnout was 64 per cent.") == ["64 per cent = 64 % (share)"])
    }

    @Test func numbersInWordsAndQualifiers() {
        let seed = FigureReader.figures(
            in:
                "The strike killed at least 33 people. Nearly one million are displaced. Three soldiers died; dozens were hurt."
        )
        #expect(seed.map(\.written) == ["at least 33", "Nearly one million", "Three", "dozens"])
        #expect(seed.map(\.qualifier) == [.atLeast, .nearly, .exact, .exact])
        #expect(seed.map(\.counts) == ["people killed", "displaced", "soldiers died", "hurt"])
        #expect(seed[2].unit == "soldier")
        #expect((seed[3].low, seed[3].high) == (24, 99))
        #expect(Self.read("tens of thousands marched") == ["tens of thousands = 20000  (marched)"])
        #expect(Self.read("after a two-year investigation") == ["two-year = 63115200 s (duration)"])
        #expect(
            Self.read("Five hundred and eighty-four days after it began")
                == ["Five hundred and eighty-four days = 50457600 s (duration)"])
    }

    @Test func datesTimesYearsAndNamesAreNoFigures() {
        #expect(Self.read("On March 3 at 10:30 a.m. in 2019, the F-35 and COVID-19 on Route 66 finished 21st.") == [])
    }

    @Test func agesAreReadAsAges() {
        #expect(
            Self.read("The 34-year-old and John Smith, 52, met.") == ["34-year-old = 34 y (age)", "52 = 52 y (age)"])
        #expect(Self.read("She was 34 years old.") == ["34 years old = 34 y (age)"])
        #expect(Self.read("His age, 75, could be a problem.") == ["75 = 75 y (age)"])
    }

    @Test func rangesTalliesOrdinalsAndTheNounCounted() {
        #expect(Self.read("The House approved the plan 234-193.") == ["234 = 234  (plan)", "193 = 193  ()"])
        #expect(Self.read("She won by a 134-to-63 vote.") == ["134 = 134  (won)", "63 = 63 vote (vote)"])
        #expect(
            Self.read("the creation of a 40-60 hour training program")
                == ["40 = 144000 s (duration creation)", "60 hour = 216000 s (duration)"])
        #expect(Self.read("on the 14th day of the shutdown") == ["14th day = 1209600 s (duration)"])
        #expect(Self.read("It had changed only one word.") == ["one = 1 word (word)"])
        #expect(Self.read("The two men left.") == ["two = 2 man (men)"])
        #expect(Self.read("He indicted 12 Russian intelligence officers.") == ["12 = 12 officer (officers)"])
        #expect(Self.read("named in the 48-page indictment") == ["48 = 48 page (page)"])
        #expect(Self.read("signed nearly two-dozen executive actions") == ["nearly two-dozen = 24 action (actions)"])
    }

    @Test func roundedNumbersAgreeWithTheirExactForm() {
        let figures = FigureReader.figures(
            in:
                "$43 million. $43,885,310. $139 million. $141 million. 43,000 and 43,350. 33 and 34. $3.5 billion, $3.6 billion, $3,580 million."
        )
        #expect(figures[0].agrees(with: figures[1]))
        #expect(!figures[2].agrees(with: figures[3]))
        #expect(figures[4].agrees(with: figures[5]))
        #expect(!figures[6].agrees(with: figures[7]))
        // Written to one place, the digits must be the same; a more precise sum may have been cut down.
        #expect(!figures[8].agrees(with: figures[9]))
        #expect(figures[8].agrees(with: figures[10]) && figures[9].agrees(with: figures[10]))
    }
}
