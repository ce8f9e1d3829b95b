/// Finds the same copy published twice: wire stories that several outlets
/// run, and an outlet's republished text. Two texts are the same copy when
/// their words are identical after normalisation (case, punctuation and
/// spacing ignored), or when their sets of three-word shingles overlap by at
/// least `minimumSimilarity` (Jaccard), estimated with 64 MinHash values — a
/// dateline, a changed headline, an added sentence or a trimmed ending keep a
/// copy well above it; a different report of the same event, written anew,
/// shares few shingles. The MinHash values are indexed in 16 bands of 4, so a
/// text is compared only with the latest texts that agree with it on a whole
/// band: a band value many texts share comes of common phrasing, and a copy
/// agrees on several bands, so the texts one text is compared with are bounded
/// however many are held.
public struct CopyDetector: Sendable {
    public struct Match: Sendable, Equatable {
        /// The id of the first text of this copy.
        public var original: String
        /// The estimated share of shingles in common, 1 for identical words.
        public var similarity: Double
    }

    /// Texts shorter than this are not compared: short texts share too much by chance.
    public var minimumWords = 40
    public var minimumSimilarity = 0.7
    /// How many of the latest texts with a band's value a text is compared with, per band.
    public var latestPerBand = 32

    static let hashes = 64
    static let bands = 16

    /// Texts by the hash of their normalised words.
    private var exact: [UInt64: (id: String, time: Int?)] = [:]
    /// The texts that were no near copy, by the number they were recorded under.
    private var signatures: [Int: (id: String, signature: [UInt64], time: Int?)] = [:]
    private var nextNumber = 0
    private var index: [[UInt64: [Int]]] = Array(repeating: [:], count: CopyDetector.bands)

    public init() {}

    /// How many texts are held for comparison.
    public var count: Int { exact.count }

    /// Records `text` under `id` (published at `time`, when known), and returns the earlier text it is a
    /// copy of, if any.
    public mutating func add(id: String, text: String, time: Int? = nil) -> Match? {
        let words = Self.words(text)
        guard words.count >= minimumWords else { return nil }
        let key = Self.hash(words.joined(separator: " "))
        if let original = exact[key] { return Match(original: original.id, similarity: 1) }
        exact[key] = (id, time)
        let signature = Self.minHash(words)
        let keys = Self.bandKeys(signature)
        var best: Match?
        var seen: Set<Int> = []
        for (band, bandKey) in keys.enumerated() {
            for candidate in (index[band][bandKey] ?? []).suffix(latestPerBand) where seen.insert(candidate).inserted {
                guard let other = signatures[candidate] else { continue }
                let agreeing = zip(signature, other.signature).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
                let similarity = Double(agreeing) / Double(Self.hashes)
                if similarity >= minimumSimilarity, similarity > (best?.similarity ?? 0) {
                    best = Match(original: other.id, similarity: similarity)
                }
            }
        }
        if best == nil {
            let number = nextNumber
            nextNumber += 1
            signatures[number] = (id, signature, time)
            for (band, bandKey) in keys.enumerated() { index[band][bandKey, default: []].append(number) }
        }
        return best
    }

    /// Forgets the texts published before `time`; texts without a time stay.
    public mutating func forget(before time: Int) {
        exact = exact.filter { $0.value.time.map { $0 >= time } ?? true }
        let stale = signatures.filter { $0.value.time.map { $0 < time } ?? false }
        guard !stale.isEmpty else { return }
        for number in stale.keys { signatures[number] = nil }
        for band in 0..<Self.bands {
            index[band] = index[band].compactMapValues { numbers in
                let kept = numbers.filter { signatures[$0] != nil }
                return kept.isEmpty ? nil : kept
            }
        }
    }

    /// For each of 64 seeded hash functions, the least hash over the text's three-word shingles.
    static func minHash(_ words: [String]) -> [UInt64] {
        var signature = [UInt64](repeating: .max, count: hashes)
        let width = min(3, words.count)
        for start in 0...(words.count - width) {
            let shingle = hash(words[start..<start + width].joined(separator: " "))
            for function in 0..<hashes {
                let value = mix(shingle ^ seeds[function])
                if value < signature[function] { signature[function] = value }
            }
        }
        return signature
    }

    /// One key per band of four values.
    static func bandKeys(_ signature: [UInt64]) -> [UInt64] {
        let rows = hashes / bands
        return (0..<bands).map { band in
            signature[(band * rows)..<((band + 1) * rows)].reduce(UInt64(band)) { mix($0 ^ $1) }
        }
    }

    static let seeds: [UInt64] = (0..<hashes).map { mix(UInt64($0) &+ 0x9E37_79B9_7F4A_7C15) }

    /// Lower-case words of letters and digits; everything else separates them.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(contentsOf: character.lowercased())
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// FNV-1a, then SplitMix64's finaliser: the same in every process (Swift's `Hasher` is seeded per run).
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return mix(value)
    }

    /// SplitMix64's finaliser: spreads every input bit over the whole word.
    static func mix(_ input: UInt64) -> UInt64 {
        var value = input
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
