import NewsdeskCore
import Testing

@testable import NewsdeskCheck

/// Flags, commands and dashes used as colons are not torn words. Fixtures are
/// lines of the WCXB benchmark's clean article texts (id in each case;
/// CC-BY-4.0, see Resources/WCXB-NOTICE).
@Suite struct CleanTextBrokenWordTests {
    func found(_ text: String) -> [String] {
        ArticleChecker().check(text).map { "\($0.kind.rawValue): \($0.excerpt)" }
    }

    @Test func commandLineFlags() {
        // 0437, 0494, 0493, 0389, 0415.
        #expect(found("git add -A") == [])
        #expect(found("Compiled with the -O3 option, it generates this assembly:") == [])
        #expect(
            found(
                "SSH to the wrong host | I spent too long resetting passwords on the router while wondering why the tinybox was ignoring me. hostname -I on the console is your friend."
            ) == [])
        #expect(found("- Clarify -Cllvm-args forwarding to GCC in Readme (thanks to harin-ramesh!)") == [])
        #expect(
            found(
                "git clone https://github.com/ashvardanian/StringZilla.git && cd StringZilla cmake -D STRINGZILLA_BUILD_BENCHMARK = 1 -B build_release"
            ) == [])
    }

    @Test func aHyphenUsedAsADash() {
        // 4662, 4695, 4823, 4810, 1651.
        #expect(
            found(
                "- COSMOS -Cosmos flowers are magnets for beneficial insects like lacewings, parasitic wasps, tachinid flies, and hoverflies that feed on many pest insects and provide free pollination services."
            ) == [])
        #expect(
            found(
                "- EUCALYPTUS -It smells nice, and it looks lovely in the garden or a flower arrangement! Eucalyptus helps to keep away aphids, the cabbage looper, and the Colorado potato beetle."
            ) == [])
        #expect(
            found(
                "- THYME- The herb deters mosquitoes, earworms, maggots, hornworms, and whiteflies. The leaves must be bruised for the chemicals to be released that deter the pests."
            ) == [])
        #expect(found("Glorious Model O- Wireless 65g 3370 Honeycomb, symmetric 120x63x35mm 1KHz") == [])
        #expect(
            found(
                "Gyroscope- And Accelerometer-Based Mapping: Some vacuum cleaner parts use gyroscopes and accelerometers to track movement and orientation."
            ) == [])
        #expect(
            found(
                "I can be having a terrible start to a day, but coming to work is a real blessing for me- I get to connect with people on a daily basis."
            ) == [])
    }

    @Test func tornNamesAreStillFound() {
        #expect(found("Crown Prince Mohammed bin -Salman met the envoy.") == ["broken-word: bin -Salman"])
        #expect(found("Syria’s President Bashar Al- Assad spoke on Thursday.") == ["broken-word: Al- Assad"])
    }
}
