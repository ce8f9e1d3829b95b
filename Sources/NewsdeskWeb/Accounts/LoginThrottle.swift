import NIOConcurrencyHelpers

/// Slows down guessing: after a few failed logins from one address, or for one account, the next
/// attempt is refused for a while, twice as long after each further failure (up to a quarter of an
/// hour). A success for an account clears that account's count; addresses wait theirs out.
final class LoginThrottle: Sendable {
    struct Failures {
        var count: Int
        var last: Int
    }

    /// Failures allowed before any wait.
    let free: Int
    let longestWait: Int
    /// Failures older than this are forgotten.
    let memory: Int
    /// At most this many addresses and accounts are remembered; the stalest are forgotten first.
    let capacity: Int
    private let failures = NIOLockedValueBox([String: Failures]())

    init(free: Int = 5, longestWait: Int = 900, memory: Int = 3600, capacity: Int = 50_000) {
        self.free = free
        self.longestWait = longestWait
        self.memory = memory
        self.capacity = capacity
    }

    /// How many seconds the keys (an address, an account) must still wait before trying again; 0 when they may.
    func wait(_ keys: [String], now: Int) -> Int {
        failures.withLockedValue { failures in
            keys.compactMap { key in failures[key] }.map { entry in
                guard entry.count >= free, now - entry.last < memory else { return 0 }
                let wait = min(longestWait, 1 << min(20, entry.count - free))
                return max(0, entry.last + wait - now)
            }.max() ?? 0
        }
    }

    func failed(_ keys: [String], now: Int) {
        failures.withLockedValue { failures in
            if failures.count >= capacity {
                failures = failures.filter { now - $0.value.last < memory }
                if failures.count >= capacity {
                    let newest = failures.sorted { $0.value.last > $1.value.last }.prefix(capacity / 2)
                    failures = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
                }
            }
            for key in keys {
                var entry = failures[key] ?? Failures(count: 0, last: now)
                if now - entry.last >= memory { entry.count = 0 }
                entry.count += 1
                entry.last = now
                failures[key] = entry
            }
        }
    }

    func succeeded(_ key: String) {
        failures.withLockedValue { failures in failures[key] = nil }
    }
}
