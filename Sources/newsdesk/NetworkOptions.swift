import ArgumentParser
import NewsdeskFetch

/// How commands that take URLs fetch them.
struct NetworkOptions: ParsableArguments {
    @Flag(help: "Allow fetching from loopback, private and link-local addresses (refused by default).")
    var allowPrivateNetwork = false

    @Option(help: "A URL that tells site owners who runs this Newsdesk; sent in the User-Agent.")
    var contactURL: String?

    @Option(help: "Seconds a whole request may take.")
    var timeout: Int = 60

    @Flag(help: "Fetch article pages even where robots.txt disallows them.")
    var ignoreRobots = false

    @Option(help: "Requests to one host at a time.")
    var hostConnections = 2

    @Option(help: "Milliseconds between the starts of two requests to one host.")
    var hostDelayMs = 500

    func validate() throws {
        guard (1...86_400).contains(timeout) else {
            throw ValidationError("--timeout must be from 1 to 86400 (seconds)")
        }
        guard (1...1024).contains(hostConnections) else {
            throw ValidationError("--host-connections must be from 1 to 1024")
        }
        guard (0...86_400_000).contains(hostDelayMs) else {
            throw ValidationError("--host-delay-ms must be from 0 to 86400000 (a day)")
        }
    }

    func makeFetcher(maxBodyBytes: Int) -> Fetcher {
        var settings = FetchSettings()
        settings.allowPrivateNetwork = allowPrivateNetwork
        if let contactURL { settings.contactURL = contactURL }
        settings.totalTimeout = .seconds(timeout)
        settings.respectRobots = !ignoreRobots
        settings.maxBodyBytes = maxBodyBytes
        settings.connectionsPerHost = hostConnections
        settings.perHostDelay = .milliseconds(hostDelayMs)
        return Fetcher(settings: settings)
    }
}

extension String {
    /// "scheme://…": a URL for the fetcher, which takes http and https and refuses the rest with a clear error.
    var isWebURL: Bool {
        guard let separator = firstMatch(of: "://") else { return false }
        let scheme = self[..<separator.lowerBound]
        return !scheme.isEmpty
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-") }
    }
}
