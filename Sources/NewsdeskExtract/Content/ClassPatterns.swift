/// What an element's `class` and `id` say about it: words that mark page
/// furniture (share bars, related links, comments…) and words that mark the
/// article body. Names are split into words at punctuation and case changes,
/// so "relatedStories", "related-stories" and "related_stories" all say "related".
enum ClassPatterns {
    enum Verdict { case neutral, boilerplate, content }

    /// Whole words that mark furniture.
    static let boilerplateWords: Set<String> = [
        "ad", "ads", "adv", "advert", "advertisement", "advertising", "adslot", "dfp", "gpt", "sponsor", "sponsored",
        "promo", "promotion", "promoted", "outbrain", "taboola", "nav", "navbar", "navigation", "menu", "breadcrumb",
        "breadcrumbs", "sidebar", "rail", "aside", "footer", "masthead", "banner", "comment", "comments", "disqus",
        "related", "share", "sharing", "sharebar", "social", "socials", "follow", "newsletter", "subscribe",
        "subscription", "signup", "login", "register", "popup", "modal", "overlay", "cookie", "cookies", "consent",
        "gdpr", "recommended", "recommendations", "recirc", "recirculation", "trending",
        "popular", "mostread", "mostpopular", "moststories", "morestories", "nextarticle", "nextpost", "prevpost",
        "previouspost", "postnavigation", "sronly", "srtext", "screenreader", "hiddenprint", "noprint",
        "visuallyhidden", "pagination", "pager", "tags", "tag", "tagcloud", "toolbar", "tooltip", "print",
        "sronly", "visuallyhidden", "offscreen", "byline", "dateline", "timestamp",
        "author", "bio", "credit", "credits", "caption", "metadata", "teaser", "teasers", "carousel",
        "slider", "ticker", "notification", "donate", "donation", "feedback", "rating",
        "reactions", "emoji", "utility", "utilities", "cta", "upsell",
        "partner", "partners", "affiliate", "commercial", "playlist", "gallery",
        "livefyre", "viafoura", "inread", "brandcontent", "storyline", "header", "topbar", "kicker",
        "eyebrow", "rubric", "pullquote", "explore", "readmore", "seealso", "aux",
        "complementary", "links", "linklist", "subnav", "topics", "categories", "newsletters",
        "signin", "account", "profile", "avatar", "contributors", "disclaimer", "legal", "copyright",
        // The same furniture named in other languages news is written in.
        "kommentare", "kommentar", "werbung", "anzeige", "anzeigen", "teilen", "verwandte", "empfehlungen",
        "commentaires", "publicite", "partage", "partager", "abonnement", "comentarios", "publicidad",
        "compartir", "relacionados", "relacionadas", "commenti", "pubblicita", "condividi", "correlati",
        "komentarze", "reklama", "udostepnij", "powiazane", "reacties", "advertentie", "delen", "gerelateerd",
    ]

    /// Whole words that mark the article body and overrule the above.
    static let contentWords: Set<String> = [
        "articlebody", "storybody", "entrycontent", "postcontent", "postbody", "articlecontent", "storycontent",
        "bodytext", "articletext", "storytext", "contentbody", "richtext", "prose", "entrybody", "textbody",
        "articlemain", "maincontent", "articlecopy", "bodycopy", "storycopy", "paywalled", "postentry",
        "contentarticle", "newsarticle", "articledetail", "articleinner", "mainarticle", "singlecontent",
        "postdetail", "posttext", "entrytext", "blogpost", "detailbody", "newsbody", "newstext", "articlewrap",
        "itemtext", "textcontent", "articlecontainer", "storycontainer", "contentarea",
        // Other languages: "Artikeltext", "contenido de la nota", "corpo dell'articolo", "treść artykułu".
        "artikeltext", "artikelinhalt", "artikelbody", "textartikel", "contenidonota", "cuerponota",
        "contenidonoticia", "corpoarticolo", "testoarticolo", "trescartykulu", "artykultresc", "articlecorps",
        "corpsarticle", "textearticle",
    ]

    /// Words for text kept from sight: screen-reader labels and the like.
    static let invisibleWords: Set<String> = [
        "sronly", "srtext", "screenreader", "screenreaderonly", "screenreadertext", "visuallyhidden", "offscreen",
        "hidden", "hide", "invisible",
    ]

    /// Whether a class or id says the element is not shown.
    static func namesInvisible(class className: String?, id: String?) -> Bool {
        wordLists(class: className, id: id).contains { names($0, any: invisibleWords) }
    }

    /// Judges one element by its class and id.
    static func verdict(class className: String?, id: String?) -> Verdict {
        var boilerplate = false
        var content = false
        for words in wordLists(class: className, id: id) {
            // "has-rail-right", "with-sidebar", "sidebar-layout": a layout that holds a sidebar, not the sidebar.
            if let first = words.first, first == "has" || first == "with" || words.last == "layout" { continue }
            if contentWords.contains(words.joined()) || joinedPairs(words).contains(where: contentWords.contains) {
                content = true
            }
            if names(words, any: boilerplateWords) { boilerplate = true }
        }
        if content { return .content }
        return boilerplate ? .boilerplate : .neutral
    }

    /// The words of each class name and of the id: "article__body relatedStories" → [["article", "body"], ["related", "stories"]].
    private static func wordLists(class className: String?, id: String?) -> [[String]] {
        [className ?? "", id ?? ""].flatMap { name in
            name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { splitWords($0) }
        }
    }

    /// Whether a word of one name, the name's words run together, or two neighbouring words run together are in `set`.
    private static func names(_ words: [String], any set: Set<String>) -> Bool {
        words.contains(where: set.contains) || set.contains(words.joined())
            || joinedPairs(words).contains(where: set.contains)
    }

    /// "article__body-text" → ["article", "body", "text"]; "relatedStories" → ["related", "stories"].
    static func splitWords<S: StringProtocol>(_ token: S) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
                current.append(byte)
                previousLower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if previousLower { flush() }
                current.append(byte | 0x20)
                previousLower = false
            default:
                flush()
                previousLower = false
            }
        }
        flush()
        return words
    }

    /// Adjacent word pairs joined: ["article", "body", "text"] → ["articlebody", "bodytext"].
    private static func joinedPairs(_ words: [String]) -> [String] {
        guard words.count >= 2 else { return [] }
        return (0..<(words.count - 1)).map { words[$0] + words[$0 + 1] }
    }
}

/// Remembers verdicts per distinct class-and-id pair within one page.
/// A class, not a struct, so the analysis can fill it while it is being read;
/// it lives and dies with one extraction on one thread.
final class ClassVerdictCache {
    private struct Key: Hashable {
        var className: String?
        var id: String?
    }

    private var verdicts: [Key: ClassPatterns.Verdict] = [:]
    private var invisible: [Key: Bool] = [:]

    func namesInvisible(class className: String?, id: String?) -> Bool {
        guard className != nil || id != nil else { return false }
        let key = Key(className: className, id: id)
        if let known = invisible[key] { return known }
        let answer = ClassPatterns.namesInvisible(class: className, id: id)
        invisible[key] = answer
        return answer
    }

    func verdict(class className: String?, id: String?) -> ClassPatterns.Verdict {
        guard className != nil || id != nil else { return .neutral }
        let key = Key(className: className, id: id)
        if let known = verdicts[key] { return known }
        let verdict = ClassPatterns.verdict(class: className, id: id)
        verdicts[key] = verdict
        return verdict
    }
}
