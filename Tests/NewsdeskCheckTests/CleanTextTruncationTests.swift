import NewsdeskCore
import Testing

@testable import NewsdeskCheck

/// Headings, list items, code and table rows end without a full stop and are
/// not cut-off sentences. Fixtures are whole paragraphs of the WCXB benchmark's
/// clean article texts (id in each test; CC-BY-4.0, see Resources/WCXB-NOTICE).
@Suite struct CleanTextTruncationTests {
    func found(_ text: String) -> [String] {
        ArticleChecker().check(text).map { "\($0.kind.rawValue): \($0.excerpt)" }
    }

    @Test func aHeadingBeforeABrandWrittenInLowerCase() {
        // 0057: "moveBuddha's" starts lower case but is a name, not the heading's continuation.
        #expect(
            found(
                """
                How we chose the best moving companies in New York

                moveBuddha's expert team analyzed 133 New York movers and listed the top movers based on customer satisfaction, reviews, and cost.
                """
            ) == [])
    }

    @Test func listItemsWithoutBullets() {
        // 4178: each item is a paragraph of its own that starts in lower case; none ends a sentence.
        #expect(
            found(
                """
                your toddler sleeps in a crib, a Montessori bed, or a “big-kid” bed

                your toddler sleeps in his own room or she shares a room with a sibling

                your child is already potty trained, or you haven’t even thought about potty training
                """
            ) == [])
        // 4010: an unmarked list of features, one ending on a stranded preposition.
        #expect(
            found(
                """
                The gasket-mounted design provides a quieter and smoother typing experience

                It allows for flexible connectivity with three options to choose from

                The customization features let you personalize your setup easily
                """
            ) == [])
    }

    @Test func numberedAndBulletedItems() {
        // 0108: a numbered heading, then a lettered one.
        #expect(
            found(
                """
                2. Virtual Production: Unreal Engine and Volume LED Walls

                a. First Looks

                Virtual production marks a revolutionary shift in filmmaking, merging the physical and digital worlds to create immersive and dynamic environments.
                """
            ) == [])
        // 4160: a bulleted list whose last item ends on "is".
        #expect(
            found(
                """
                - How customizable the settings are
                - The largest size loaf a machine could make
                - Final loaf appearance
                - How easy or hard the cleanup is

                Other Options We Tested
                """
            ) == [])
    }

    @Test func aLineThatIntroducesAListOrAQuotation() {
        // 0406: "such that" opens a numbered list.
        #expect(
            found(
                """
                Specifically, we place disks on the piece of paper, such that

                1. the disks do not properly overlap (but may touch),
                2. the gaps between disks have either three or four sides,
                """
            ) == [])
        // 0458: a comma opens a quotation.
        #expect(
            found(
                """
                For example, the statements that standpoint epistemology make about black women are made as if they were true without qualification. Nagel remarks in this connection,

                "In order to have the authority it claims, reason must be a form or category of thought from which there is no appeal beyond itself."
                """
            ) == [])
    }

    @Test func codeTablesAndMailHeaders() {
        // 0437: a shell command and its comment.
        #expect(
            found(
                """
                # this will stage all of your modified and/or untracked files for commit
                git add -A

                # this will stage only the files that you pass into the command as an argument, delimited by a space
                """
            ) == [])
        // 0436: a configuration file.
        #expect(
            found(
                """
                # Connection settings
                max_connections = 200
                shared_preload_libraries = 'pg_stat_statements'
                log_connections = on
                log_disconnections = on

                Wahoo! More connections = more parallelism right?
                """
            ) == [])
        // 4108: a table.
        #expect(
            found(
                """
                Best For | Outdoor recreation wear
                Size Range | Up to 6X
                Price Range | $ — $$$

                alder apparel is all about playful, inclusive outdoor recreation apparel that focuses on fun and accessibility.
                """
            ) == [])
        // 0435: the header fields of a mail.
        #expect(
            found(
                """
                From: Michael Shalayeff
                To: Miod Vallat
                Subject: Re: console boot does not work well for me

                yes, it needs hpux's isl
                you can hack ours to do so ? (;
                """
            ) == [])
    }

    @Test func aCutOffLineInTheSourceIsStillFound() {
        // 0408: the page itself cuts this line off after "of".
        #expect(
            found(
                """
                Maggi Hambling and Sarah Lucas “OOO LA LA” at Sadie Coles HQ and Hazlitt Holland-Hibbert/Frankie Rossi Art Projects of

                “OOO LA LA” at Sadie Coles HQ and Hazlitt Holland-Hibbert/Frankie Rossi Art Projects on Bury Street is a sensational pairing.
                """
            ) == ["truncated: Art Projects of"])
        // An ending that always needs its object.
        #expect(
            found("In recent months, hundreds of people in the U.S. have become acutely sick and have even died due to")
                == ["truncated: died due to"])
    }
}
