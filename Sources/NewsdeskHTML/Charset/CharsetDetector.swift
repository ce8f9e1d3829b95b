/// Guesses the character set of bytes that declare none and are not UTF-8, by
/// decoding them with each candidate and scoring how much the result reads
/// like text: letters of one script per word, ordinary casing, few symbols.
package enum CharsetDetector {
    static let candidates = [
        "WINDOWS-1252", "ISO-8859-2", "WINDOWS-1250", "WINDOWS-1251", "KOI8-R", "ISO-8859-7",
        "WINDOWS-1254", "WINDOWS-1255", "WINDOWS-1256", "GB18030", "CP932", "EUC-JP", "CP949", "BIG5-HKSCS",
    ]

    /// How many bytes are looked at: enough for a verdict, bounded in cost.
    static let sampleLimit = 65_536

    package static func detect(_ bytes: [UInt8]) -> String {
        let sample = bytes.prefix(sampleLimit)
        let nonASCII = Double(sample.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) })
        var best = (charset: "WINDOWS-1252", score: Double(-Double.infinity))
        for candidate in candidates {
            guard let decoded = Transcoder.toUTF8(sample, from: candidate, maxErrors: 64) else { continue }
            let text = String(decoding: decoded.utf8, as: UTF8.self)
            var score = plausibility(text) - Double(decoded.errors) * 8
            // Browsers fall back to windows-1252; another charset must win clearly.
            if candidate != "WINDOWS-1252" { score -= 3 + nonASCII * 0.15 }
            if score > best.score {
                best = (candidate, score)
            }
        }
        return best.charset
    }

    enum Script: Equatable {
        case latin, cyrillic, greek, hebrew, arabic, han, kana, hangul, other
    }

    static func script(of scalar: Unicode.Scalar) -> Script {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x370...0x3FF: return .greek
        case 0x400...0x52F: return .cyrillic
        case 0x590...0x5FF: return .hebrew
        case 0x600...0x6FF: return .arabic
        case 0x3040...0x30FF: return .kana
        case 0x4E00...0x9FFF: return .han
        case 0xAC00...0xD7A3: return .hangul
        default: return .other
        }
    }

    /// A score for how much `text` reads like natural text; higher is better.
    static func plausibility(_ text: String) -> Double {
        var score = 0.0
        var word: [Unicode.Scalar] = []
        var hanRuns = 0
        var hanChars = 0

        func scoreWord() {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.contains(where: { $0.value >= 0x80 }) else { return }
            var scripts: [Script] = []
            for scalar in word {
                let s = script(of: scalar)
                if !scripts.contains(s) { scripts.append(s) }
            }
            let nonASCII = Double(word.filter { $0.value >= 0x80 }.count)
            if scripts.count > 1 || scripts.contains(.other) {
                // Kana and Han mix in Japanese; anything else mixed is a wrong decoding.
                if Set(scripts.map { $0 == .han || $0 == .kana ? Script.han : $0 }).count > 1
                    || scripts.contains(.other)
                {
                    score -= 2 * nonASCII
                    return
                }
            }
            switch scripts[0] {
            case .latin:
                let share = nonASCII / Double(word.count)
                score += (word.count >= 3 && share > 0.5) ? -nonASCII : nonASCII
            case .cyrillic, .greek:
                var previousLower = false
                var lowerCount = 0
                for scalar in word {
                    let isLower = scalar.properties.isLowercase
                    if !isLower && previousLower { score -= 2 }
                    if isLower { lowerCount += 1 }
                    previousLower = isLower
                }
                score += Double(lowerCount) - 0.5 * (Double(word.count - lowerCount))
            case .han:
                hanRuns += 1
                hanChars += word.count
                if scripts.contains(.kana) { score += 1.5 * nonASCII } else { score += nonASCII }
            case .kana:
                score += 1.5 * nonASCII
            case .hangul, .hebrew, .arabic:
                score += nonASCII
            case .other:
                break
            }
        }

        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic && !(0xFF61...0xFF9F).contains(scalar.value) {
                word.append(scalar)
                continue
            }
            scoreWord()
            let value = scalar.value
            if value < 0x80 { continue }
            switch value {
            case 0xFFFD, 0x80...0x9F: score -= 4
            case 0xE000...0xF8FF: score -= 4
            case 0xFF61...0xFF9F: score -= 2  // half-width katakana: usually a wrong decoding
            case 0xA0, 0xA1, 0xA9, 0xAB, 0xAE, 0xB0, 0xB7, 0xBB, 0xBF, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                0x2022, 0x2026, 0x20AC, 0x3000...0x303F, 0xFF01...0xFF60:
                break
            default: score -= 1
            }
        }
        scoreWord()
        // Chinese runs on without spaces; many short Han "words" are a Korean
        // or Japanese text decoded as Chinese.
        if hanRuns > 0, Double(hanChars) / Double(hanRuns) < 4 {
            score -= Double(hanChars) * 0.6
        }
        return score
    }
}
