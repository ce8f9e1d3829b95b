/// How far back to look, written as a count and a unit — "90m", "24h", "7d" — as the API's `since`
/// and `newsdesk stories --since` take it.
package enum Lookback {
    /// The most of any unit: six digits (about 2,700 years in days), so the seconds it stands for, and
    /// the time that far back, cannot overflow.
    package static let maxCount = 999_999

    /// The seconds `text` stands for; nil for anything else, a count over `maxCount`, a sign or a
    /// space included.
    package static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, text.count > 1,
            text.utf8.dropLast().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let count = Int(text.dropLast()), count <= maxCount
        else { return nil }
        switch unit {
        case "m": return count * 60
        case "h": return count * 3600
        case "d": return count * 86_400
        default: return nil
        }
    }
}
