/// An error from any Newsdesk layer: a stable `code` to match on, a one-line
/// human `message`, and the underlying `cause` when there is one.
public struct NewsdeskError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notFound = "not-found"
            case isDirectory = "is-directory"
            case unreadable
            case tooLarge = "too-large"
            case empty
            case binary
            case corruptCompression = "corrupt-compression"
            case unparseable
            case noContent = "no-content"
            case unsupported
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public var description: String { base.rawValue }

        /// The input names no file.
        public static let notFound = Code(.notFound)
        /// The input is a directory, not a file.
        public static let isDirectory = Code(.isDirectory)
        /// The input exists but could not be read.
        public static let unreadable = Code(.unreadable)
        /// The input is larger than the configured limit.
        public static let tooLarge = Code(.tooLarge)
        /// The input holds no bytes, or nothing but whitespace.
        public static let empty = Code(.empty)
        /// The input is not text (an image, an archive, an executable…).
        public static let binary = Code(.binary)
        /// A gzip stream is truncated or damaged.
        public static let corruptCompression = Code(.corruptCompression)
        /// The parser could not make a document of the input.
        public static let unparseable = Code(.unparseable)
        /// The page was read but holds no article.
        public static let noContent = Code(.noContent)
        /// The input is of a version or kind this newsdesk cannot use (a database made by a newer one).
        public static let unsupported = Code(.unsupported)
    }

    public let code: Code
    /// One sentence for a person; never the whole input.
    public let message: String
    public let cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { message }
}
