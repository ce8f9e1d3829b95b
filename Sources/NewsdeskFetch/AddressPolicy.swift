import NewsdeskCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which network addresses the fetcher may connect to. Feeds and pages come
/// from strangers, so by default only public unicast addresses are allowed:
/// a feed URL (or a redirect) must not reach the machine itself, the local
/// network or a cloud provider's metadata service.
public struct AddressPolicy: Sendable {
    public var allowPrivateNetwork: Bool
    /// Non-public addresses allowed one by one (a feed server on the local network, a test server).
    public var allowedAddresses: [IPAddress]

    public init(allowPrivateNetwork: Bool = false, allowedAddresses: [IPAddress] = []) {
        self.allowPrivateNetwork = allowPrivateNetwork
        self.allowedAddresses = allowedAddresses
    }

    /// Why an address is refused, or nil when it may be used.
    public func refusal(for address: IPAddress) -> String? {
        guard let kind = address.specialKind, !allowPrivateNetwork, !allowedAddresses.contains(address) else {
            return nil
        }
        return "\(address) is a \(kind) address"
    }
}

/// An IPv4 or IPv6 address.
public enum IPAddress: Sendable, Equatable, CustomStringConvertible {
    case v4(UInt32)
    case v6([UInt8])

    /// Parses "192.0.2.1", "::1", "[::ffff:10.0.0.1]"; nil for anything else (host names).
    public init?(_ text: String) {
        var literal = Substring(text)
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = literal.dropFirst().dropLast() }
        if let zone = literal.firstIndex(of: "%") { literal = literal[..<zone] }
        if literal.contains(":") {
            var storage = in6_addr()
            guard inet_pton(AF_INET6, String(literal), &storage) == 1 else { return nil }
            self = .v6(withUnsafeBytes(of: storage) { Array($0) })
        } else {
            // Only the dotted-quad form; inet_pton refuses octal and short forms that browsers accept,
            // so those are checked by `IPAddress.lenientV4`.
            guard let value = Self.lenientV4(String(literal)) else { return nil }
            self = .v4(value)
        }
    }

    /// IPv4 as the URL standard reads it: "127.1", "0x7f.0.0.1", "2130706433" all mean 127.0.0.1.
    static func lenientV4(_ text: String) -> UInt32? {
        var parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // One trailing dot is allowed ("127.0.0.1.", "0."), as the URL standard has it.
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard !parts.isEmpty, parts.count <= 4, !text.isEmpty else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard !part.isEmpty else { return nil }
            let lower = part.lowercased()
            let value: UInt64?
            if lower.hasPrefix("0x") {
                value = lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16)
            } else if lower.count > 1 && lower.hasPrefix("0") {
                value = UInt64(lower.dropFirst(), radix: 8)
            } else {
                value = UInt64(lower, radix: 10)
            }
            guard let value else { return nil }
            numbers.append(value)
        }
        guard numbers.dropLast().allSatisfy({ $0 <= 255 }) else { return nil }
        let lastLimit = UInt64(1) << (8 * UInt64(5 - numbers.count))
        guard numbers.last! < lastLimit else { return nil }
        var result: UInt64 = numbers.last!
        for (index, number) in numbers.dropLast().enumerated() {
            result |= number << (8 * UInt64(3 - index))
        }
        return UInt32(truncatingIfNeeded: result)
    }

    public var description: String {
        switch self {
        case .v4(let value):
            return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
        case .v6(let bytes):
            var storage = in6_addr()
            withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: bytes) }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            inet_ntop(AF_INET6, &storage, &buffer, socklen_t(buffer.count))
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The kind of non-public address this is ("loopback", "private"…), nil for a public unicast address.
    public var specialKind: String? {
        switch self {
        case .v4(let value): return Self.kind(ofV4: value)
        case .v6(let bytes): return Self.kind(ofV6: bytes)
        }
    }

    static func kind(ofV4 value: UInt32) -> String? {
        func within(_ prefix: UInt32, _ length: UInt32) -> Bool {
            length == 0 || (value >> (32 - length)) == (prefix >> (32 - length))
        }
        if value == 0xA9FE_A9FE { return "cloud metadata" }  // 169.254.169.254
        if within(0x7F00_0000, 8) { return "loopback" }
        if within(0x0000_0000, 8) { return "unspecified" }
        if within(0x0A00_0000, 8) || within(0xAC10_0000, 12) || within(0xC0A8_0000, 16) { return "private" }
        if within(0xA9FE_0000, 16) { return "link-local" }
        if within(0x6440_0000, 10) { return "shared (CGNAT)" }
        if within(0xE000_0000, 4) { return "multicast" }
        if within(0xF000_0000, 4) { return "reserved" }
        if within(0xC000_0000, 24) || within(0xC612_0000, 15) { return "reserved" }  // 192.0.0/24, 198.18/15
        if within(0xC000_0200, 24) || within(0xC633_6400, 24) || within(0xCB00_7100, 24) { return "documentation" }
        return nil
    }

    static func kind(ofV6 bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return "invalid" }
        let prefix10 = bytes[0..<10].allSatisfy { $0 == 0 }
        let embedded = UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
        if prefix10 && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return kind(ofV4: embedded).map { "IPv4-mapped \($0)" }  // ::ffff:a.b.c.d
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) {
            return bytes[15] == 1 ? "loopback" : bytes[15] == 0 ? "unspecified" : "reserved"
        }
        if prefix10 && bytes[10] == 0 && bytes[11] == 0 {
            return kind(ofV4: embedded).map { "IPv4-compatible \($0)" } ?? "deprecated IPv4-compatible"
        }
        // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) carry an IPv4 address that is what gets reached.
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B
            && bytes[4..<12].allSatisfy({ $0 == 0 })
        {
            return kind(ofV4: embedded).map { "NAT64 \($0)" }
        }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            let inner = UInt32(bytes[2]) << 24 | UInt32(bytes[3]) << 16 | UInt32(bytes[4]) << 8 | UInt32(bytes[5])
            return kind(ofV4: inner).map { "6to4 \($0)" }
        }
        if bytes[0] == 0xFD && bytes[1] == 0x00 && bytes[2] == 0x0E && bytes[3] == 0xC2 { return "cloud metadata" }
        if bytes[0] & 0xFE == 0xFC { return "private (unique local)" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "link-local" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return "site-local" }
        if bytes[0] == 0xFF { return "multicast" }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return "documentation" }
        if bytes[0] == 0x01 && bytes[1..<8].allSatisfy({ $0 == 0 }) { return "discard-only" }
        return nil
    }
}

/// Host-name resolution through the system resolver.
enum HostResolver {
    /// Every address `host` resolves to; throws when it resolves to none.
    static func resolve(_ host: String) async throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        return try await withCheckedThrowingContinuation { continuation in
            DetachedThread.run {
                continuation.resume(with: Result { try lookup(host) })
            }
        }
    }

    private static func lookup(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == 0 ? "no addresses" : String(cString: gai_strerror(status))
            throw FetchError(.dns, "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socketAddress = entry.pointee.ai_addr {
                if entry.pointee.ai_family == AF_INET {
                    let address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                    let value = UInt32(bigEndian: address.sin_addr.s_addr)
                    addresses.append(.v4(value))
                } else if entry.pointee.ai_family == AF_INET6 {
                    let address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                    addresses.append(.v6(withUnsafeBytes(of: address.sin6_addr) { Array($0) }))
                }
            }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw FetchError(.dns, "cannot resolve \(host): no addresses") }
        return addresses
    }
}
