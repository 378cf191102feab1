import DubanEngine
import DubanLanguage
import DubanModel
@testable import DubanStore
import Foundation
import Testing

@Suite("Write-behind session")
struct WriteBehindTests {
    func instance(_ id: String, state: String = "a") -> Instance {
        Instance(id: id, workflow: "w", version: 1, state: state, values: ["n": .int(1)], started: Instant(seconds: 0), entered: Instant(seconds: 0))
    }

    /// A read sees every write queued before it; a read queued with `later` does not see writes queued after it.
    @Test func readsSeeEarlierWrites() throws {
        let db = try TempDatabase()
        let store = try SQLiteStore(path: db.path)
        let (seen, ahead, after) = try store.writeSession { session in
            try WriteBehindSession.run(on: session) { s in
                try s.insert(instance("1"))
                let ahead = try s.pipe.later { try $0.instance("1")?.state }
                try s.update(instance("1", state: "b"), from: instance("1"))
                return (try s.instance("1")?.state, try ahead.get(), try s.instance("1")?.state)
            }
        }
        #expect(seen == "b" && ahead == "a" && after == "b")
        #expect(try store.read { try $0.instance("1")?.state } == "b")
    }

    /// A write that fails fails the whole transaction: nothing of it is kept,
    /// and the body learns of it at its next read.
    @Test func failedWriteRollsBack() throws {
        let db = try TempDatabase()
        let store = try SQLiteStore(path: db.path)
        let before = try db.digest()
        var readAfterFailure: (any Error)?
        #expect(throws: StoreError.self) {
            try store.writeSession { session in
                try WriteBehindSession.run(on: session) { s in
                    try s.insert(instance("1"))
                    try s.insert(instance("1"))   // the same id again: refused by the primary key
                    do { _ = try s.instance("1") } catch { readAfterFailure = error }
                    for n in 2...500 { try? s.insert(instance(String(n))) }
                }
            }
        }
        #expect(readAfterFailure is StoreError)
        #expect(try db.digest() == before)
    }

    /// While the store's thread is held up, the worker stops once it is
    /// `lead` writes ahead instead of holding the whole batch in memory; it
    /// goes on when the store catches up, and every write lands.
    @Test func workerWaitsWhenFarAhead() throws {
        let db = try TempDatabase()
        let store = try SQLiteStore(path: db.path)
        let progress = Progress()
        let total = 5 * WriteBehindSession.lead
        let aheadWhileHeld = try store.writeSession { session in
            try WriteBehindSession.run(on: session) { s in
                // Holds the store's thread until the worker has had time to run far ahead.
                let held = try s.pipe.later { _ in
                    Thread.sleep(forTimeInterval: 0.3)
                    return progress.value
                }
                for n in 1...total {
                    try s.insert(instance(String(n)))
                    progress.value = n
                }
                return try held.get()
            }
        }
        #expect(aheadWhileHeld >= WriteBehindSession.lead / 2 && aheadWhileHeld <= WriteBehindSession.lead + 2 * WriteBehindSession.chunk)
        #expect(try store.read { [try $0.instance("1"), try $0.instance(String(total))] }.allSatisfy { $0 != nil })
    }
}

/// The worker's count of queued writes, read from the store's thread.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    var value: Int {
        get { lock.withLock { n } }
        set { lock.withLock { n = newValue } }
    }
}
