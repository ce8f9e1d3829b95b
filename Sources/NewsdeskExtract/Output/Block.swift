/// One block of an article body, kept in three renderings at once.
struct Block: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case paragraph
        case heading(level: Int)
        case listItem(ordered: Bool)
        case quote
        case preformatted
        case tableRow(header: Bool)
        case caption
        case image
    }

    var kind: Kind
    var text: String
    var html: String
    var markdown: String
    /// The element whose text this block is.
    var source: Int
}
