/// A fetched feed's entry, waiting for a worker to fetch, extract and check its page. The store keeps
/// what the desk needs of the entry as `payload`, text it does not read.
public struct QueuedEntry: Sendable, Equatable {
    public var id: Int64
    public var sourceID: Int64?
    /// The canonical URL of the page: the queue holds each page once.
    public var url: String
    public var payload: String
    /// How many times it has been claimed, this time included: more than one means a worker claimed it
    /// before and never handed it over (it crashed, or took longer than its lease).
    public var attempts: Int

    package init(id: Int64, sourceID: Int64?, url: String, payload: String, attempts: Int = 1) {
        self.id = id
        self.sourceID = sourceID
        self.url = url
        self.payload = payload
        self.attempts = attempts
    }
}

/// An entry to queue: its page, the page's host (what politeness limits count), and what the desk keeps of it.
public struct EntryToQueue: Sendable, Equatable {
    public var url: String
    public var host: String
    public var payload: String

    public init(url: String, host: String, payload: String) {
        self.url = url
        self.host = host
        self.payload = payload
    }
}

/// An extracted article a worker handed to the filer, waiting to be stored and placed in its story.
public struct HandedArticle: Sendable, Equatable {
    public var id: Int64
    public var article: ArticleInput
    /// The outlet grouping counts it under (the source's title, or the feed's).
    public var outlet: String?
    public var handedAt: Int

    package init(id: Int64, article: ArticleInput, outlet: String?, handedAt: Int) {
        self.id = id
        self.article = article
        self.outlet = outlet
        self.handedAt = handedAt
    }
}

/// Where the shared work stands, for workers to know when all is done and for metrics.
public struct WorkBacklog: Sendable, Equatable {
    /// Sources due and not claimed (by a live worker, within its lease).
    public var dueSources = 0
    /// Sources a worker is polling now.
    public var claimedSources = 0
    /// Entries waiting for a worker.
    public var queuedEntries = 0
    /// Entries a worker is fetching now.
    public var claimedEntries = 0
    /// Articles waiting to be filed.
    public var handedArticles = 0
    /// When the longest-waiting article was handed over.
    public var oldestHandedAt: Int?

    public init() {}

    /// Nothing due, queued, in hand or waiting to be filed.
    public var isEmpty: Bool {
        dueSources == 0 && claimedSources == 0 && queuedEntries == 0 && claimedEntries == 0 && handedArticles == 0
    }
}

/// A worker as its claims name it: its name, and the key of the lock it holds as long as it lives.
public struct WorkerIdentity: Sendable, Equatable {
    public var name: String
    public var key: Int32

    package init(name: String, key: Int32) {
        self.name = name
        self.key = key
    }
}

/// A lock held by a database session of its own: it ends with the process (or its connection), and
/// another process can then take it. What keeps a worker's claims alive, and the filing leadership.
public protocol SessionLock: AnyObject, Sendable {
    /// Whether it is still held; false once its connection is gone.
    func isHeld() -> Bool
    func release()
}

/// Work shared by processes on several machines through the store itself: sources due for polling and
/// fetched entries are claimed by exactly one worker; extracted articles are handed to the one process
/// that holds the filing leadership, which stores them and places them in stories. A claim lives as long
/// as its worker's session lock and at most its lease: a worker killed outright loses its claims at once
/// (its connection closes), one that hangs or is cut off loses them when the lease ends. Times are seconds
/// since 1970 (the machines' clocks are assumed to agree, as NTP keeps them), except the per-host spacing
/// in milliseconds.
public protocol SharedWork: Sendable {
    /// Makes a worker known: its identity, with the session lock that keeps its claims alive.
    func enlist(worker name: String) throws -> (WorkerIdentity, any SessionLock)
    /// Claims up to `limit` sources due at `time` that no live claim holds, the longest waiting first.
    /// The claim ends when the poll is recorded, or after `lease` seconds.
    func claimDueSources(worker: WorkerIdentity, at time: Int, lease: Int, limit: Int) throws -> [SourceRecord]
    /// Records a successful poll, as `recordPollSuccess`, and queues its entries (a page already queued
    /// is not queued twice), in one transaction that also ends the source's claim. How many were queued.
    @discardableResult
    func finishPoll(
        sourceID: Int64, etag: String?, lastModified: String?, newItems: Int, nextPollAt: Int,
        entries: [EntryToQueue], at time: Int
    ) throws -> Int
    /// Claims up to `limit` queued entries for `lease` seconds, oldest first, keeping to the politeness
    /// limits across all workers: at most `perHost` pages of one host in hand at once, and with
    /// `hostSpacing` milliseconds (now `milliseconds`) or more between two claims of one host's pages.
    func claimEntries(
        worker: WorkerIdentity, at time: Int, milliseconds: Int, lease: Int, limit: Int, perHost: Int, hostSpacing: Int
    ) throws -> [QueuedEntry]
    /// Hands over the article made of a claimed entry, and takes the entry off the queue, in one transaction.
    func handOff(entry id: Int64, article: ArticleInput, outlet: String?, at time: Int) throws
    /// Takes an entry off the queue with nothing handed over (its payload cannot be read).
    func dropEntry(_ id: Int64) throws
    /// The articles waiting to be filed, the first handed over first.
    func handedArticles(limit: Int) throws -> [HandedArticle]
    /// Takes filed articles off the hand-over table.
    func finishHandOff(_ ids: [Int64]) throws
    /// Ends a worker's claims, as it stops: others take its work at once.
    func releaseClaims(worker: WorkerIdentity) throws
    func backlog(at time: Int) throws -> WorkBacklog
    /// Takes the filing leadership if no other process holds it; nil when one does.
    func takeFilingLeadership() throws -> (any SessionLock)?
}
