import Foundation

/// An OpenAPI 3.1 description of the apps' APIs (Google Reader at /api/greader, Fever at /api/fever),
/// served at /api/apps/openapi.json so that schemathesis can fuzz them as it does the JSON API. These
/// protocols are not Newsdesk's: the document says what they take and answer here, loosely where the
/// server checks more than a schema can say (stream names, which tags go with which calls).
enum AppsOpenAPI {
    static let document: String = {
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes]))
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }()

    typealias Object = [String: Any]

    static let bigID: Int64 = Int64.max
    static let latestSecond: Int64 = Int64(Int32.max) * 1_000

    static var root: Object {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Newsdesk: the Google Reader and Fever APIs", "version": "1.0.0",
                "description":
                    "What reading apps speak. Google Reader: ClientLogin with a user name and an app password "
                    + "gives an auth token for `Authorization: GoogleLogin auth=…`; calls that change something "
                    + "also carry the `T` token from reader/api/0/token. Fever: `api_key` is md5 of "
                    + "\"user:app password\".",
            ],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "googleLogin": [
                        "type": "apiKey", "in": "header", "name": "Authorization",
                        "description": "GoogleLogin auth=<the Auth line of accounts/ClientLogin>",
                    ]
                ]
            ],
        ]
    }

    // MARK: Pieces

    static func text(_ description: String) -> Object {
        ["description": description, "content": ["text/plain": ["schema": ["type": "string"]]]]
    }

    static func json(_ description: String, _ schema: Object) -> Object {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    static var unauthorized: Object {
        [
            "description": "No auth token, a stale one, or (on a change) no T token or a stale one",
            "headers": ["X-Reader-Google-Bad-Token": ["schema": ["type": "string", "enum": ["true"]]]],
            "content": ["text/plain": ["schema": ["type": "string"]]],
        ]
    }

    static func object(_ properties: Object, required: [String] = []) -> Object {
        ["type": "object", "properties": properties, "required": required]
    }

    static var string: Object {
        ["type": "string"]
    }
    static var integer: Object {
        ["type": "integer"]
    }

    static func strings(_ item: Object = ["type": "string"]) -> Object {
        ["type": "array", "items": item, "maxItems": 20]
    }

    static func query(_ name: String, _ schema: Object, required: Bool = false, _ description: String = "") -> Object {
        var parameter: Object = ["name": name, "in": "query", "required": required, "schema": schema]
        if !description.isEmpty { parameter["description"] = description }
        if schema["type"] as? String == "array" {
            parameter["style"] = "form"
            parameter["explode"] = true
        }
        return parameter
    }

    /// A form body. A field that may be repeated (`i=1&i=2`) is one value or a list of them: a form
    /// cannot tell a list of one from a single value.
    static func form(_ properties: Object, required: [String] = [], bodyRequired: Bool = true) -> Object {
        var fields = properties
        var arrays: [String] = []
        for (name, value) in properties {
            guard let schema = value as? Object, schema["type"] as? String == "array", let item = schema["items"] else {
                continue
            }
            arrays.append(name)
            fields[name] = ["anyOf": [item, schema]]
        }
        var media: Object = ["schema": object(fields, required: required)]
        if !arrays.isEmpty {
            media["encoding"] = Dictionary(
                uniqueKeysWithValues: arrays.map { ($0, ["style": "form", "explode": true]) })
        }
        return ["required": bodyRequired, "content": ["application/x-www-form-urlencoded": media]]
    }

    /// A stream: `user/-/state/com.google/…`, `user/-/label/NAME`, `feed/URL`.
    static var stream: Object {
        ["type": "string", "minLength": 1, "maxLength": 500]
    }
    /// An item: the long form (hexadecimal) or decimal; 0 names no item.
    static var item: Object {
        [
            "type": "string",
            "pattern": "^(tag:google\\.com,2005:reader/item/([0-9a-f]{1,15}|[0-7][0-9a-f]{15})|[0-9]{1,18})$",
        ]
    }

    /// A Google Reader call: its errors are plain text.
    static func greader(
        _ summary: String, parameters: [Object] = [], body: Object? = nil, ok: Object, changes: Bool = false
    ) -> Object {
        var responses: Object = [
            "200": ok, "400": text("A parameter is malformed, or names what the call cannot take"),
            "401": unauthorized, "404": text("No such thing"), "503": text("The desk cannot be read now"),
        ]
        if changes {
            responses["403"] = text("Only an admin may change the desk's sources and folders")
            responses["405"] = text("Changes are POSTed")
            responses["413"] = text("The body is larger than 2 MB")
            responses["422"] = text("The address could not be followed")
        } else if body != nil {
            responses["413"] = text("The body is larger than 2 MB")
        }
        var operation: Object = [
            "summary": summary, "security": [["googleLogin": []]], "parameters": parameters, "responses": responses,
        ]
        if let body { operation["requestBody"] = body }
        return operation
    }

    /// What a call that only reads answers to GET and to POST alike (apps use both).
    static func reading(_ operation: Object) -> Object {
        ["get": operation, "post": operation]
    }

    static var streamQuery: [Object] {
        [
            query(
                "n", ["type": "integer", "minimum": 1, "maximum": bigID], "How many (at most 1,000 items, 10,000 ids)"),
            query("r", string, "o: the oldest first; anything else, the newest first"),
            query("c", ["type": "string", "pattern": "^[0-9]{0,18}$"], "The continuation of the previous answer"),
            query(
                "ot", ["type": "integer", "minimum": 0, "maximum": latestSecond],
                "Only items fetched at this time or later"),
            query(
                "nt", ["type": "integer", "minimum": 0, "maximum": latestSecond], "Only items fetched before this time"),
            query("xt", strings(stream), "Leave out the items of these streams"),
            query("it", strings(stream), "Only the items also in these streams"),
            query("output", string),
        ]
    }

    static var itemSchema: Object {
        object(
            [
                "id": string, "crawlTimeMsec": string, "timestampUsec": string, "published": integer,
                "updated": integer,
                "title": string, "categories": strings(), "author": string,
                "canonical": ["type": "array", "items": object(["href": string], required: ["href"])],
                "alternate": ["type": "array", "items": object(["href": string, "type": string], required: ["href"])],
                "origin": object(["streamId": string, "title": string, "htmlUrl": string], required: ["streamId"]),
                "summary": object(["direction": string, "content": string], required: ["content"]),
            ], required: ["id", "title", "categories", "origin", "summary", "published", "crawlTimeMsec"])
    }

    static var streamAnswer: Object {
        json(
            "The items",
            object(
                [
                    "id": string, "updated": integer, "items": ["type": "array", "items": itemSchema],
                    "continuation": string,
                ],
                required: ["id", "items"]))
    }

    static var ok: Object {
        text("OK")
    }

    static var paths: Object {
        let api = "/api/greader/reader/api/0"
        return [
            "/api/greader/accounts/ClientLogin": [
                "get": [
                    "summary": "Log in with a user name and an app password, in the address",
                    "parameters": [query("Email", string), query("Passwd", string), query("output", string)],
                    "responses": clientLoginAnswers,
                ],
                "post": [
                    "summary": "Log in with a user name and an app password",
                    "requestBody": form(["Email": string, "Passwd": string, "output": string]),
                    "responses": clientLoginAnswers,
                ],
            ],
            "\(api)/token": reading(greader("The T token for changes", ok: text("The token"))),
            "\(api)/user-info": reading(
                greader(
                    "The user",
                    ok: json(
                        "The user",
                        object(
                            ["userId": string, "userName": string, "userProfileId": string, "userEmail": string],
                            required: ["userId", "userName"])))),
            "\(api)/subscription/list": reading(
                greader(
                    "The followed feeds, with their folders", parameters: [query("output", string)],
                    ok: json(
                        "The subscriptions",
                        object(
                            [
                                "subscriptions": [
                                    "type": "array",
                                    "items": object(
                                        [
                                            "id": string, "title": string, "url": string, "htmlUrl": string,
                                            "iconUrl": string,
                                            "categories": [
                                                "type": "array",
                                                "items": object(["id": string, "label": string], required: ["id"]),
                                            ],
                                        ], required: ["id", "title", "categories"]),
                                ]
                            ], required: ["subscriptions"])))),
            "\(api)/subscription/edit": [
                "post": greader(
                    "Subscribe, unsubscribe, or rename and move feeds (an admin's)",
                    body: form(
                        [
                            "ac": ["type": "string", "enum": ["subscribe", "unsubscribe", "edit"]],
                            "s": strings(stream),
                            "t": string, "a": stream, "r": stream, "T": string,
                        ], required: ["s", "T"]), ok: ok, changes: true)
            ],
            "\(api)/subscription/quickadd": [
                "post": greader(
                    "Follow a feed or a site (an admin's)",
                    body: form(["quickadd": string, "T": string], required: ["quickadd", "T"]),
                    ok: json("What is followed", object(["numResults": integer, "streamId": string])), changes: true)
            ],
            "\(api)/tag/list": reading(
                greader(
                    "Starred, the folders and the user's labels", parameters: [query("output", string)],
                    ok: json(
                        "The tags",
                        object(
                            [
                                "tags": [
                                    "type": "array", "items": object(["id": string, "type": string], required: ["id"]),
                                ]
                            ],
                            required: ["tags"])))),
            "\(api)/rename-tag": [
                "post": greader(
                    "Rename a folder (an admin's) or the user's label",
                    body: form(["s": stream, "t": string, "dest": stream, "T": string], required: ["T"]), ok: ok,
                    changes: true)
            ],
            "\(api)/disable-tag": [
                "post": greader(
                    "Take a folder (an admin's) or the user's label away",
                    body: form(["s": stream, "t": string, "T": string], required: ["T"]), ok: ok, changes: true)
            ],
            "\(api)/unread-count": reading(
                greader(
                    "Unread items by feed, folder and in all", parameters: [query("output", string)],
                    ok: json(
                        "The counts",
                        object(
                            [
                                "max": integer,
                                "unreadcounts": [
                                    "type": "array",
                                    "items": object(
                                        ["id": string, "count": integer, "newestItemTimestampUsec": string],
                                        required: ["id", "count"]),
                                ],
                            ], required: ["unreadcounts"])))),
            "\(api)/stream/contents": reading(
                greader(
                    "A stream's items (the reading list unless s names another)",
                    parameters: [query("s", stream)] + streamQuery, ok: streamAnswer)),
            "\(api)/stream/contents/{stream}": reading(
                greader(
                    "A stream's items",
                    parameters: [["name": "stream", "in": "path", "required": true, "schema": stream]]
                        + streamQuery, ok: streamAnswer)),
            "\(api)/stream/items/ids": reading(
                greader(
                    "A stream's item ids", parameters: [query("s", stream)] + streamQuery,
                    ok: json(
                        "The ids",
                        object(
                            [
                                "itemRefs": [
                                    "type": "array",
                                    "items": object(
                                        ["id": ["type": "string", "pattern": "^[0-9]+$"], "timestampUsec": string],
                                        required: ["id"]),
                                ], "continuation": string,
                            ], required: ["itemRefs"])))),
            "\(api)/stream/items/contents": [
                "post": greader(
                    "Items by id (at most 1,000)",
                    body: form(
                        ["i": ["type": "array", "minItems": 1, "maxItems": 1_000, "items": item], "T": string],
                        required: ["i"]),
                    ok: streamAnswer)
            ],
            "\(api)/edit-tag": [
                "post": greader(
                    "Add and remove read, starred, kept-unread and the user's labels on items (at most 10,000)",
                    body: form(
                        [
                            "i": ["type": "array", "minItems": 1, "maxItems": 10_000, "items": item],
                            "a": strings(stream), "r": strings(stream), "T": string,
                        ], required: ["i", "T"]), ok: ok, changes: true)
            ],
            "\(api)/mark-all-as-read": [
                "post": greader(
                    "Mark a stream read up to a time (microseconds)",
                    body: form(
                        [
                            "s": stream, "ts": ["type": "integer", "minimum": 0, "maximum": latestSecond * 1_000_000],
                            "T": string,
                        ], required: ["s", "T"]), ok: ok, changes: true)
            ],
            "/api/greader/reader/atom/{stream}": reading(
                greader(
                    "A stream as Atom, as newsboat reads it",
                    parameters: [["name": "stream", "in": "path", "required": true, "schema": stream]] + streamQuery,
                    ok: ["description": "The feed", "content": ["application/atom+xml": ["schema": string]]])),
            "/api/fever": ["get": feverByAddress, "post": fever],
        ]
    }

    /// Fever asked by GET: everything in the address (the server reads no body on a GET).
    static var feverByAddress: Object {
        var operation = fever
        let body =
            ((((operation["requestBody"] as? Object)?["content"] as? Object)?["application/x-www-form-urlencoded"]
            as? Object)?["schema"] as? Object)?["properties"] as? Object ?? [:]
        operation["requestBody"] = nil
        operation["parameters"] =
            (operation["parameters"] as? [Object] ?? [])
            + body.keys.sorted().map { query($0, body[$0] as? Object ?? string) }
        return operation
    }

    static var clientLoginAnswers: Object {
        [
            "200": [
                "description": "SID=, LSID= and Auth= lines (JSON with output=json)",
                "content": [
                    "text/plain": ["schema": string],
                    "application/json": ["schema": object(["Auth": string], required: ["Auth"])],
                ],
            ],
            "400": text("Error=BadRequest"), "401": text("Error=BadAuthentication"),
            "413": text("The body is larger than 2 MB"),
            "429": [
                "description": "Error=TooManyAttempts",
                "headers": ["Retry-After": ["schema": integer]],
                "content": ["text/plain": ["schema": string]],
            ],
            "503": text("Error=ServiceUnavailable"),
        ]
    }

    static var fever: Object {
        let answer = object(
            ["api_version": integer, "auth": ["type": "integer", "enum": [0, 1]]], required: ["api_version", "auth"])
        let flags = [
            "api", "groups", "feeds", "favicons", "items", "links", "unread_item_ids", "saved_item_ids",
        ].map { query($0, string) }
        return [
            "summary": "Fever: the parts asked for by name, and marks",
            "parameters": flags + [
                query("since_id", ["type": "integer", "minimum": 0, "maximum": bigID]),
                query("max_id", ["type": "integer", "minimum": 0, "maximum": bigID]),
                query("with_ids", ["type": "string", "pattern": "^[0-9]{1,18}(,[0-9]{1,18}){0,49}$"]),
            ],
            // The key is posted, as the protocol has it; some apps put it in the address instead.
            "requestBody": form(
                [
                    "api_key": string, "mark": ["type": "string", "enum": ["item", "feed", "group"]],
                    "as": ["type": "string", "enum": ["read", "unread", "saved", "unsaved"]],
                    "id": ["type": "integer", "minimum": -1, "maximum": bigID],
                    "before": ["type": "integer", "minimum": 0, "maximum": latestSecond],
                ], bodyRequired: false),
            "responses": [
                "200": json("What was asked for; auth 0 when the key is wrong", answer),
                "400": json("A parameter is malformed", answer), "404": json("No such group", answer),
                "413": json("The body is larger than 2 MB", answer), "503": json("The desk cannot be read now", answer),
            ],
        ]
    }
}
