import Foundation
import NewsdeskFetch
import NewsdeskHTML

let policy = AddressPolicy()

/// What the fetcher would decide for a URL: its host read as the fetcher reads
/// it (`URLComponents`, brackets off, lower case), then the address policy.
enum Decision: Equatable {
    case notFetchable
    case hostName
    case allowed(IPAddress)
    case refused(IPAddress, String)
}

func decide(_ url: String) -> (Decision, written: String?) {
    guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
        scheme == "http" || scheme == "https", var host = components.host, !host.isEmpty
    else { return (.notFetchable, nil) }
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard let address = IPAddress(host.lowercased()) else { return (.hostName, components.string) }
    let decision = policy.refusal(for: address).map { Decision.refused(address, $0) } ?? .allowed(address)
    return (decision, components.string)
}

/// A URL through canonicalisation and the address policy. Newsdesk stores the
/// canonical URL and fetches it later, and an address is logged and compared
/// as text, so each must read back to the same decision; a URL that flips
/// from refused to allowed on the way is a way past the policy.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let canonical = CanonicalURL.canonical(raw)
    let (decision, written) = decide(canonical)
    if let written, decide(written).0 != decision {
        fatalError("decision changed when written back out: \(canonical) -> \(written)")
    }
    let again = CanonicalURL.canonical(canonical)
    if decide(again).0 != decision {
        fatalError("decision changed when canonicalised again: \(canonical) -> \(again)")
    }
    switch decision {
    case .allowed(let address), .refused(let address, _):
        guard let reread = IPAddress(address.description), reread == address,
            policy.refusal(for: reread) == policy.refusal(for: address)
        else { fatalError("address \(address) does not read back (from \(canonical))") }
    case .notFetchable, .hostName:
        break
    }
    return 0
}
