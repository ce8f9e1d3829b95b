import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import NewsdeskWeb

/// A JSON value with its exact type (JSONSerialization on Linux cannot tell 1 from true).
enum JSONValue: Decodable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }
}

/// Checks JSON values against the OpenAPI document's schemas: types, required properties, and no
/// property the schema does not name.
struct SchemaChecker: @unchecked Sendable {
    let document: [String: Any]

    init() throws {
        document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPI.document.utf8)) as? [String: Any])
    }

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:]
        }
        return resolve(node as? [String: Any] ?? [:])
    }

    /// The problems with `value` against `schema`, each with its path.
    func problems(_ value: JSONValue, _ schema: [String: Any], at path: String = "$") -> [String] {
        let schema = resolve(schema)
        switch (schema["type"] as? String, value) {
        case ("object", .object(let object)):
            var found: [String] = []
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path).\(name) is missing")
            }
            if let properties = schema["properties"] as? [String: Any] {
                for (name, item) in object.sorted(by: { $0.key < $1.key }) {
                    guard let property = properties[name] as? [String: Any] else {
                        found.append("\(path).\(name) is not in the schema")
                        continue
                    }
                    found += problems(item, property, at: "\(path).\(name)")
                }
            }
            return found
        case ("array", .array(let array)):
            let items = schema["items"] as? [String: Any] ?? [:]
            return array.enumerated().flatMap { problems($0.element, items, at: "\(path)[\($0.offset)]") }
        case ("string", .string), ("integer", .integer), ("number", .integer), ("number", .number),
            ("boolean", .boolean), (nil, _):
            return []
        case (let type?, _):
            return ["\(path) is not \(type == "integer" || type == "array" || type == "object" ? "an" : "a") \(type)"]
        }
    }

    /// The schema of an answer: path, method and status as the document has them.
    func responseSchema(path: String, method: String, status: Int) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
            let operation = item[method] as? [String: Any], let responses = operation["responses"] as? [String: Any],
            let response = responses[String(status)] as? [String: Any]
        else { return nil }
        let resolved = resolve(response)
        guard let content = resolved["content"] as? [String: Any] else { return [:] }
        return (content["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }
}

@Suite("The JSON API against its OpenAPI document")
struct OpenAPITests {
    @Test func everyRouteIsInTheDocumentAndNothingElse() throws {
        let checker = try SchemaChecker()
        let paths = try #require(checker.document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
        let served = Set(API.routes.map { "\($0.method) \($0.path)" })
        #expect(documented == served)
    }

    @Test func everyAnswerMatchesItsSchema() async throws {
        let fixture = try Fixture()
        let checker = try SchemaChecker()
        let app = Application(router: try fixture.reader().router())
        // Each route with the requests that exercise it, and the status each must answer with.
        let calls: [(method: HTTPRequest.Method, uri: String, body: String?, path: String, status: Int)] = [
            (.get, "/api/v1/stories?since=7d", nil, "/api/v1/stories", 200),
            (.get, "/api/v1/stories?since=7d&limit=1", nil, "/api/v1/stories", 200),
            (.get, "/api/v1/stories?since=soon", nil, "/api/v1/stories", 400),
            (.get, "/api/v1/stories/\(fixture.story)", nil, "/api/v1/stories/{id}", 200),
            (.get, "/api/v1/stories/424242", nil, "/api/v1/stories/{id}", 404),
            (.get, "/api/v1/articles/\(fixture.agency)", nil, "/api/v1/articles/{id}", 200),
            (.get, "/api/v1/articles/\(fixture.paper)", nil, "/api/v1/articles/{id}", 200),
            (.get, "/api/v1/articles/424242", nil, "/api/v1/articles/{id}", 404),
            (.get, "/api/v1/search?q=earthquake&limit=2", nil, "/api/v1/search", 200),
            (.get, "/api/v1/search", nil, "/api/v1/search", 400),
            (.get, "/api/v1/sources", nil, "/api/v1/sources", 200),
            (.post, "/api/v1/sources", "{\"url\": \"https://new.example/rss\"}", "/api/v1/sources", 201),
            (.post, "/api/v1/sources", "{\"address\": 1}", "/api/v1/sources", 400),
            (.delete, "/api/v1/sources?url=https://new.example/rss", nil, "/api/v1/sources", 204),
            (.delete, "/api/v1/sources?url=https://new.example/rss", nil, "/api/v1/sources", 404),
            (.get, "/api/v1/openapi.json", nil, "/api/v1/openapi.json", 200),
        ]
        #expect(Set(calls.map { "\($0.method.rawValue.lowercased()) \($0.path)" }).count == API.ownRoutes.count)
        try await app.test(.router) { client in
            for call in calls {
                let response = try await client.execute(
                    uri: call.uri, method: call.method,
                    headers: call.body == nil ? [:] : [.contentType: "application/json"],
                    body: call.body.map { ByteBuffer(string: $0) })
                #expect(Int(response.status.code) == call.status, "\(call.method) \(call.uri)")
                let schema = checker.responseSchema(
                    path: call.path, method: call.method.rawValue.lowercased(), status: call.status)
                #expect(schema != nil, "\(call.method) \(call.path) \(call.status) is not documented")
                guard let schema, !schema.isEmpty else {
                    #expect(response.body.readableBytes == 0)
                    continue
                }
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let value = try JSONValue.parse(Data(buffer: response.body))
                #expect(checker.problems(value, schema) == [], "\(call.method) \(call.uri)")
            }
        }
    }

    /// A user's calls, with their token, each answer checked against its schema; without a token, 401.
    @Test func everyUserAnswerMatchesItsSchema() async throws {
        let fixture = try Fixture()
        let user = try fixture.store.addUser(name: "alice", passwordHash: "unused", isAdmin: false, at: Fixture.now)
        let token = try AccountService.newToken(user, store: fixture.store, now: Fixture.now)
        let checker = try SchemaChecker()
        let app = Application(router: try fixture.reader().router())
        let calls: [(method: HTTPRequest.Method, uri: String, body: String?, path: String, status: Int)] = [
            (.get, "/api/v1/me", nil, "/api/v1/me", 200),
            (.get, "/api/v1/me/items", nil, "/api/v1/me/items", 200),
            (.get, "/api/v1/me/items?stream=starred&limit=2", nil, "/api/v1/me/items", 200),
            (.get, "/api/v1/me/items?stream=story:\(fixture.story)", nil, "/api/v1/me/items", 200),
            (.get, "/api/v1/me/items?stream=nothing", nil, "/api/v1/me/items", 400),
            (.get, "/api/v1/me/items?stream=source:01", nil, "/api/v1/me/items", 400),
            (.post, "/api/v1/me/read", "{\"articles\": [\(fixture.agency)]}", "/api/v1/me/read", 200),
            (.post, "/api/v1/me/read", "{\"stories\": [\(fixture.story)], \"read\": false}", "/api/v1/me/read", 200),
            (.post, "/api/v1/me/read", "{\"articles\": [1.5]}", "/api/v1/me/read", 400),
            (.post, "/api/v1/me/read", "{\"articles\": [true]}", "/api/v1/me/read", 400),
            (.post, "/api/v1/me/read", "{}", "/api/v1/me/read", 200),
            (.post, "/api/v1/me/starred", "{\"articles\": [\(fixture.paper)]}", "/api/v1/me/starred", 200),
            (.post, "/api/v1/me/starred", "[]", "/api/v1/me/starred", 400),
            (.post, "/api/v1/me/mark-all-read", "{\"through\": \(fixture.agency)}", "/api/v1/me/mark-all-read", 200),
            (.post, "/api/v1/me/mark-all-read", "{\"through\": -1}", "/api/v1/me/mark-all-read", 400),
            (.get, "/api/v1/me/searches", nil, "/api/v1/me/searches", 200),
            (.post, "/api/v1/me/searches", "{\"name\": \"Quakes\", \"query\": \"quake\"}", "/api/v1/me/searches", 201),
            (.post, "/api/v1/me/searches", "{\"name\": \" \", \"query\": \"quake\"}", "/api/v1/me/searches", 400),
            (.delete, "/api/v1/me/searches/1", nil, "/api/v1/me/searches/{id}", 204),
            (.delete, "/api/v1/me/searches/1", nil, "/api/v1/me/searches/{id}", 404),
        ]
        #expect(Set(calls.map { "\($0.method.rawValue.lowercased()) \($0.path)" }).count == MeAPI.routes.count)
        try await app.test(.router) { client in
            for call in calls {
                var headers: HTTPFields = [.authorization: "Bearer \(token)"]
                if call.body != nil { headers[.contentType] = "application/json" }
                let response = try await client.execute(
                    uri: call.uri, method: call.method, headers: headers, body: call.body.map { ByteBuffer(string: $0) }
                )
                #expect(Int(response.status.code) == call.status, "\(call.method) \(call.uri)")
                let schema = checker.responseSchema(
                    path: call.path, method: call.method.rawValue.lowercased(), status: call.status)
                #expect(schema != nil, "\(call.method) \(call.path) \(call.status) is not documented")
                guard let schema, !schema.isEmpty else {
                    #expect(response.body.readableBytes == 0)
                    continue
                }
                let value = try JSONValue.parse(Data(buffer: response.body))
                #expect(checker.problems(value, schema) == [], "\(call.method) \(call.uri)")
            }
            // What the calls did, read back: the story unread again, the paper's report starred.
            let items = try await client.execute(
                uri: "/api/v1/me/items?stream=starred", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(String(buffer: items.body).contains("\"id\":\(fixture.paper)"))
            let anonymous = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(anonymous.status == .unauthorized)
            let revoked = try await client.execute(
                uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer 0123456789abcdef0123456789abcdef"])
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test func listsGoOnWithTheirCursor() async throws {
        let fixture = try Fixture()
        let app = Application(router: try fixture.reader().router())
        try await app.test(.router) { client in
            var uri = "/api/v1/stories?since=7d&limit=1"
            var seen: [Int] = []
            while true {
                let response = try await client.execute(uri: uri, method: .get)
                let page = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let stories = try #require(page["stories"] as? [[String: Any]])
                seen += stories.compactMap { $0["id"] as? Int }
                guard let cursor = page["next_cursor"] as? String else { break }
                uri = "/api/v1/stories?since=7d&limit=1&cursor=\(cursor)"
            }
            #expect(seen.count == 2)
            #expect(Set(seen).count == 2)
        }
    }
}
