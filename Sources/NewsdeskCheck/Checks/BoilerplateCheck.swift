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
    private static let phraseBytes = phrases.map { ($0, Array($0.utf8)) }
    private static let shortPhraseBytes = shortPhrases.map { ($0, Array($0.utf8)) }

    /// Single words that are furniture when a line is nothing else (a label).
    static let labels: Set<String> = [
        "share", "tweet", "comments", "comment", "advertisement", "sponsored", "related", "more", "subscribe",
        "print", "email", "reply", "loading", "menu", "search", "teilen", "kommentare", "anzeige", "partager",
        "commentaires", "publicité", "compartir", "comentarios", "publicidad", "condividi", "commenti",
        "pubblicità", "compartilhe", "comentários", "publicidade", "reklama", "komentarze", "delen", "reacties",
        "advertentie", "werbung",
    ]

    /// Headers that open a list of links ("More:", "Related:").
    static let listHeaders: Set<String> = [
        "more", "related", "read more", "see also", "also read", "more on this", "more from", "mehr zum thema",
        "lesen sie auch", "lire aussi", "à lire aussi", "voir aussi", "leer más", "lee también", "leggi anche",
        "leia também", "czytaj także", "zobacz też", "lees ook",
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
        for (position, line) in lines.enumerated() where position >= skipUntil {
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
            let lineBytes = LowercasedBytes(
                text.lowerBytes.bytes[tokens[line.lowerBound].start..<tokens[line.upperBound - 1].end])
            let lowerLine = String(decoding: lineBytes.bytes, as: UTF8.self)
            let content = contentStart(text, line)

            // A bullet with nothing but punctuation: share-button or ad residue.
            if words.isEmpty, line.contains(where: { bullets.contains(tokens[$0].text) }) {
                findings.append(
                    text.finding(
                        .boilerplate, tokens: line.lowerBound, line.upperBound - 1,
                        "An empty list item left by a share button or an ad."))
                continue
            }
            // "More:" followed by headline-like list items: a link list.
            let header = words.map { tokens[$0].lower }.joined(separator: " ")
            if !words.isEmpty, words.count <= 4, tokens[line.upperBound - 1].text == ":", listHeaders.contains(header) {
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
            // Furniture phrases and labels on short lines.
            if let phrase = phraseBytes.first(where: { lineBytes.contains($0.1) })?.0
                ?? (words.count <= shortLineWords
                    ? shortPhraseBytes.first(where: { lineBytes.contains($0.1) })?.0 : nil)
            {
                findings.append(
                    text.finding(
                        .boilerplate, tokens: content ?? line.lowerBound, line.upperBound - 1,
                        "“\(phrase.prefix(1).uppercased() + phrase.dropFirst())” is page furniture, not the article."))
                continue
            }
            if words.count == 1, labels.contains(tokens[words[0]].lower) || lowerLine.hasPrefix("(read more)") {
                findings.append(
                    text.finding(
                        .boilerplate, tokens: content ?? line.lowerBound, line.upperBound - 1,
                        "A page label, not the article."))
                continue
            }
            if lineBytes.contains("(read more)") {
                findings.append(
                    text.finding(
                        .boilerplate, tokens: content ?? line.lowerBound, line.upperBound - 1,
                        "A “Read more” link left in the text."))
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

    /// The first token after a leading bullet, if the line has one.
    private static func contentStart(_ text: CheckedText, _ line: Range<Int>) -> Int? {
        guard bullets.contains(text.tokens[line.lowerBound].text) else { return nil }
        return text.next(after: line.lowerBound, within: line)
    }

    /// A list item that reads as a headline: a bullet, a few words, no closing full stop.
    static func isHeadlineItem(_ text: CheckedText, _ line: Range<Int>) -> Bool {
        let tokens = text.tokens
        guard bullets.contains(tokens[line.lowerBound].text) else { return false }
        let words = line.filter { tokens[$0].kind == .word }
        guard (2...16).contains(words.count) else { return false }
        return ![".", "!", "?"].contains(tokens[line.upperBound - 1].text)
    }

    /// "Headline – Example.com, Example News": the index where the glued outlet begins.
    static func gluedOutlet(_ text: CheckedText, _ line: Range<Int>) -> Int? {
        let tokens = text.tokens
        let words = line.filter { tokens[$0].kind == .word }
        guard words.count >= 4, words.count <= 30, ![".", "!", "?"].contains(tokens[line.upperBound - 1].text) else {
            return nil
        }
        // The last spaced separator after a headline of four words or more, then an outlet.
        guard let separator = line.last(where: { ["–", "—", "|", "-"].contains(tokens[$0].text) }),
            separator > line.lowerBound, tokens[separator - 1].kind == .space, separator + 1 < line.upperBound,
            tokens[separator + 1].kind == .space,
            line.lowerBound..<separator ~= separator - 1,
            (line.lowerBound..<separator).filter({ tokens[$0].kind == .word }).count >= 4
        else { return nil }
        let tail = (separator + 1)..<line.upperBound
        let tailWords = tail.filter { tokens[$0].kind == .word }
        // "BBC South East Wales, BBC News": a few capitalised words naming a newsroom.
        let namesOutlet =
            tailWords.count <= 8 && tailWords.allSatisfy { tokens[$0].text.first?.isUppercase == true }
            && tail.contains { tokens[$0].text == "," }
            && tailWords.contains { outletWords.contains(tokens[$0].lower) }
        let hasDomain = tail.contains { index in
            index + 2 < line.upperBound && tokens[index].kind == .word && tokens[index + 1].text == "."
                && tokens[index + 2].kind == .word
                && ["com", "org", "net", "co", "uk", "de", "fr", "es", "it", "in", "au", "ca", "info", "news"]
                    .contains(tokens[index + 2].lower)
        }
        return hasDomain || namesOutlet ? separator : nil
    }
}
