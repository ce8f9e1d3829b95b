import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NewsdeskStore
import Testing

@testable import NewsdeskWeb

/// The fixture desk with two users: alice (an admin) and bob, each with an app password.
struct Accounts {
    let fixture: Fixture
    let alice: UserRecord
    let bob: UserRecord
    let aliceApp: String
    let bobApp: String

    init() throws {
        fixture = try Fixture()
        // bcrypt at its lowest cost: the tests check the flow, not the hash's price.
        alice = try fixture.store.addUser(
            name: "alice", passwordHash: Bcrypt4.hash("alice-password"), isAdmin: true, at: Fixture.now)
        bob = try fixture.store.addUser(
            name: "bob", passwordHash: Bcrypt4.hash("bob-password"), isAdmin: false, at: Fixture.now)
        aliceApp = try AccountService.newAppPassword(alice, store: fixture.store, now: Fixture.now)
        bobApp = try AccountService.newAppPassword(bob, store: fixture.store, now: Fixture.now)
    }

    func router(publicReading: Bool = false) throws -> Router<ReaderContext> {
        try fixture.reader(publicReading: publicReading).router()
    }
}

enum Bcrypt4 {
    static func hash(_ password: String) -> String {
        Secrets.hashPassword(password, cost: 4)
    }
}

/// A form body.
func form(_ fields: [(String, String)]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.0)=\(Reader.queryEscape($0.1))" }.joined(separator: "&"))
}

let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged.append(field) }
        return merged
    }
}

@Suite("Accounts: logins, sessions and who may do what")
struct AccountTests {
    @Test func onceUsersExistReadingNeedsALogin() async throws {
        let accounts = try Accounts()
        try await Application(router: try accounts.router()).test(.router) { client in
            let front = try await client.execute(uri: "/stories/\(accounts.fixture.story)", method: .get)
            #expect(front.status == .seeOther)
            #expect(front.headers[.location] == "/login?next=%2Fstories%2F\(accounts.fixture.story)")
            #expect(try await client.execute(uri: "/api/v1/stories", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/static/site.css", method: .get).status == .ok)
        }
        try await Application(router: try accounts.router(publicReading: true)).test(.router) { client in
            #expect(try await client.execute(uri: "/", method: .get).status == .ok)
            // Reading is public; changing is still an admin's.
            let change = try await client.execute(
                uri: "/api/v1/sources", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"url\": \"https://new.example/rss\"}"))
            #expect(change.status == .unauthorized)
        }
    }

    @Test func aLoginSetsASessionThatReadsAndALogoutEndsIt() async throws {
        let accounts = try Accounts()
        try await Application(router: try accounts.router()).test(.router) { client in
            let csrf = "0123456789abcdef0123456789abcdef"
            let cookie = "newsdesk_csrf=\(csrf)"
            var headers = formType
            headers[.cookie] = cookie
            let wrong = try await client.execute(
                uri: "/login", method: .post, headers: headers,
                body: form([("csrf", csrf), ("name", "bob"), ("password", "nope"), ("next", "/")]))
            #expect(wrong.status == .unauthorized)
            let forged = try await client.execute(
                uri: "/login", method: .post, headers: formType,
                body: form([("csrf", csrf), ("name", "bob"), ("password", "bob-password")]))
            #expect(forged.status == .forbidden)
            // A browser on a page with Referrer-Policy: no-referrer sends "Origin: null" with its forms.
            headers[.origin] = "null"
            let right = try await client.execute(
                uri: "/login", method: .post, headers: headers,
                body: form([("csrf", csrf), ("name", "bob"), ("password", "bob-password"), ("next", "//evil.example/")])
            )
            #expect(right.status == .found)
            #expect(right.headers[.location] == "/")
            let setCookie = try #require(right.headers[values: .setCookie].first { $0.hasPrefix("newsdesk_session=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))
            let session = String(setCookie.split(separator: ";")[0])

            let page = try await client.execute(
                uri: "/articles/\(accounts.fixture.paper)", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            // Opening the article marked it read, and the page says so in its state block.
            #expect(html.contains("<script type=\"application/json\" id=\"reader-state\">"))
            #expect(html.contains("\"read\":[\(accounts.fixture.paper)]"))
            #expect(html.contains("\"user\":\"bob\""))
            let states = try accounts.fixture.store.itemStates(
                userID: accounts.bob.id, articles: [accounts.fixture.paper, accounts.fixture.agency])
            #expect(states[accounts.fixture.paper]?.read == true)
            #expect(states[accounts.fixture.agency]?.read == false)

            // bob is no admin: no changing sources.
            let change = try await client.execute(
                uri: "/api/v1/sources", method: .post,
                headers: [.contentType: "application/json", .cookie: session],
                body: ByteBuffer(string: "{\"url\": \"https://new.example/rss\"}"))
            #expect(change.status == .forbidden)

            var logout = formType
            logout[.cookie] = "\(session); \(cookie)"
            let out = try await client.execute(
                uri: "/logout", method: .post, headers: logout, body: form([("csrf", csrf)]))
            #expect(out.status == .found)
            let after = try await client.execute(uri: "/", method: .get, headers: [.cookie: session])
            #expect(after.status == .seeOther)
        }
    }

    @Test func anAdminTokenAndAnAdminsLoginChangeSourcesAndLoopbackNoLonger() async throws {
        let accounts = try Accounts()
        let token = try AccountService.newToken(accounts.alice, store: accounts.fixture.store, now: Fixture.now)
        try await Application(router: try accounts.router()).test(.router) { client in
            let body = ByteBuffer(string: "{\"url\": \"https://new.example/rss\"}")
            // The reader listens on loopback, which was enough before there were users.
            let anonymous = try await client.execute(
                uri: "/api/v1/sources", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(anonymous.status == .unauthorized)
            let admin = try await client.execute(
                uri: "/api/v1/sources", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(token)"], body: body)
            #expect(admin.status == .created)
        }
    }

    @Test func failedLoginsAreSlowedPerAddressAndAccount() async throws {
        let throttle = LoginThrottle(free: 3, longestWait: 60, memory: 600, capacity: 4)
        let keys = ["address 192.0.2.1", "user bob"]
        for _ in 0..<3 { throttle.failed(keys, now: 1_000) }
        #expect(throttle.wait(keys, now: 1_000) == 1)
        #expect(throttle.wait(keys, now: 1_001) == 0)
        for _ in 0..<4 { throttle.failed(keys, now: 1_001) }
        #expect(throttle.wait(["user bob"], now: 1_001) == 16)
        #expect(throttle.wait(["address 198.51.100.7", "user bob"], now: 1_001) == 16)
        // A success clears the account, not the address.
        throttle.succeeded("user bob")
        #expect(throttle.wait(["user bob"], now: 1_001) == 0)
        #expect(throttle.wait(["address 192.0.2.1"], now: 1_001) == 16)
        // Long after, forgotten; and many addresses do not grow it without end.
        #expect(throttle.wait(keys, now: 1_001 + 600) == 0)
        for number in 0..<20 { throttle.failed(["address 10.0.0.\(number)"], now: 5_000 + number) }
        #expect(throttle.wait(["address 10.0.0.19"], now: 5_019) == 0)
    }

    @Test func secretsAreKeptAsDigestsAndPasswordsAsBcrypt() throws {
        let hash = Secrets.hashPassword("correct horse", cost: 4)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(Secrets.verifyPassword("correct horse", hash: hash))
        #expect(!Secrets.verifyPassword("correct horsf", hash: hash))
        #expect(Secrets.random().count == 32)
        #expect(Secrets.random() != Secrets.random())
        #expect(Secrets.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.feverKey(user: "kevin", password: "pass") == "e71ac14d845bdf3ceffe7ff0325793e8")
    }
}

@Suite("The Google Reader API")
struct GoogleReaderTests {
    /// Logs in as apps do; the auth token.
    static func login(_ client: some TestClientProtocol, _ user: String, _ password: String) async throws -> String {
        let answer = try await client.execute(
            uri: "/api/greader/accounts/ClientLogin", method: .post, headers: formType,
            body: form([("Email", user), ("Passwd", password)]))
        #expect(answer.status == .ok)
        let auth = String(buffer: answer.body).split(separator: "\n").first { $0.hasPrefix("Auth=") }
        return String(try #require(auth).dropFirst(5))
    }

    /// The apps' APIs are described for schemathesis: every route the server answers, by its methods.
    @Test func theAppsDocumentDescribesEveryCall() throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(AppsOpenAPI.document.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(paths.count == 18)
        #expect(paths["/api/greader/reader/api/0/edit-tag"].map { Set($0.keys) } == ["post"])
        #expect(paths["/api/greader/reader/api/0/unread-count"].map { Set($0.keys) } == ["get", "post"])
        #expect(paths["/api/fever"].map { Set($0.keys) } == ["get", "post"])
    }

    @Test func itemIdsInEveryFormAppsSend() {
        #expect(GoogleReaderNames.longID(255) == "tag:google.com,2005:reader/item/00000000000000ff")
        #expect(GoogleReaderNames.itemID("tag:google.com,2005:reader/item/00000000000000ff") == 255)
        #expect(GoogleReaderNames.itemID("255") == 255)
        #expect(GoogleReaderNames.itemID("000255") == 255)
        // 0 is well formed and names no item.
        #expect(GoogleReaderNames.itemID("0") == 0)
        #expect(GoogleReaderNames.itemID("tag:google.com,2005:reader/item/7fffffffffffffff") == Int64.max)
        for bad in [
            "", "-5", "tag:google.com,2005:reader/item/", "tag:google.com,2005:reader/item/xyz", "1e3",
            "9999999999999999999", "tag:google.com,2005:reader/item/ffffffffffffffff",
            "tag:google.com,2005:reader/item/00000000000000FF", "00000000000000ff", "١٢٣",
        ] {
            #expect(GoogleReaderNames.itemID(bad) == nil, "\(bad)")
        }
    }

    @Test func loginListReadMarkAndTheRulesAppsRelyOn() async throws {
        let accounts = try Accounts()
        let store = accounts.fixture.store
        try await Application(router: try accounts.router()).test(.router) { client in
            let refused = try await client.execute(
                uri: "/api/greader/accounts/ClientLogin", method: .post, headers: formType,
                body: form([("Email", "bob"), ("Passwd", "bob-password")]))
            #expect(refused.status == .unauthorized)
            #expect(String(buffer: refused.body) == "Error=BadAuthentication\n")
            let auth = try await Self.login(client, "bob", accounts.bobApp)
            let headers: HTTPFields = [.authorization: "GoogleLogin auth=\(auth)"]
            let base = "/api/greader/reader/api/0"

            let list = try await client.execute(
                uri: "\(base)/subscription/list?output=json", method: .get, headers: headers)
            let subscriptions = try #require(
                (try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [String: Any])?["subscriptions"]
                    as? [[String: Any]])
            #expect(subscriptions.count == 4)
            #expect(subscriptions.first?["id"] as? String == "feed/https://wire.example/feed.xml")

            let ids = try await client.execute(
                uri:
                    "\(base)/stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=2",
                method: .get, headers: headers)
            let refs = try #require(
                (try JSONSerialization.jsonObject(with: Data(buffer: ids.body)) as? [String: Any])?["itemRefs"]
                    as? [[String: Any]])
            #expect(refs.map { $0["id"] as? String } == ["\(accounts.fixture.hostile)", "\(accounts.fixture.copy)"])

            let contents = try await client.execute(
                uri: "\(base)/stream/contents/feed%2Fhttps%3A%2F%2Fgazette.example%2Frss", method: .get,
                headers: headers)
            let stream = String(buffer: contents.body)
            #expect(
                stream.contains(
                    "\"id\":\"tag:google.com,2005:reader/item/\(String(format: "%016x", accounts.fixture.copy))\""))
            // The app learns the story in words, linked to its page.
            #expect(
                stream.contains(
                    "One of 3 reports of: Earthquake leaves dozens dead in fishing towns</a> — also Wire Service, The Daily"
                ))
            #expect(stream.contains("href=\\\"http://localhost/stories/\(accounts.fixture.story)\\\""))

            // A change without the T token is refused as stale, with the header apps look for.
            let noT = try await client.execute(
                uri: "\(base)/edit-tag", method: .post, headers: headers.merging(formType),
                body: form([("i", "\(accounts.fixture.copy)"), ("a", "user/-/state/com.google/read")]))
            #expect(noT.status == .unauthorized)
            #expect(noT.headers[HTTPField.Name("X-Reader-Google-Bad-Token")!] == "true")
            let t = String(buffer: try await client.execute(uri: "\(base)/token", method: .get, headers: headers).body)
            let marked = try await client.execute(
                uri: "\(base)/edit-tag", method: .post, headers: headers.merging(formType),
                body: form([
                    ("T", t), ("i", GoogleReaderNames.longID(accounts.fixture.copy)),
                    ("i", "\(accounts.fixture.agency)"),
                    ("a", "user/-/state/com.google/read"), ("a", "user/-/state/com.google/starred"),
                ]))
            #expect(marked.status == .ok)
            #expect(String(buffer: marked.body) == "OK")
            let states = try store.itemStates(
                userID: accounts.bob.id, articles: [accounts.fixture.copy, accounts.fixture.agency])
            #expect(states[accounts.fixture.copy] == ItemState(read: true, starred: true))
            #expect(states[accounts.fixture.agency] == ItemState(read: true, starred: true))
            #expect(
                try store.itemStates(userID: accounts.alice.id, articles: [accounts.fixture.copy]).values.first?.read
                    == false)

            let counts = try await client.execute(
                uri: "\(base)/unread-count?output=json", method: .get, headers: headers)
            let unreadCounts = try #require(
                (try JSONSerialization.jsonObject(with: Data(buffer: counts.body)) as? [String: Any])?["unreadcounts"]
                    as? [[String: Any]])
            #expect(
                unreadCounts.first { $0["id"] as? String == "user/-/state/com.google/reading-list" }?["count"] as? Int
                    == 2)

            // Everything read up to a time: what came later stays unread.
            let cut = (Fixture.now - 2_000) * 1_000_000
            _ = try await client.execute(
                uri: "\(base)/mark-all-as-read", method: .post, headers: headers.merging(formType),
                body: form([("T", t), ("s", "user/-/state/com.google/reading-list"), ("ts", "\(cut)")]))
            let unread = try store.itemIDs(
                userID: accounts.bob.id, ItemQuery(stream: .all, excluding: [.read], limit: 9))
            #expect(unread == [accounts.fixture.hostile])

            // Another user's streams, malformed ids and stale tokens get their errors.
            #expect(
                try await client.execute(
                    uri: "\(base)/stream/items/ids?s=user/\(accounts.alice.id)/state/com.google/starred", method: .get,
                    headers: headers
                ).status == .badRequest)
            #expect(
                try await client.execute(
                    uri: "\(base)/stream/items/contents", method: .post, headers: headers.merging(formType),
                    body: form([("i", "not-an-id")])
                ).status == .badRequest)
            let stale = try await client.execute(
                uri: "\(base)/user-info", method: .get, headers: [.authorization: "GoogleLogin auth=bob/expired"])
            #expect(stale.status == .unauthorized)
            #expect(stale.headers[HTTPField.Name("X-Reader-Google-Bad-Token")!] == "true")
            // Revoking the app password ends the apps' logins made with it.
            #expect(try store.removeCredentials(userID: accounts.bob.id, kind: .app) == 1)
            #expect(
                try await client.execute(uri: "\(base)/user-info", method: .get, headers: headers).status
                    == .unauthorized)
        }
    }
}

@Suite("The Fever API")
struct FeverTests {
    @Test func keyItemsAndMarks() async throws {
        let accounts = try Accounts()
        let key = Secrets.feverKey(user: "alice", password: accounts.aliceApp)
        try await Application(router: try accounts.router()).test(.router) { client in
            func call(_ query: String, _ fields: [(String, String)] = []) async throws -> [String: Any] {
                let answer = try await client.execute(
                    uri: "/api/fever?api&\(query)", method: .post, headers: formType,
                    body: form([("api_key", key)] + fields))
                return try #require(try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any])
            }
            let refused = try await client.execute(
                uri: "/api/fever?api", method: .post, headers: formType,
                body: form([("api_key", String(repeating: "0", count: 32))]))
            #expect(
                String(buffer: refused.body) == "{\"api_version\":3,\"auth\":0}"
                    || String(buffer: refused.body) == "{\"auth\":0,\"api_version\":3}")
            let items = try await call("items&since_id=0")
            #expect(items["auth"] as? Int == 1)
            #expect((items["items"] as? [[String: Any]])?.count == 4)
            #expect(items["total_items"] as? Int == 4)
            let unread = try await call("unread_item_ids")
            #expect(unread["unread_item_ids"] as? String == "1,2,3,4")
            let marked = try await call("", [("mark", "item"), ("as", "read"), ("id", "2")])
            #expect(marked["unread_item_ids"] as? String == "1,3,4")
            let saved = try await call("", [("mark", "item"), ("as", "saved"), ("id", "3")])
            #expect(saved["saved_item_ids"] as? String == "3")
            let all = try await call(
                "", [("mark", "group"), ("as", "read"), ("id", "0"), ("before", "\(Fixture.now)")])
            #expect(all["unread_item_ids"] as? String == "")
            let bad = try await client.execute(
                uri: "/api/fever?api", method: .post, headers: formType,
                body: form([("api_key", key), ("mark", "item"), ("as", "read"), ("id", "x")]))
            #expect(bad.status == .badRequest)
        }
    }
}
