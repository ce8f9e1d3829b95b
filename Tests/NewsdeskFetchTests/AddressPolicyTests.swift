import Testing

@testable import NewsdeskFetch

@Suite("Which addresses may be fetched")
struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", "loopback"), ("127.1", "loopback"), ("0x7f.0.0.1", "loopback"), ("2130706433", "loopback"),
        ("0177.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("172.31.255.255", "private"),
        ("192.168.1.1", "private"), ("169.254.169.254", "cloud metadata"), ("169.254.10.1", "link-local"),
        ("100.64.0.1", "shared (CGNAT)"), ("100.127.255.254", "shared (CGNAT)"), ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"), ("255.255.255.255", "reserved"), ("::1", "loopback"), ("::", "unspecified"),
        ("fe80::1", "link-local"), ("fd00::1", "private (unique local)"), ("fd00:ec2::254", "cloud metadata"),
        ("ff02::1", "multicast"), ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
        ("::ffff:10.0.0.1", "IPv4-mapped private"), ("[::ffff:169.254.169.254]", "IPv4-mapped cloud metadata"),
        ("64:ff9b::a00:1", "NAT64 private"), ("2002:a00:1::", "6to4 private"),
        ("::127.0.0.1", "IPv4-compatible loopback"),
    ])
    func refusesNonPublicAddresses(_ text: String, _ kind: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.specialKind == kind)
        #expect(AddressPolicy().refusal(for: address) != nil)
        #expect(AddressPolicy(allowPrivateNetwork: true).refusal(for: address) == nil)
    }

    @Test(arguments: [
        "93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "172.32.0.1", "100.128.0.1",
    ])
    func allowsPublicAddresses(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.specialKind == nil)
        #expect(AddressPolicy().refusal(for: address) == nil)
    }

    @Test func allowsOneAddressByName() throws {
        let loopback = try #require(IPAddress("127.0.0.1"))
        let other = try #require(IPAddress("127.0.0.2"))
        let policy = AddressPolicy(allowedAddresses: [loopback])
        #expect(policy.refusal(for: loopback) == nil)
        #expect(policy.refusal(for: other) == "127.0.0.2 is a loopback address")
    }

    @Test func hostNamesAreNotAddresses() {
        #expect(IPAddress("example.com") == nil)
        #expect(IPAddress("256.1.1.1") == nil)
        #expect(IPAddress("1.2.3.4.5") == nil)
    }
}

@Suite("robots.txt")
struct RobotsTests {
    let rules = RobotsRules(
        """
        # comment
        User-agent: otherbot
        Disallow: /

        User-agent: *
        Disallow: /private/
        Allow: /private/open
        Disallow: /*.pdf$
        Disallow: /search?
        """)

    @Test func appliesTheGroupAndTheLongestRule() {
        #expect(rules.allows("/news/1", agent: "newsdesk"))
        #expect(!rules.allows("/private/x", agent: "newsdesk"))
        #expect(rules.allows("/private/open/page", agent: "newsdesk"))
        #expect(!rules.allows("/files/report.pdf", agent: "newsdesk"))
        #expect(rules.allows("/files/report.pdf?x=1", agent: "newsdesk"))
        #expect(!rules.allows("/search?q=a", agent: "newsdesk"))
        #expect(!rules.allows("/news/1", agent: "otherbot"))
    }

    @Test func aSpecificGroupReplacesTheGeneralOne() {
        let specific = RobotsRules("User-agent: *\nDisallow: /\n\nUser-agent: Newsdesk\nDisallow: /drafts/\n")
        #expect(specific.allows("/news", agent: "newsdesk"))
        #expect(!specific.allows("/drafts/1", agent: "newsdesk"))
    }

    @Test func emptyRulesAllowAll() {
        #expect(RobotsRules("User-agent: *\nDisallow:\n").allows("/anything", agent: "newsdesk"))
        #expect(RobotsRules.allowAll.allows("/x", agent: "newsdesk"))
        #expect(!RobotsRules.disallowAll.allows("/x", agent: "newsdesk"))
    }
}
