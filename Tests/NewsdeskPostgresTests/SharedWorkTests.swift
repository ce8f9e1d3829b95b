import NewsdeskStore
import NewsdeskStoreConformance
import Testing

@testable import NewsdeskPostgres

@Suite(
    "Work shared through PostgreSQL",
    .enabled(
        if: PostgresTestDatabase.text != nil,
        "NEWSDESK_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against (see .ci/run)"))
struct SharedWorkTests {
    /// Runs `body` with two stores on one new schema: two workers' connections to the same desk.
    private func withTwoStores(_ body: (PostgresStore, PostgresStore) throws -> Void) throws {
        try PostgresTestDatabase.withSchema { url, schema in
            let first = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
            let second = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
            try body(first, second)
        }
    }

    /// Two workers, "one" and "two", enlisted on the two stores; their locks are released afterwards.
    private func withTwoWorkers(
        _ body: (PostgresStore, WorkerIdentity, any SessionLock, PostgresStore, WorkerIdentity, any SessionLock) throws
            -> Void
    ) throws {
        try withTwoStores { first, second in
            let (one, oneLock) = try first.enlist(worker: "one")
            let (two, twoLock) = try second.enlist(worker: "two")
            defer {
                oneLock.release()
                twoLock.release()
            }
            try body(first, one, oneLock, second, two, twoLock)
        }
    }

    private func entry(_ path: String, host: String = "news.example") -> EntryToQueue {
        EntryToQueue(url: "https://\(host)/\(path)", host: host, payload: "{\"page\":\"\(path)\"}")
    }

    @Test func aDueSourceIsClaimedByOneWorkerUntilItsLeaseEnds() throws {
        try withTwoWorkers { first, one, _, second, two, _ in
            for name in ["a", "b", "c"] {
                _ = try first.addSource(
                    feedURL: "https://\(name).example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            }
            let mine = try first.claimDueSources(worker: one, at: 100, lease: 30, limit: 2)
            #expect(mine.map(\.feedURL) == ["https://a.example/feed", "https://b.example/feed"])
            let theirs = try second.claimDueSources(worker: two, at: 101, lease: 30, limit: 5)
            #expect(theirs.map(\.feedURL) == ["https://c.example/feed"])
            #expect(try second.claimDueSources(worker: two, at: 129, lease: 30, limit: 5).isEmpty)
            // "one" hangs: its claims end with their lease, and the sources are due again for others.
            let takenOver = try second.claimDueSources(worker: two, at: 131, lease: 30, limit: 5)
            #expect(takenOver.map(\.feedURL) == ["https://a.example/feed", "https://b.example/feed"])
        }
    }

    @Test func aPollRecordedEndsTheClaimAndQueuesEachPageOnce() throws {
        try withTwoWorkers { first, one, _, second, two, _ in
            let source = try first.addSource(
                feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            _ = try first.claimDueSources(worker: one, at: 100, lease: 30, limit: 1)
            let queued = try first.finishPoll(
                sourceID: source.id, etag: "e1", lastModified: nil, newItems: 2, nextPollAt: 1_000,
                entries: [entry("1"), entry("2"), entry("1")], at: 110)
            #expect(queued == 2)
            #expect(try second.sources().first?.itemsSeen == 2)
            #expect(try second.sources().first?.etag == "e1")
            var backlog = try second.backlog(at: 120)
            #expect(backlog.claimedSources == 0)
            #expect(backlog.queuedEntries == 2)
            #expect(
                try second.finishPoll(
                    sourceID: source.id, etag: "e1", lastModified: nil, newItems: 0, nextPollAt: 2_000,
                    entries: [entry("2")], at: 130) == 0)
            let claimed = try second.claimEntries(
                worker: two, at: 140, milliseconds: 140_000, lease: 30, limit: 10, perHost: 5, hostSpacing: 0)
            #expect(claimed.map(\.url) == ["https://news.example/1", "https://news.example/2"])
            #expect(claimed.map(\.payload) == ["{\"page\":\"1\"}", "{\"page\":\"2\"}"])
            #expect(claimed.map(\.attempts) == [1, 1])
            backlog = try second.backlog(at: 141)
            #expect(backlog.queuedEntries == 0)
            #expect(backlog.claimedEntries == 2)
            #expect(!backlog.isEmpty)
        }
    }

    @Test func perHostLimitsHoldAcrossWorkers() throws {
        try withTwoWorkers { first, one, _, second, two, _ in
            let source = try first.addSource(
                feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            try first.finishPoll(
                sourceID: source.id, etag: nil, lastModified: nil, newItems: 5, nextPollAt: 1_000,
                entries: [entry("1"), entry("2"), entry("3"), entry("x", host: "other.example"), entry("4")], at: 1)
            let mine = try first.claimEntries(
                worker: one, at: 10, milliseconds: 10_000, lease: 30, limit: 10, perHost: 2, hostSpacing: 0)
            #expect(mine.map(\.url) == ["https://news.example/1", "https://news.example/2", "https://other.example/x"])
            // The host has two pages in hand already: the other worker gets none of it.
            #expect(
                try second.claimEntries(
                    worker: two, at: 11, milliseconds: 11_000, lease: 30, limit: 10, perHost: 2, hostSpacing: 0
                ).isEmpty)
            try first.handOff(entry: mine[0].id, article: Fixtures.quake, outlet: "Wire", at: 12)
            let theirs = try second.claimEntries(
                worker: two, at: 13, milliseconds: 13_000, lease: 30, limit: 10, perHost: 2, hostSpacing: 0)
            #expect(theirs.map(\.url) == ["https://news.example/3"])
        }
    }

    @Test func hostSpacingHoldsAcrossWorkers() throws {
        try withTwoWorkers { first, one, _, second, two, _ in
            let source = try first.addSource(
                feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            try first.finishPoll(
                sourceID: source.id, etag: nil, lastModified: nil, newItems: 3, nextPollAt: 1_000,
                entries: [entry("1"), entry("2"), entry("3")], at: 1)
            let claim = { (store: PostgresStore, worker: WorkerIdentity, milliseconds: Int) in
                try store.claimEntries(
                    worker: worker, at: milliseconds / 1000, milliseconds: milliseconds, lease: 30, limit: 10,
                    perHost: 5, hostSpacing: 500
                ).map(\.url)
            }
            #expect(try claim(first, one, 10_000) == ["https://news.example/1"])
            #expect(try claim(second, two, 10_499) == [])
            #expect(try claim(second, two, 10_500) == ["https://news.example/2"])
            #expect(try claim(first, one, 10_700) == [])
        }
    }

    @Test func anEntryInHandIsTakenOverWhenItsLeaseEnds() throws {
        try withTwoWorkers { first, one, _, second, two, _ in
            let source = try first.addSource(
                feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            try first.finishPoll(
                sourceID: source.id, etag: nil, lastModified: nil, newItems: 1, nextPollAt: 1_000,
                entries: [entry("1")], at: 1)
            let claim = { (store: PostgresStore, worker: WorkerIdentity, time: Int) in
                try store.claimEntries(
                    worker: worker, at: time, milliseconds: time * 1000, lease: 30, limit: 10, perHost: 5,
                    hostSpacing: 0)
            }
            #expect(try claim(first, one, 10).count == 1)
            #expect(try claim(second, two, 40).isEmpty)
            let again = try claim(second, two, 41)
            #expect(again.map(\.attempts) == [2])
            // A worker that stops releases its claims at once.
            try second.releaseClaims(worker: two)
            #expect(try claim(first, one, 42).map(\.attempts) == [3])
        }
    }

    @Test func handedArticlesWaitInOrderUntilFiled() throws {
        try withTwoWorkers { first, one, _, second, _, _ in
            let source = try first.addSource(
                feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            try first.finishPoll(
                sourceID: source.id, etag: nil, lastModified: nil, newItems: 2, nextPollAt: 1_000,
                entries: [entry("1"), entry("2")], at: 1)
            let claimed = try first.claimEntries(
                worker: one, at: 10, milliseconds: 10_000, lease: 30, limit: 10, perHost: 5, hostSpacing: 0)
            try first.handOff(entry: claimed[1].id, article: Fixtures.flood, outlet: "Daily", at: 11)
            try first.handOff(entry: claimed[0].id, article: Fixtures.quake, outlet: nil, at: 12)
            let handed = try second.handedArticles(limit: 10)
            #expect(handed.map(\.article) == [Fixtures.flood, Fixtures.quake])
            #expect(handed.map(\.outlet) == ["Daily", nil])
            #expect(handed.map(\.handedAt) == [11, 12])
            var backlog = try second.backlog(at: 13)
            #expect(backlog.queuedEntries + backlog.claimedEntries == 0)
            #expect(backlog.handedArticles == 2)
            #expect(backlog.oldestHandedAt == 11)
            try second.finishHandOff(handed.map(\.id))
            backlog = try second.backlog(at: 14)
            #expect(backlog.isEmpty)
        }
    }

    @Test func oneProcessAtATimeHoldsTheFilingLeadership() throws {
        try withTwoStores { first, second in
            let leader = try #require(try first.takeFilingLeadership())
            #expect(leader.isHeld())
            #expect(try second.takeFilingLeadership() == nil)
            #expect(try first.takeFilingLeadership() == nil)
            leader.release()
            #expect(!leader.isHeld())
            let next = try #require(try second.takeFilingLeadership())
            #expect(next.isHeld())
            next.release()
        }
    }

    @Test func desksInOtherSchemasHaveTheirOwnLeader() throws {
        try withTwoStores { first, _ in
            let leader = try #require(try first.takeFilingLeadership())
            defer { leader.release() }
            try PostgresTestDatabase.withSchema { url, schema in
                let elsewhere = try PostgresStore(url: url, schema: schema, logger: PostgresTestDatabase.logger)
                let other = try #require(try elsewhere.takeFilingLeadership())
                other.release()
            }
        }
    }

    @Test func claimingASourceIsNotAChangeReadersSee() throws {
        try withTwoWorkers { first, one, _, _, _, _ in
            _ = try first.addSource(feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            let generation = try first.generation()
            _ = try first.claimDueSources(worker: one, at: 10, lease: 30, limit: 1)
            #expect(try first.generation() == generation)
        }
    }

    @Test func aWorkerWhoseSessionEndsLosesItsClaimsAtOnce() throws {
        try withTwoWorkers { first, one, oneLock, second, two, _ in
            let source = try first.addSource(
                feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            try first.finishPoll(
                sourceID: source.id, etag: nil, lastModified: nil, newItems: 2, nextPollAt: 0,
                entries: [entry("1"), entry("2")], at: 1)
            let claim = { (store: PostgresStore, worker: WorkerIdentity) in
                try store.claimEntries(
                    worker: worker, at: 10, milliseconds: 10_000, lease: 600, limit: 10, perHost: 1, hostSpacing: 0
                ).map(\.url)
            }
            #expect(try claim(first, one) == ["https://news.example/1"])
            #expect(try first.claimDueSources(worker: one, at: 10, lease: 600, limit: 5).map(\.id) == [source.id])
            #expect(try claim(second, two) == [])
            #expect(try second.claimDueSources(worker: two, at: 10, lease: 600, limit: 5).isEmpty)
            // As when the process is killed: its connection, and its lock, are gone, long before the lease ends.
            oneLock.release()
            #expect(!oneLock.isHeld())
            #expect(try claim(second, two) == ["https://news.example/1"])
            #expect(try second.claimDueSources(worker: two, at: 10, lease: 600, limit: 5).map(\.id) == [source.id])
        }
    }

    @Test func aHostFarDownTheQueueIsReachedWhenTheOldestAreAtTheirLimit() throws {
        try withTwoWorkers { first, one, _, _, _, _ in
            let source = try first.addSource(
                feedURL: "https://news.example/feed", title: nil, siteURL: nil, folder: nil, at: 0)
            try first.finishPoll(
                sourceID: source.id, etag: nil, lastModified: nil, newItems: 301, nextPollAt: 1_000,
                entries: (1...300).map { entry("\($0)") } + [entry("x", host: "other.example")], at: 1)
            let claimed = try first.claimEntries(
                worker: one, at: 10, milliseconds: 10_000, lease: 30, limit: 4, perHost: 1, hostSpacing: 0)
            #expect(claimed.map(\.url) == ["https://news.example/1", "https://other.example/x"])
        }
    }
}
