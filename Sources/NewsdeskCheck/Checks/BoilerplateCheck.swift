import NewsdeskCore

/// Page furniture inside the text: comment forms, share and reaction labels,
/// "Read more", newsletter and cookie prompts, plugin errors, link lists,
/// and the outlet's name glued to a headline.
enum BoilerplateCheck {
    /// Phrases that mark a line of up to `phraseLineWords` words as furniture,
    /// in the languages news is written in. Lower case.
    static let phrases: [String] = [
        // English
        "leave a reply", "leave a comment", "your email address will not be published", "required fields are marked",
        "notify me of new", "what do you think?", "all rights reserved", "app key not set", "please check settings",
        "enable javascript", "javascript is disabled", "your browser does not support", "skip to content",
        "comments are closed", "log in to comment", "join the conversation", "listen to this article",
        // German
        "alle rechte vorbehalten", "newsletter abonnieren", "kommentar schreiben", "javascript aktivieren",
        // French
        "tous droits réservés", "laisser un commentaire", "abonnez-vous à notre newsletter",
        // Spanish, Italian, Portuguese
        "todos los derechos reservados", "deja un comentario", "lascia un commento", "deixe um comentário",
        "todos os direitos reservados",
        // Polish, Dutch
        "wszelkie prawa zastrzeżone", "alle rechten voorbehouden",
    ]

    /// Phrases that are furniture only when they are nearly the whole line
    /// (at most `shortLineWords` words): in a sentence they are ordinary words.
    static let shortPhrases: [String] = [
        "share this", "share on", "follow us", "sign up", "subscribe", "newsletter", "read more", "read next",
        "related articles", "related stories", "recommended for you", "you may also like", "advertisement",
        "sponsored", "click here", "cookies", "privacy policy", "terms of use", "back to top", "download the app",
        "most read", "most popular", "trending now", "more stories", "weiterlesen", "mehr zum thema",
        "lesen sie auch", "zum artikel", "lire aussi", "lire la suite", "à lire aussi", "voir aussi", "leer más",
        "lee también", "te puede interesar", "leggi anche", "iscriviti", "leia mais", "leia também", "czytaj więcej",
        "czytaj także", "zobacz też", "zobacz także", "udostępnij", "lees meer", "lees ook",
    ]
    static let shortLineWords = 5
    static let phraseBytes = phrases.map { ($0, Array($0.utf8)) }
    static let shortPhraseBytes = shortPhrases.map { ($0, Array($0.utf8)) }

    /// Single words that are furniture when a line is nothing else (a label).
    static let labels: Set<String> = [
        "share", "tweet", "comments", "comment", "advertisement", "sponsored", "related", "more", "subscribe",
        "print", "email", "reply", "loading", "menu", "search", "teilen", "kommentare", "anzeige", "partager",
        "commentaires", "publicité", "compartir", "comentarios", "publicidad", "condividi", "commenti",
        "pubblicità", "compartilhe", "comentários", "publicidade", "reklama", "komentarze", "delen", "reacties",
        "advertentie", "werbung",
    ]

    /// Headers that open a list of links, for the cleaner, which removes such
    /// lists whatever their header ("More:", "Related:", "See also:").
    static let listHeaders: Set<String> = [
        "more", "related", "read more", "see also", "also read", "more on this", "more from", "mehr zum thema",
        "lesen sie auch", "lire aussi", "à lire aussi", "voir aussi", "leer más", "lee también", "leggi anche",
        "leia também", "czytaj także", "zobacz też", "lees ook",
    ]

    /// The headers of link lists the check reports: captions of a box the
    /// page's template attaches ("More:", "Related:"). Imperatives a writer types
    /// into the article ("See also:", "Also read:", "Lesen Sie auch:") head the
    /// article's own cross-references.
    static let linkListCaptions: Set<String> = [
        "more", "related", "more on this", "more from", "related articles", "related stories", "more stories",
        "mehr zum thema",
    ]

    /// Reading suggestions: furniture when they stand alone (the link is gone),
    /// the article's own cross-reference when the title follows ("Read more: Title").
    static let crossReferences: Set<String> = [
        "read more", "read next", "weiterlesen", "mehr zum thema", "lesen sie auch", "zum artikel", "lire aussi",
        "lire la suite", "à lire aussi", "voir aussi", "leer más", "lee también", "te puede interesar", "leggi anche",
        "leia mais", "leia também", "czytaj więcej", "czytaj także", "zobacz też", "zobacz także", "lees meer",
        "lees ook",
    ]

    /// Words in outlet names.
    static let outletWords: Set<String> = [
        "news", "times", "post", "journal", "herald", "guardian", "tribune", "daily", "gazette", "telegraph", "press",
        "media", "tv", "radio", "online", "bbc", "cnn", "reuters", "bloomberg", "english", "today", "observer",
    ]

    static let bullets: Set<String> = ["•", "·", "-", "*", "–", "—", "▪", "►", "›", "»"]
    static let phraseLineWords = 15

    static func run(_ text: CheckedText) -> [Finding] {
        var findings: [Finding] = []
        let tokens = text.tokens
        let lines = text.lines
        var skipUntil = 0
        // Computed once, and only for a text with a short line worth asking about.
        var inProse: Set<Int>?
        func proseUses(_ phrase: Int) -> Bool {
            if inProse == nil { inProse = phrasesInProse(text) }
            return inProse!.contains(phrase)
        }
        for (position, line) in lines.enumerated() where position >= skipUntil {
            // Separators, code and quoted mail ("> what do you think?") are no page furniture.
            guard !text.isSeparator(line), !text.isCodeLike(line), !isQuotedMail(text, line) else { continue }
            let words = line.filter { tokens[$0].kind == .word || tokens[$0].kind == .number }
            // Furniture is short; a longer line can only be a headline with the outlet glued on.
            guard words.count <= phraseLineWords else {
                if words.count <= 30, let suffix = gluedOutlet(text, line) {
                    findings.append(
                        text.finding(
                            .boilerplate, tokens: suffix, line.upperBound - 1,
                            "The outlet's name is glued to the headline."))
                }
                continue
            }
            let content = contentStart(text, line)
            if isEmptyItem(text, line) {
                findings.append(
                    text.finding(
                        .boilerplate, tokens: line.lowerBound, line.upperBound - 1,
                        "An empty list item left by a share button or an ad."))
                continue
            }
            // "More:" followed by headline-like list items: a link list.
            let header = words.map { tokens[$0].lower }.joined(separator: " ")
            if !words.isEmpty, words.count <= 4, tokens[line.upperBound - 1].text == ":",
                linkListCaptions.contains(header)
            {
                var last = position
                while last + 1 < lines.count, isHeadlineItem(text, lines[last + 1]) { last += 1 }
                if last > position {
                    findings.append(
                        text.finding(
                            .boilerplate, tokens: line.lowerBound, lines[last].upperBound - 1,
                            "A list of links to other articles."))
                    skipUntil = last + 1
                    continue
                }
            }
            if let finding = furniture(text, line, words: words.count, content: content, proseUses: proseUses) {
                findings.append(finding)
                continue
            }
            if let suffix = gluedOutlet(text, line) {
                findings.append(
                    text.finding(
                        .boilerplate, tokens: suffix, line.upperBound - 1, "The outlet's name is glued to the headline."
                    ))
            }
        }
        return findings
    }

    /// Furniture phrases and labels on a short line.
    private static func furniture(
        _ text: CheckedText, _ line: Range<Int>, words: Int, content: Int?, proseUses: (Int) -> Bool
    ) -> Finding? {
        let tokens = text.tokens
        let lineBytes = LowercasedBytes(
            text.lowerBytes.bytes[tokens[line.lowerBound].start..<tokens[line.upperBound - 1].end])
        let start = content ?? line.lowerBound
        if let phrase = phraseBytes.first(where: { matches($0.1, in: lineBytes, text, line) != nil })?.0
            ?? (words <= shortLineWords ? shortPhrase(text, line, lineBytes, proseUses: proseUses) : nil)
        {
            return text.finding(
                .boilerplate, tokens: start, line.upperBound - 1,
                "“\(phrase.prefix(1).uppercased() + phrase.dropFirst())” is page furniture, not the article.")
        }
        let lowerLine = String(decoding: lineBytes.bytes, as: UTF8.self)
        // A label stands bare: "Comments?" asks the reader something.
        if words == 1, !["?", "!"].contains(tokens[line.upperBound - 1].text),
            let word = line.first(where: { tokens[$0].kind == .word }),
            labels.contains(tokens[word].lower)
                || lowerLine.hasPrefix("(read more)")
        {
            return text.finding(.boilerplate, tokens: start, line.upperBound - 1, "A page label, not the article.")
        }
        if lineBytes.contains("(read more)") {
            return text.finding(
                .boilerplate, tokens: start, line.upperBound - 1, "A “Read more” link left in the text.")
        }
        return nil
    }
}
