/// Guesses a text's language from its script and, for scripts many languages
/// share, from its most frequent short words.
enum LanguageDetector {
    private static let stopwords: [(String, Set<String>)] = [
        (
            "en",
            ["the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "with", "on", "as", "are", "this", "by"]
        ),
        (
            "de",
            [
                "der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "auf", "für",
                "auch", "dem",
            ]
        ),
        (
            "fr",
            [
                "le", "la", "les", "et", "des", "est", "une", "un", "du", "que", "pour", "dans", "qui", "pas", "sur",
                "au",
            ]
        ),
        (
            "es",
            ["el", "la", "los", "las", "y", "que", "del", "en", "un", "una", "por", "con", "para", "es", "se", "al"]
        ),
        (
            "it",
            ["il", "di", "che", "e", "la", "per", "un", "una", "non", "sono", "del", "della", "gli", "le", "con", "è"]
        ),
        ("pt", ["o", "a", "os", "as", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "se"]),
        (
            "nl",
            [
                "de", "het", "een", "en", "van", "is", "dat", "op", "te", "zijn", "niet", "met", "voor", "ook", "wordt",
                "maar",
            ]
        ),
        ("pl", ["i", "w", "na", "nie", "z", "się", "to", "że", "jest", "do", "o", "jak", "ale", "po", "co", "od"]),
        (
            "sv",
            [
                "och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "inte", "om",
                "ett",
            ]
        ),
        (
            "da",
            ["og", "at", "det", "er", "en", "til", "på", "med", "for", "af", "den", "ikke", "har", "som", "de", "vi"]
        ),
        (
            "tr",
            ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "ama", "olan", "değil"]
        ),
        (
            "id",
            ["yang", "dan", "di", "itu", "dengan", "untuk", "tidak", "ini", "dari", "dalam", "akan", "pada", "juga"]
        ),
        ("cs", ["a", "se", "na", "je", "v", "že", "to", "s", "z", "do", "jsou", "ale", "jako", "by", "pro", "tak"]),
        ("ro", ["și", "de", "în", "la", "că", "cu", "pe", "este", "din", "nu", "un", "o", "pentru", "mai", "care"]),
        ("hu", ["a", "az", "és", "hogy", "nem", "is", "egy", "van", "meg", "de", "ez", "már", "csak", "mint"]),
        ("fi", ["ja", "on", "ei", "että", "se", "oli", "hän", "ovat", "myös", "kun", "mutta", "tai", "joka"]),
    ]

    private static let cyrillicStopwords: [(String, Set<String>)] = [
        ("ru", ["и", "в", "не", "на", "что", "с", "как", "это", "по", "он", "но", "из", "его", "к", "для", "от"]),
        ("uk", ["і", "в", "не", "на", "що", "з", "як", "це", "та", "до", "від", "він", "але", "для", "й", "у"]),
        ("bg", ["и", "в", "на", "да", "се", "не", "от", "за", "е", "че", "с", "са", "по", "това", "като"]),
    ]

    static func detect(_ text: String) -> String? {
        var counts: [DetectorScript: Int] = [:]
        var sampled = 0
        for scalar in text.unicodeScalars {
            guard scalar.properties.isAlphabetic else { continue }
            counts[DetectorScript(scalar), default: 0] += 1
            sampled += 1
            if sampled > 3000 { break }
        }
        guard sampled >= 20, let (script, _) = counts.max(by: { $0.value < $1.value }) else { return nil }
        switch script {
        case .han:
            return (counts[.kana] ?? 0) * 10 > sampled ? "ja" : "zh"
        case .kana: return "ja"
        case .hangul: return "ko"
        case .arabic: return "ar"
        case .hebrew: return "he"
        case .greek: return "el"
        case .thai: return "th"
        case .devanagari: return "hi"
        case .cyrillic: return bestByStopwords(text, cyrillicStopwords)
        case .latin: return bestByStopwords(text, stopwords)
        case .other: return nil
        }
    }

    private static func bestByStopwords(_ text: String, _ table: [(String, Set<String>)]) -> String? {
        var scores = [Int](repeating: 0, count: table.count)
        var words = 0
        // A few hundred words decide it; lower-casing the whole text would cost more than the rest.
        for word in text.prefix(4000).lowercased().split(whereSeparator: { !$0.isLetter }).prefix(600) {
            words += 1
            let key = String(word)
            for (index, entry) in table.enumerated() where entry.1.contains(key) {
                scores[index] += 1
            }
        }
        guard words >= 5, let best = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[best] > 0 else {
            return nil
        }
        return table[best].0
    }
}

private enum DetectorScript: Hashable {
    case latin, cyrillic, greek, arabic, hebrew, han, kana, hangul, thai, devanagari, other

    init(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x41...0x24F, 0x1E00...0x1EFF: self = .latin
        case 0x370...0x3FF: self = .greek
        case 0x400...0x52F: self = .cyrillic
        case 0x590...0x5FF: self = .hebrew
        case 0x600...0x6FF, 0x750...0x77F: self = .arabic
        case 0x900...0x97F: self = .devanagari
        case 0xE00...0xE7F: self = .thai
        case 0x3040...0x30FF: self = .kana
        case 0x3400...0x9FFF, 0xF900...0xFAFF: self = .han
        case 0xAC00...0xD7A3, 0x1100...0x11FF: self = .hangul
        default: self = .other
        }
    }
}
