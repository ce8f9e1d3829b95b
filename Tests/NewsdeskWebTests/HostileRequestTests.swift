import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import NewsdeskWeb

/// Requests no reader would make: every one gets an answer — a clear 400 when a value is out of
/// range — and the server goes on answering.
@Suite("Hostile requests")
struct HostileRequestTests {
    static let badSince =
        #"{"error":{"message":"since must be a number of at most six digits and a unit: 90m, 24h, 7d"}}"#

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

    /// Limits, cursors, offsets and days: each out of range is a 400 that says what is allowed.
    @Test func numbersOutOfRangeAreRefused() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        let refused: [(String, String)] = [
            ("/api/v1/stories?limit=0", "limit must be a whole number from 1 to 100"),
            ("/api/v1/stories?limit=99999999999999999999", "limit must be a whole number from 1 to 100"),
            ("/api/v1/stories?cursor=9223372036854775808-1", "not a cursor this API gave out"),
            ("/api/v1/stories?cursor=-1-1", "not a cursor this API gave out"),
            ("/api/v1/search?q=quake&cursor=9223372036854775807", "cursor must be a whole number from 0 to 999999"),
            ("/api/v1/search?q=quake&from=2024-02-30", "from must be a day written yyyy-mm-dd, from year 1 to 9999"),
            ("/api/v1/search?q=quake&to=99999999999-01-01", "to must be a day written yyyy-mm-dd, from year 1 to 9999"),
            ("/api/v1/search?q=%20%0A%C2%A0%EF%BB%BF", "q is needed: the words to search for"),
            // An empty field is a page's form's way of saying nothing; the API's a mistake.
            ("/api/v1/search?q=quake&to=", "to must be a day written yyyy-mm-dd, from year 1 to 9999"),
            ("/api/v1/search?q=quake&cursor=", "cursor must be a whole number from 0 to 999999"),
        ]
        try await app.test(.router) { client in
            for (uri, message) in refused {
                let (response, body) = try await get(client, uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(body == #"{"error":{"message":"\#(message)"}}"#, "\(uri)")
            }
            // The search page once added its start to the hits' count: Int.max trapped.
            let (page, html) = try await get(client, "/search?q=quake&start=9223372036854775807")
            #expect(page.status == .badRequest)
            #expect(html.contains("start must be a whole number from 0 to 999999"))
            let (story, _) = try await get(client, "/api/v1/stories/99999999999999999999999")
            #expect(story.status == .notFound)
            let (leap, _) = try await get(client, "/api/v1/search?q=quake&from=2024-02-29&to=9999-12-31")
            #expect(leap.status == .ok)
            // Words to JavaScript's \S, as the document's pattern reads: searched, found nothing.
            let (separator, _) = try await get(client, "/api/v1/search?q=%C2%85%1F")
            #expect(separator.status == .ok)
            let (emptyFields, _) = try await get(client, "/search?q=quake&from=&to=&start=")
            #expect(emptyFields.status == .ok)
        }
    }

    /// `+` in a query is a space, as forms send it, and `%2B` a plus.
    @Test func queriesAreReadAsFormsWriteThem() throws {
        let query = Query(raw: "q=quake+coast&outlet=The%20Daily&plus=1%2B1&q=second&empty")
        #expect(query["q"] == "quake coast")
        #expect(query["outlet"] == "The Daily")
        #expect(query["plus"] == "1+1")
        #expect(query["empty"] == "")
        #expect(query["missing"] == nil)
    }

    /// HEAD wherever GET is; 405 with `Allow` for a known address and another method; 404 only for
    /// addresses that do not exist; 401 says how to authenticate.
    @Test func methodsAreAnsweredAsHTTPSays() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader(token: "a-long-admin-token").router())
        try await app.test(.router) { client in
            for uri in ["/", "/stories/\(fixture.story)", "/api/v1/stories", "/api/v1/openapi.json", "/feed.atom"] {
                let got = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.status == got.status, "\(uri)")
                #expect(head.headers[.contentType] == got.headers[.contentType], "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
            }
            let put = try await client.execute(uri: "/api/v1/sources", method: .put)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "DELETE, GET, HEAD, POST")
            #expect(put.headers[.contentType] == "application/json; charset=utf-8")
            let post = try await client.execute(uri: "/stories/\(fixture.story)", method: .post)
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD")
            #expect(post.headers[.contentSecurityPolicy] != nil)
            let (missing, body) = try await get(client, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(body == #"{"error":{"message":"no such page: /api/v1/nothing-here"}}"#)
            let (page, html) = try await get(client, "/nothing/here")
            #expect(page.status == .notFound)
            #expect(html.contains("no such page: /nothing/here"))
            let unauthorized = try await client.execute(uri: "/api/v1/sources?url=x", method: .delete)
            #expect(unauthorized.status == .unauthorized)
            #expect(unauthorized.headers[.wwwAuthenticate] == "Bearer realm=\"newsdesk\"")
        }
    }

    /// Forms cut short, escapes that decode to nothing, boundaries longer than allowed: each an answer.
    @Test func brokenFormsAreAnswered() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        let token = String(repeating: "ab", count: 16)
        try await app.test(.router) { client in
            let cookie = "newsdesk_csrf=\(token)"
            let broken: [(String, String, String)] = [
                ("/sources/remove", "application/x-www-form-urlencoded", "url=%ZZ%&csrf=\(token)&%%=&=&&"),
                ("/sources", "application/x-www-form-urlencoded", "url=%F0%9F&csrf=\(token)"),
                (
                    "/sources/import", "multipart/form-data; boundary=\(String(repeating: "b", count: 500))",
                    "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)"
                ),
                (
                    "/sources/import", "multipart/form-data; boundary=x",
                    "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n--x\r\nContent-Disp"
                ),
            ]
            for (uri, type, body) in broken {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: [.contentType: type, .cookie: cookie],
                    body: ByteBuffer(string: body))
                #expect([.seeOther, .badRequest, .forbidden].contains(response.status), "\(uri) \(body)")
            }
            #expect(try fixture.store.sources().count == 4)
            let (front, _) = try await get(client, "/")
            #expect(front.status == .ok)
        }
    }
}
