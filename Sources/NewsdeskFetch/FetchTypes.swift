import NewsdeskCore

/// Why a fetch failed, in one line a person can act on.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case badURL = "bad URL"
        case refused = "refused"
        case dns = "DNS"
        case network = "network"
        case timeout = "timeout"
        case tooLarge = "too large"
        case tooManyRedirects = "too many redirects"
        case http = "HTTP"
        case robots = "robots.txt"
    }

    public var kind: Kind
    public var message: String
    /// The HTTP status, for `.http`.
    public var status: Int?
    /// From a 429 or 503's Retry-After header.
    public var retryAfter: Duration?

    public init(_ kind: Kind, _ message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
    }

    public var description: String { message }

    /// Worth trying again later: timeouts, network trouble, 5xx and 429.
    var isTransient: Bool {
        switch kind {
        case .timeout, .network: return true
        case .http: return status.map { $0 >= 500 || $0 == 429 } ?? false
        default: return false
        }
    }
}

/// How the fetcher behaves. The defaults suit following news sites politely.
public struct FetchSettings: Sendable {
    /// Where site owners can read about the crawler; it goes in the User-Agent.
    public var contactURL = "https://github.com/newsdesk/newsdesk"
    public var allowPrivateNetwork = false
    /// Non-public addresses allowed one by one, such as "127.0.0.1" or "192.168.1.20".
    public var allowedAddresses: [String] = []
    /// Largest body accepted, after decompression.
    public var maxBodyBytes = 10 * 1024 * 1024
    public var connectTimeout: Duration = .seconds(10)
    /// Longest wait for the next bytes of a response.
    public var readTimeout: Duration = .seconds(20)
    /// Longest a whole request may take, body included.
    public var totalTimeout: Duration = .seconds(60)
    public var maxRedirects = 5
    public var connectionsPerHost = 2
    /// Least time between the starts of two requests to one host.
    public var perHostDelay: Duration = .milliseconds(500)
    public var maxConcurrentRequests = 16
    /// Further attempts after a timeout, a network error, a 5xx or a 429.
    public var retries = 2
    /// First wait before a retry; each retry doubles it.
    public var retryBackoff: Duration = .seconds(1)
    /// Longest wait accepted from a `Retry-After` header; longer ones fail the fetch instead.
    public var maxRetryAfter: Duration = .seconds(30)
    /// Whether article pages honour the site's robots.txt.
    public var respectRobots = true

    public init() {}

    public var userAgent: String { "Newsdesk/0.4 (+\(contactURL))" }
}

/// What is being fetched decides the Accept header and whether robots.txt applies.
public enum FetchPurpose: Sendable {
    /// A feed: robots.txt does not apply to a feed the user subscribed to.
    case feed
    /// An article page found in a feed: robots.txt applies.
    case page
    /// robots.txt itself.
    case robots
}

/// Validators from an earlier fetch, for a conditional request.
public struct Validators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

public struct FetchResponse: Sendable {
    /// The URL finally answered, after redirects.
    public var url: String
    public var status: Int
    /// Header names in lower case; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The body, decompressed. Empty for 304.
    public var body: [UInt8]
    /// ETag and Last-Modified to store for the next conditional request.
    public var validators: Validators
    /// How many redirects were followed.
    public var redirects: Int

    public var notModified: Bool { status == 304 }

    /// The charset parameter of Content-Type, when given.
    public var charset: String? {
        guard let type = headers["content-type"] else { return nil }
        for parameter in type.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: " \t").lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: " \t\"'")
            }
        }
        return nil
    }
}
