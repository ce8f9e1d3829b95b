import NewsdeskStore
import Testing

/// What every store that keeps accounts must do, checked the same way on each.
public enum AccountCheck: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case usersAndTheirSecretsDigests
    case readStateFollowsTheWatermark
    case starsLabelsAndStreams
    case usersNeverSeeEachOthersState
    case savedSearchesAndFolders
    case itemsComeWithTheirSourceAndStory

    public var testDescription: String { rawValue }

    public func run(_ open: () throws -> any NewsStore & AccountStore) throws {
        let store = try open()
        switch self {
        case .usersAndTheirSecretsDigests: try AccountChecks.users(store)
        case .readStateFollowsTheWatermark: try AccountChecks.watermark(store)
        case .starsLabelsAndStreams: try AccountChecks.streams(store)
        case .usersNeverSeeEachOthersState: try AccountChecks.separation(store)
        case .savedSearchesAndFolders: try AccountChecks.searchesAndFolders(store)
        case .itemsComeWithTheirSourceAndStory: try AccountChecks.items(store)
        }
    }
}

enum AccountChecks {
    typealias Store = NewsStore & AccountStore

    /// Five articles from one source (ids in storing order), the first two in one story.
    static func articles(_ store: any Store, folder: String? = "World") throws -> (source: Int64, ids: [Int64]) {
        let source = try store.addSource(
            feedURL: "https://x.example/rss", title: "The Example", siteURL: "https://x.example/", folder: folder, at: 1
        )
        var ids: [Int64] = []
        for number in 1...5 {
            let article = Fixtures.article(
                "a\(number)", title: "Article \(number)", text: "Text number \(number).", sourceID: source.id)
            var input = article
            input.fetchedAt = 1_000 + number * 100
            ids.append(try store.store(input, at: input.fetchedAt).id)
        }
        let story = try store.openStory(headline: "Article 1", firstArticle: ids[0], at: 1_100)
        try store.place(article: ids[0], in: MembershipRecord(storyID: story, score: 0, sharedTerms: []), at: 1_100)
        try store.place(article: ids[1], in: MembershipRecord(storyID: story, score: 0.5, sharedTerms: []), at: 1_200)
        return (source.id, ids)
    }

    static func users(_ store: any Store) throws {
        #expect(try store.userCount() == 0)
        let alice = try store.addUser(name: "alice", passwordHash: "$2b$hash-a", isAdmin: true, at: 10)
        let bob = try store.addUser(name: "bob", passwordHash: "$2b$hash-b", isAdmin: false, at: 20)
        #expect(throws: (any Error).self) {
            try store.addUser(name: "alice", passwordHash: "x", isAdmin: false, at: 30)
        }
        #expect(try store.userCount() == 2)
        #expect(try store.users().map(\.name) == ["alice", "bob"])
        #expect(try store.user(named: "alice") == alice)
        #expect(try store.user(id: bob.id)?.isAdmin == false)
        #expect(try store.user(named: "carol") == nil)

        let session = try store.addCredential(
            userID: alice.id, kind: .session, digest: "s1", parent: nil, expiresAt: 1_000, at: 100)
        #expect(try store.credential(digest: "s1", kind: .session, at: 999)?.id == session)
        #expect(try store.credential(digest: "s1", kind: .session, at: 1_000) == nil)
        #expect(try store.credential(digest: "s1", kind: .token, at: 500) == nil)
        let app = try store.addCredential(
            userID: bob.id, kind: .app, digest: "a1", parent: nil, expiresAt: nil, at: 100)
        _ = try store.addCredential(userID: bob.id, kind: .fever, digest: "f1", parent: app, expiresAt: nil, at: 100)
        _ = try store.addCredential(userID: bob.id, kind: .greader, digest: "g1", parent: app, expiresAt: nil, at: 100)
        #expect(try store.credential(digest: "g1", kind: .greader, at: 200)?.user.name == "bob")
        // Ending the app password ends the keys and logins made from it.
        #expect(try store.removeCredentials(userID: bob.id, kind: .app) == 1)
        #expect(try store.credential(digest: "f1", kind: .fever, at: 200) == nil)
        #expect(try store.credential(digest: "g1", kind: .greader, at: 200) == nil)

        // A new password ends the browser sessions.
        #expect(try store.setPasswordHash(named: "alice", hash: "$2b$new"))
        #expect(try store.user(named: "alice")?.passwordHash == "$2b$new")
        #expect(try store.credential(digest: "s1", kind: .session, at: 500) == nil)
        #expect(try !store.setPasswordHash(named: "carol", hash: "x"))

        _ = try store.addCredential(userID: bob.id, kind: .token, digest: "t1", parent: nil, expiresAt: nil, at: 100)
        #expect(try store.removeUser(named: "bob"))
        #expect(try store.credential(digest: "t1", kind: .token, at: 200) == nil)
        #expect(try !store.removeUser(named: "bob"))
        #expect(try store.userCount() == 1)
    }

    static func watermark(_ store: any Store) throws {
        let (source, ids) = try articles(store)
        let user = try store.addUser(name: "alice", passwordHash: "h", isAdmin: false, at: 1).id
        let unread = ItemQuery(stream: .all, excluding: [.read], limit: 100)
        #expect(try store.itemIDs(userID: user, unread) == ids.reversed())
        #expect(try store.unreadCounts(userID: user) == UnreadCounts(total: 5, bySource: [source: 5]))

        try store.setRead(userID: user, articles: [ids[1], ids[3]], read: true)
        #expect(try store.itemStates(userID: user, articles: [ids[0], ids[1]])[ids[1]]?.read == true)
        #expect(try store.itemIDs(userID: user, unread) == [ids[4], ids[2], ids[0]])
        #expect(try store.unreadCounts(userID: user).total == 3)

        // Everything up to the third read; what came after it stays unread.
        try store.markRead(userID: user, stream: .all, throughArticle: ids[2])
        #expect(try store.itemIDs(userID: user, unread) == [ids[4]])
        #expect(try store.user(id: user)?.readThrough == ids[2])
        // Kept unread below the watermark.
        try store.setRead(userID: user, articles: [ids[1]], read: false)
        #expect(try store.itemIDs(userID: user, unread) == [ids[4], ids[1]])
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .keptUnread, limit: 10)) == [ids[1]])
        #expect(try store.unreadCounts(userID: user) == UnreadCounts(total: 2, bySource: [source: 2]))
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .read, limit: 10)) == [ids[3], ids[2], ids[0]])

        // A source marked read up to its newest.
        try store.markRead(userID: user, stream: .source(source), throughArticle: ids[4])
        #expect(try store.itemIDs(userID: user, unread).isEmpty)
        #expect(try store.unreadCounts(userID: user) == UnreadCounts(total: 0, bySource: [:]))
        // Marking read what is read already changes nothing; marking unread what is read by the watermark does.
        try store.setRead(userID: user, articles: [ids[0]], read: true)
        try store.setRead(userID: user, articles: [ids[0], 999_999], read: false)
        #expect(try store.itemIDs(userID: user, unread) == [ids[0]])
        #expect(try store.newestArticle() == ids[4])
        #expect(try store.lastArticle(fetchedBefore: 1_300) == ids[1])
        #expect(try store.lastArticle(fetchedBefore: 0) == 0)
    }

    static func streams(_ store: any Store) throws {
        let (source, ids) = try articles(store)
        let user = try store.addUser(name: "alice", passwordHash: "h", isAdmin: false, at: 1).id
        try store.setStarred(userID: user, articles: [ids[2], ids[0]], starred: true, at: 50)
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .starred, limit: 10)) == [ids[2], ids[0]])
        try store.setStarred(userID: user, articles: [ids[2]], starred: false, at: 60)
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .starred, limit: 10)) == [ids[0]])
        #expect(try store.itemStates(userID: user, articles: [ids[0]])[ids[0]] == ItemState(read: false, starred: true))

        try store.setLabel("later", userID: user, articles: [ids[1], ids[3]], on: true)
        try store.setLabel("keep", userID: user, articles: [ids[3]], on: true)
        #expect(try store.labels(userID: user) == ["keep", "later"])
        #expect(try store.labels(userID: user, articles: [ids[3]])[ids[3]] == ["keep", "later"])
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .label("later"), limit: 10)) == [ids[3], ids[1]])
        try store.setLabel("later", userID: user, articles: [ids[3]], on: false)
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .label("later"), limit: 10)) == [ids[1]])

        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .folder("World"), limit: 2)) == [ids[4], ids[3]])
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .folder("Sport"), limit: 2)).isEmpty)
        #expect(
            try store.itemIDs(userID: user, ItemQuery(stream: .source(source), after: ids[3], limit: 2)) == [
                ids[2], ids[1],
            ])
        #expect(
            try store.itemIDs(userID: user, ItemQuery(stream: .all, after: ids[1], oldestFirst: true, limit: 2))
                == [ids[2], ids[3]])
        #expect(
            try store.itemIDs(userID: user, ItemQuery(stream: .all, since: 1_300, until: 1_500, limit: 9)) == [
                ids[3], ids[2],
            ])
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .all, including: [.starred], limit: 9)) == [ids[0]])
        let story = try #require(try store.membership(ofArticle: ids[0])?.storyID)
        #expect(try store.itemIDs(userID: user, ItemQuery(stream: .story(story), limit: 9)) == [ids[1], ids[0]])
        #expect(try store.unreadReports(userID: user, stories: [story]) == [story: 2])
        try store.markRead(userID: user, stream: .story(story), throughArticle: ids[4])
        #expect(try store.unreadReports(userID: user, stories: [story]) == [:])
        #expect(try store.unreadCounts(userID: user).total == 3)
        // Nobody (user 0) has read nothing.
        #expect(
            try store.itemIDs(userID: 0, ItemQuery(stream: .all, excluding: [.read], limit: 2)) == [ids[4], ids[3]])
    }

    static func separation(_ store: any Store) throws {
        let (_, ids) = try articles(store)
        let alice = try store.addUser(name: "alice", passwordHash: "h", isAdmin: false, at: 1).id
        let bob = try store.addUser(name: "bob", passwordHash: "h", isAdmin: false, at: 1).id
        try store.setRead(userID: alice, articles: [ids[0]], read: true)
        try store.setStarred(userID: alice, articles: [ids[1]], starred: true, at: 5)
        try store.setLabel("mine", userID: alice, articles: [ids[2]], on: true)
        try store.markRead(userID: alice, stream: .all, throughArticle: ids[3])
        _ = try store.saveSearch(userID: alice, name: "quakes", query: "quake", at: 5)
        #expect(try store.unreadCounts(userID: bob).total == 5)
        #expect(try store.itemIDs(userID: bob, ItemQuery(stream: .starred, limit: 9)).isEmpty)
        #expect(try store.itemIDs(userID: bob, ItemQuery(stream: .label("mine"), limit: 9)).isEmpty)
        #expect(try store.labels(userID: bob).isEmpty)
        #expect(try store.savedSearches(userID: bob).isEmpty)
        #expect(try !store.removeSavedSearch(userID: bob, id: store.savedSearches(userID: alice)[0].id))
        #expect(try store.unreadCounts(userID: alice).total == 1)
        // Removing alice leaves bob as he was.
        #expect(try store.removeUser(named: "alice"))
        #expect(try store.unreadCounts(userID: bob).total == 5)
    }

    static func searchesAndFolders(_ store: any Store) throws {
        let (source, _) = try articles(store)
        let user = try store.addUser(name: "alice", passwordHash: "h", isAdmin: false, at: 1).id
        let first = try store.saveSearch(userID: user, name: "quakes", query: "quake", at: 5)
        _ = try store.saveSearch(userID: user, name: "floods", query: "flood*", at: 6)
        let replaced = try store.saveSearch(userID: user, name: "quakes", query: "earthquake", at: 7)
        #expect(replaced.id == first.id)
        #expect(try store.savedSearches(userID: user).map(\.name) == ["floods", "quakes"])
        #expect(try store.savedSearches(userID: user).last?.query == "earthquake")
        #expect(try store.removeSavedSearch(userID: user, id: first.id))
        #expect(try store.savedSearches(userID: user).map(\.name) == ["floods"])

        #expect(try store.renameFolder("World", to: "News") == 1)
        #expect(try store.sources().first?.folder == "News")
        #expect(try store.updateSource(id: source, title: "Renamed", folder: .some(nil)))
        #expect(try store.sources().first?.title == "Renamed")
        #expect(try store.sources().first?.folder == nil)
        #expect(try !store.updateSource(id: 999_999, title: "x", folder: nil))
    }

    static func items(_ store: any Store) throws {
        let (source, ids) = try articles(store)
        let items = try store.items([ids[1], 999_999, ids[0]])
        #expect(items.map(\.id) == [ids[1], ids[0]])
        #expect(items[0].title == "Article 2")
        #expect(items[0].outlet == "The Example")
        #expect(items[0].sourceID == source)
        #expect(items[0].feedURL == "https://x.example/rss")
        #expect(items[0].folder == "World")
        #expect(items[0].fetchedAt == 1_200)
        let story = try #require(items[0].storyID)
        let summaries = try store.storySummaries([story, story, 999_999])
        #expect(summaries.count == 1)
        #expect(summaries[story]?.articleCount == 2)
        #expect(summaries[story]?.outlets == ["The Example"])
    }
}
