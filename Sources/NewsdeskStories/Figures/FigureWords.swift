/// The words figures are read with: numbers written out, scales, units and currencies, the qualifiers
/// before a number, and the words around one that say it is not a figure (a date, a time, an age, a name).
/// English first, with the commonest German, French, Spanish and Italian forms.
enum FigureWords {
    /// Numbers written as words. "one" is left out (it is a pronoun more often than a figure) unless a
    /// scale follows, as are words that are also English words ("once", "elf", "sept", "miles").
    static let numbers: [String: Double] = {
        var table: [String: Double] = [
            "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
            "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
            "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
            "zwölf": 12, "zwanzig": 20, "dreißig": 30, "hundert": 100,
            "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8, "neuf": 9, "dix": 10, "douze": 12,
            "vingt": 20, "trente": 30,
            "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
            "doce": 12, "veinte": 20, "treinta": 30, "cien": 100,
            "due": 2, "quattro": 4, "cinque": 5, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "venti": 20,
        ]
        let tens: [(String, Double)] = [
            ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70),
            ("eighty", 80), ("ninety", 90),
        ]
        let ones = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        for (word, value) in tens {
            table[word] = value
            for (offset, one) in ones.enumerated() { table[word + "-" + one] = value + Double(offset + 1) }
        }
        return table
    }()

    /// Every word a number in words can start with.
    static let numberStarts: Set<String> = Set(numbers.keys).union(vague.keys).union(["a", "an", "one", "half", "tens"])

    /// Words that multiply the number before them.
    static let scales: [String: Double] = [
        "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
        "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "crore": 1e7, "lakh": 1e5,
        "tausend": 1e3, "mio": 1e6, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
        "mille": 1e3, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
        "mil": 1e3, "millón": 1e6, "millones": 1e6, "milioni": 1e6, "milione": 1e6, "miliardi": 1e9,
    ]

    /// Scales written straight after digits: "$5bn", "10m", "3k".
    static let gluedScales: [String: Double] = ["bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12]

    /// Words that stand for a vague number: its least and greatest reading.
    static let vague: [String: (low: Double, high: Double)] = [
        "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
        "millions": (2e6, 9.99e6), "billions": (2e9, 9.99e9),
        "dutzende": (24, 99), "hunderte": (200, 999), "tausende": (2_000, 9_999),
        "dizaines": (20, 99), "centaines": (200, 999), "milliers": (2_000, 9_999),
        "decenas": (20, 99), "cientos": (200, 999), "centenares": (200, 999), "miles": (2_000, 9_999),
        "decine": (20, 99), "centinaia": (200, 999), "migliaia": (2_000, 9_999),
    ]

    enum Dimension: String, Sendable {
        case count, money, length, area, mass, percent, points, duration, speed
    }

    struct Unit {
        var dimension: Dimension
        /// The base unit's key: "m", "m2", "kg", "%", "s", "m/s", or a currency code.
        var key: String
        /// How many base units one of this is.
        var factor: Double
    }

    /// Units written after a number, one word (or glued to it: "6km", "50%").
    static let units: [String: Unit] = {
        var table: [String: Unit] = [:]
        func add(_ words: [String], _ dimension: Dimension, _ key: String, _ factor: Double) {
            for word in words { table[word] = Unit(dimension: dimension, key: key, factor: factor) }
        }
        add(
            ["km", "kilometres", "kilometers", "kilometre", "kilometer", "kilómetros", "kilomètres"], .length, "m", 1000
        )
        add(["miles", "mile", "mi"], .length, "m", 1609.344)
        add(["metres", "meters", "metre", "meter", "metros", "mètres", "meter"], .length, "m", 1)
        add(["feet", "foot", "ft"], .length, "m", 0.3048)
        add(["yards", "yard"], .length, "m", 0.9144)
        add(["cm", "centimetres", "centimeters"], .length, "m", 0.01)
        add(["inches", "inch"], .length, "m", 0.0254)
        add(["hectares", "hectare", "ha"], .area, "m2", 1e4)
        add(["acres", "acre"], .area, "m2", 4046.856)
        add(["km2", "km²"], .area, "m2", 1e6)
        add(["kg", "kilograms", "kilogrammes", "kilos", "kilo"], .mass, "kg", 1)
        add(["tonnes", "tons", "tonne", "ton", "tonnen", "toneladas"], .mass, "kg", 1000)
        add(["lb", "lbs"], .mass, "kg", 0.45359)
        add(["percent", "prozent", "%"], .percent, "%", 1)
        add(["seconds", "second", "secs"], .duration, "s", 1)
        add(["minutes", "minute", "mins", "minuten"], .duration, "s", 60)
        add(["hours", "hour", "hrs", "stunden", "heures", "horas"], .duration, "s", 3600)
        add(["days", "day", "tage", "tagen", "jours", "días", "giorni"], .duration, "s", 86_400)
        add(["weeks", "week", "wochen", "semaines", "semanas"], .duration, "s", 604_800)
        add(["months", "month", "monate", "monaten", "mois", "meses", "mesi"], .duration, "s", 2_629_800)
        add(["years", "year", "jahre", "jahren", "ans", "años", "anni"], .duration, "s", 31_557_600)
        add(["mph"], .speed, "m/s", 0.44704)
        add(["kph", "km/h"], .speed, "m/s", 0.277_778)
        add(["dollars", "dollar", "usd"], .money, "USD", 1)
        add(["euros", "euro", "eur"], .money, "EUR", 1)
        add(["sterling", "gbp"], .money, "GBP", 1)
        add(["yen", "jpy"], .money, "JPY", 1)
        add(["yuan", "renminbi", "cny"], .money, "CNY", 1)
        add(["rupees", "inr"], .money, "INR", 1)
        add(["roubles", "rubles"], .money, "RUB", 1)
        add(["francs", "chf"], .money, "CHF", 1)
        return table
    }()

    /// Units glued after digits that are written as letters only after a number ("6km", "10mi", "5kg").
    static let gluedUnits: Set<String> = ["km", "mi", "m", "ft", "cm", "kg", "lb", "lbs", "ha", "km2", "mph", "kph"]

    /// Currency signs before a number, with what may be glued before the sign ("US$", "A$", "HK$").
    static let currencySigns: [String: String] = [
        "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
    ]
    static let dollarPrefixes: [String: String] = [
        "us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "nz": "NZD", "hk": "HKD", "s": "SGD",
        "r": "BRL",
    ]

    typealias Qualifier = Figure.Qualifier

    /// Words before a number that qualify it, longest first so "no more than" wins over "more than".
    static let qualifiers: [(words: [String], qualifier: Qualifier)] = {
        let table: [(String, Qualifier)] = [
            ("at least", .atLeast), ("no fewer than", .atLeast), ("no less than", .atLeast), ("a minimum of", .atLeast),
            ("more than", .moreThan), ("over", .moreThan), ("upwards of", .moreThan), ("in excess of", .moreThan),
            ("above", .moreThan), ("nearly", .nearly), ("almost", .nearly), ("close to", .nearly),
            ("just under", .nearly), ("just shy of", .nearly), ("about", .about), ("around", .about),
            ("approximately", .about), ("roughly", .about), ("some", .about), ("an estimated", .about),
            ("estimated", .about), ("circa", .about), ("up to", .upTo), ("as many as", .upTo),
            ("as much as", .upTo), ("at most", .upTo), ("no more than", .upTo), ("fewer than", .fewerThan),
            ("less than", .fewerThan), ("under", .fewerThan), ("below", .fewerThan),
            ("exactly", .exact), ("precisely", .exact),
            ("mindestens", .atLeast), ("mehr als", .moreThan), ("über", .moreThan), ("fast", .nearly),
            ("knapp", .nearly), ("rund", .about), ("etwa", .about), ("ungefähr", .about), ("ca", .about),
            ("bis zu", .upTo), ("weniger als", .fewerThan),
            ("au moins", .atLeast), ("plus de", .moreThan), ("près de", .nearly), ("presque", .nearly),
            ("environ", .about), ("quelque", .about), ("jusqu'à", .upTo), ("moins de", .fewerThan),
            ("al menos", .atLeast), ("por lo menos", .atLeast), ("más de", .moreThan), ("casi", .nearly),
            ("unos", .about), ("unas", .about), ("alrededor de", .about), ("aproximadamente", .about),
            ("cerca de", .nearly), ("hasta", .upTo), ("menos de", .fewerThan),
            ("almeno", .atLeast), ("oltre", .moreThan), ("quasi", .nearly), ("circa", .about),
        ]
        return table.map { (String($0.0).split(separator: " ").map(String.init), $0.1) }
            .sorted { $0.words.count > $1.words.count }
    }()

    /// Month names: a number beside one is a date.
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
        "ottobre", "dicembre",
    ]

    /// Words after a number that make it a time of day.
    static let clockWords: Set<String> = [
        "a.m", "p.m", "am", "pm", "gmt", "utc", "bst", "est", "edt", "pst", "pdt", "cet", "cest", "uhr", "h",
        "o'clock",
    ]

    /// Words before a number that make it a name or a place in a list, not a quantity.
    static let labelWords: Set<String> = [
        "no", "nos", "number", "route", "flight", "article", "section", "chapter", "page", "pages", "room",
        "highway", "interstate", "level", "category", "stage", "phase", "version", "season", "episode", "tier",
        "grade", "platform", "gate", "terminal", "row", "seat", "district", "precinct", "ward", "unit", "block",
        "lot", "box", "apartment", "suite", "resolution", "amendment", "paragraph", "clause", "title", "vol",
        "volume", "issue", "fig", "figure", "table", "model", "windows", "iphone", "ios", "android", "boeing",
        "airbus", "apollo", "covid", "covid-19", "g", "top", "bus", "line", "lane", "street", "avenue", "hwy",
        "aged", "age", "ages", "uhr", "nummer", "numéro", "número", "artikel", "kapitel", "year",
    ]

    /// What an ordinal before it numbers as a count: "the 35th day", "its 3rd week".
    static let orderedNouns: Set<String> = ["day", "week", "month", "round", "session", "term"]

    /// The words of the qualifiers, which say nothing of what a figure is.
    static let qualifierWords: Set<String> = Set(qualifiers.flatMap(\.words)).union(["only", "just", "exactly"])

    /// Plurals without an s, for finding the noun a number counts.
    static let irregularPlurals: Set<String> = [
        "people", "men", "women", "children", "police", "personnel", "staff", "cattle", "mice", "geese", "feet",
        "teeth", "leute", "menschen", "personnes", "gente", "persone",
    ]

    /// Words before a number written as a word that make it a place in a series, not a figure ("the first
    /// two", "every three").
    static let determiners: Set<String> = [
        "every", "each", "first", "last", "next", "other",
    ]

    /// Words that follow a figure and say what happened to what it counts.
    static let eventWords: Set<String> = [
        "killed", "dead", "died", "die", "deaths", "injured", "wounded", "hurt", "missing", "displaced", "arrested",
        "detained", "evacuated", "rescued", "infected", "fled", "hospitalized", "hospitalised", "charged",
        "deported", "released", "freed", "held", "trapped", "affected", "employed", "hired", "fired", "lost",
        "sold", "raised", "spent", "paid", "fined", "voted", "elected", "sentenced", "convicted", "executed",
        "confirmed", "recorded", "reported", "destroyed", "damaged", "burned", "cut", "added", "created",
        "surveyed", "polled", "tested", "vaccinated", "stranded", "homeless", "without", "attended", "gathered",
        "marched", "protested", "got", "received", "won", "casualties", "toll",
    ]

    /// Nouns counted together: a figure of one compares with a figure of another.
    static let nounClasses: [String: String] = [
        "people": "person", "person": "person", "persons": "person", "individual": "person", "resident": "person",
        "civilian": "person", "victim": "person", "casualty": "person", "soul": "person", "life": "person",
        "lives": "person", "death": "person", "fatality": "person", "body": "person", "bodies": "person",
        "soldier": "soldier", "troop": "soldier", "serviceman": "soldier", "servicemember": "soldier",
        "servicemen": "soldier", "personnel": "soldier",
        "kid": "child", "children": "child", "child": "child", "minor": "child",
        "men": "man", "women": "woman", "vote": "vote", "ballot": "vote", "house": "home", "home": "home",
        "dwelling": "home", "job": "job", "worker": "worker", "employee": "worker", "staff": "worker",
    ]

    /// Words that are no noun for a figure to count.
    static let notCounted: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is",
        "are", "was", "were", "be", "been", "have", "has", "had", "will", "would", "could", "should", "may",
        "might", "that", "this", "which", "who", "it", "they", "he", "she", "we", "than", "more", "per", "after",
        "before", "since", "into", "across", "over", "under", "about", "when", "where", "while", "so", "if", "then",
        "times", "percent", "other", "others", "each", "a.m", "p.m", "am", "pm", "including", "among", "toward",
        "towards", "via", "against", "through", "during", "within", "between", "like", "because",
        "de", "des", "du", "la", "le", "les", "et", "en", "à", "die", "der", "das", "und", "von", "im", "el", "los",
        "las", "y", "del", "di", "e", "il", "per",
    ]

    /// Common words left out of a figure's context.
    static let stopWords: Set<String> = notCounted.union([
        "not", "no", "said", "says", "say", "also", "there", "their", "them", "his", "her", "its", "our", "out",
        "up", "down", "off", "all", "some", "any", "only", "just", "than", "then", "what", "how", "why", "least",
        "nearly", "almost", "around", "approximately", "roughly", "estimated", "told", "according", "mr", "mrs",
        "ms", "him", "been", "being", "do", "does", "did", "can", "one", "two", "new", "year", "years", "last",
        "first", "week", "day", "days", "month", "people",
    ])

    /// A word's plural folded and case lowered, so "Soldiers" and "soldier" are one (as story terms fold them).
    static func lemma(_ word: String) -> String {
        StoryTerms.foldPlural(word.lowercased())
    }

    /// The class a counted noun compares in.
    static func nounClass(_ word: String) -> String {
        let lower = word.lowercased()
        return nounClasses[lower] ?? nounClasses[lemma(lower)] ?? lemma(lower)
    }
}
