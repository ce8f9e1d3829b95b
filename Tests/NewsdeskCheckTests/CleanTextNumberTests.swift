import NewsdeskCore
import Testing

@testable import NewsdeskCheck

/// Clock times, durations and citations are not garbled numbers. Fixtures are
/// lines of the WCXB benchmark's clean article texts (id in each case;
/// CC-BY-4.0, see Resources/WCXB-NOTICE).
@Suite struct CleanTextNumberTests {
    func found(_ text: String) -> [String] {
        ArticleChecker().check(text).map { "\($0.kind.rawValue): \($0.excerpt)" }
    }

    @Test func clockTimesWithSeconds() {
        // 0435: "31:55" is the minutes and seconds of 12:31:55.
        #expect(found("Date: Thu, 23 Dec 1999 12:31:55 -0700") == [])
        #expect(found("Date: Wed, 6 Feb 2002 22:43:29 +0000") == [])
    }

    @Test func minutesAndSecondsAndRanges() {
        // 0348: volume 59, pages 52-60.
        #expect(
            found(
                "- Goldberg SB, Tucker RP, Greene PA, et al. Mindfulness-based interventions for psychiatric disorders: a systematic review and meta-analysis. Clinical Psychology Review. 2018;59:52-60."
            ) == [])
        // 4088, 0318: clock times with am and pm.
        #expect(
            found(
                "Tokyo's subway can be very busy and crowded, so be prepared to have to stand shoulder-to-shoulder with other commuters (especially between 8:00 am-9:30 am and 5:00 pm–8:00 pm)."
            ) == [])
        #expect(
            found(
                "As the day wore on, he dropped off more items from hamburger joints, coffee shops, noodle stores and a Middle Eastern restaurant, then more tea, before finally calling it quits at 11:31 p.m."
            ) == [])
        // A timestamp in a video and a lap time.
        #expect(found("The interview starts at 31:55 in the video and runs to 1:02:33.") == [])
    }

    @Test func impossibleClockTimesAreStillFound() {
        #expect(found("The meeting starts at 25:70 in the main hall.") == ["garbled-number: 25:70"])
        #expect(found("Polls close at 26:30 GMT on Sunday.") == ["garbled-number: 26:30"])
    }

    @Test func mojibakeInTheSourceIsFound() {
        // 4861: the page's "®" decoded as windows-1252.
        #expect(found("Proton VPN supports the WireGuardÂ® protocol.") == ["mojibake: WireGuardÂ®"])
    }
}
