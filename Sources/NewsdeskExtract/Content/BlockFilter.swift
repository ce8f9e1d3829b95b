import NewsdeskCore
import NewsdeskHTML

/// Block-level judgement inside the chosen body: drops lines that are links,
/// share and subscription prompts, credits and other furniture that sits
/// among the paragraphs.
struct BlockFilter {
    let analysis: PageAnalysis

    /// Phrases that open a short block of furniture ("Read more: …", "Share this", "Sign up for…").
    /// In the middle of a sentence they are words like any other. Lower case.
    static let leadingPhrases: [[UInt8]] = [
        "share this", "share on", "share via", "tweet this", "follow us", "follow me", "sign up", "subscribe",
        "newsletter", "advertisement", "sponsored", "read more", "read next", "read also", "also read",
        "see also", "related", "recommended", "click here", "watch:", "listen:", "more:", "continue reading",
        "download the app", "view comments", "print this", "email this", "what do you think",
        "join the conversation", "loading", "skip to", "back to top", "next article", "previous article",
        "you may also like", "you might also like", "more from", "leave a reply", "leave a comment", "comments",
        "photo:", "photograph:", "image:", "leggi anche", "lesen sie auch", "mehr zum thema", "lire aussi",
        "à lire aussi", "czytaj także", "zobacz też", "leia também", "lee también", "te puede interesar",
    ].map { Array($0.utf8) }

    /// Phrases that mark a short block as furniture wherever they stand. Lower case.
    static let furniturePhrases: [[UInt8]] = [
        "all rights reserved", "copyright ©", "© copyright", "getty images", "ap photo", "afp photo", "reuters/",
        "/reuters", "photo credit", "image credit", "(photo", "(image", "your email address will not be published",
        "required fields are marked", "uses cookies", "use cookies", "accept cookies", "enable javascript",
        "javascript is disabled", "requires javascript", "enable js", "story continues below",
        "article continues below", "our newsletter", "mailing list", "sign up for", "follow us on", "exclusive to",
        "for subscribers", "subscribers only",
    ].map { Array($0.utf8) }

    /// Marks of a photo credit, which ends a caption in many languages.
    static let creditMarks: [[UInt8]] = [
        "crédito", "credito", "credit:", "photo:", "foto:", "fotó:", "bild:", "image:", "(photo", "(foto",
        "getty images",
        "/afp", "afp/", "reuters/", "/reuters", "ap photo", "/ap", "epa/", "/epa", "shutterstock", "©",
    ].map { Array($0.utf8) }

    /// An ASCII letter or any byte of a non-ASCII character.
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    func keep(_ block: Block) -> Bool {
        let source = block.source
        if block.kind == .image { return true }
        if analysis.linkDensity(source) > 0.5 && analysis.ownWeight[source] < 600 { return false }
        let weight = PageAnalysis.weight(of: block.text)
        // A dateline alone ("June 1, 2021", "Updated 10:42 GMT") is page furniture.
        if weight < 60, DateParser.isDateline(block.text) { return false }
        // A caption ending in its photo credit.
        if weight < 320, block.kind == .paragraph || block.kind == .caption {
            let tail = LowercasedBytes(block.text.utf8.suffix(60))
            if Self.creditMarks.contains(where: tail.contains) { return false }
        }
        if weight < 160 {
            let lower = LowercasedBytes(block.text)
            if Self.furniturePhrases.contains(where: lower.contains) { return false }
            let opening = lower.bytes.drop { !Self.isLetter($0) }
            if Self.leadingPhrases.contains(where: { opening.starts(with: $0) }) { return false }
        }
        return true
    }
}
