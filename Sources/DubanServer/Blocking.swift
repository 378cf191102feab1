import Foundation
import NIOPosix
import Synchronization

/// What a blocking call does, which decides the threads it runs on.
enum Work {
    /// Reads: they go on side by side, on connections beside the writer's.
    case read
    /// Writes (and logins, whose bcrypt is slow): they wait their turn for
    /// the writer, and must not hold up the reads while they wait.
    case write
    /// The ticker's tick and delivery, which hold a thread for seconds.
    case tick
    /// The server's own reads (the trail clock's poll): beside the requests'
    /// reads, but not a sign that anyone is using the server.
    case poll
}

/// Runs database and bcrypt work on threads of its own, never on an event
/// loop: an event loop that waits on SQLite stalls every connection on it.
/// Reads, writes and the tick have a pool each, so that events queued for
/// the writer behind a tick's batch never leave the pages without a thread.
func blocking<T: Sendable>(_ work: Work = .read, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    switch work {
    case .read:
        BlockingPools.requests.add(1, ordering: .relaxed)
        return try await BlockingPools.read.runIfActive(body)
    case .poll: return try await BlockingPools.read.runIfActive(body)
    case .write:
        BlockingPools.requests.add(1, ordering: .relaxed)
        BlockingPools.pendingWrites.add(1, ordering: .relaxed)
        defer { BlockingPools.pendingWrites.subtract(1, ordering: .relaxed) }
        return try await BlockingPools.write.runIfActive(body)
    case .tick: return try await BlockingPools.tick.runIfActive(body)
    }
}

enum BlockingPools {
    static let read = started(4)
    static let write = started(2)
    static let tick = started(1)
    /// Requests' writes queued or running: a tick lets them go first.
    static let pendingWrites = Atomic(0)
    /// Requests' reads and writes begun since the server started.
    static let requests = Atomic(0)

    private static func started(_ threads: Int) -> NIOThreadPool {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }
}

/// How a tick gives way to requests between its batches (one per tick,
/// on the tick's thread).
struct TickPacing {
    private var batchStarted = ContinuousClock.now
    private var requestsBefore = BlockingPools.requests.load(ordering: .relaxed)

    /// While requests wait to write, the tick waits (up to `most`), so that
    /// a unit's event waits for one batch at most, not for the whole tick.
    /// If anyone used the server during the batch, it then rests as long as
    /// the batch took (up to `most`): a tick of 100,000 timers takes half
    /// the machine, not all of it, and the pages stay quick.
    mutating func betweenBatches(most: Duration = .milliseconds(200)) {
        let took = ContinuousClock.now - batchStarted
        let until = ContinuousClock.now + most
        while BlockingPools.pendingWrites.load(ordering: .relaxed) > 0 && ContinuousClock.now < until { usleep(500) }
        if BlockingPools.requests.load(ordering: .relaxed) != requestsBefore {
            usleep(UInt32(min(took, most) / .microseconds(1)))
        }
        batchStarted = ContinuousClock.now
        requestsBefore = BlockingPools.requests.load(ordering: .relaxed)
    }
}
