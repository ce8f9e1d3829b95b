import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import NewsdeskWeb

/// Requests no reader would make: every one gets an answer — a clear 400 when a value is out of
/// range — and the server goes on answering.
@Suite("Hostile requests")
struct HostileRequestTests {
    static let badSince = #"{"error":{"message":"since must be a number of at most six digits and a unit: 90m, 24h, 7d"}}"#

    /// The first value schemathesis found to stop the server ("arithmetic overflow").
    @Test func anAbsurdSinceIsRefused() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            for since in ["1342726690468824727d", "9223372036854775807m", "1000000h", "-5d", "+5d", "d", "5", "5s"] {
                let (response, body) = try await get(client, "/api/v1/stories?since=\(since)")
                #expect(response.status == .badRequest, "since=\(since)")
                #expect(body == Self.badSince)
            }
            let (response, _) = try await get(client, "/api/v1/stories?since=999999d")
            #expect(response.status == .ok)
            let (front, _) = try await get(client, "/")
            #expect(front.status == .ok)
        }
    }
}
