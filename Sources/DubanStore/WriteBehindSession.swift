import DubanEngine
import DubanModel
import Foundation

/// Lets one transaction use two cores: the caller's steps are computed on a
/// worker thread while the store's own thread carries out their writes.
///
/// Writes are queued in order and return at once; a read first lets every
/// queued write run, then runs on the store's thread and hands its result
/// back, so each read sees exactly what a plain session would have seen. The
/// transaction is the store's as before: one commit, or one rollback when
/// anything (a write, a read, the body) fails. Only the order of work across
/// threads changes, never what is written.
final class WriteBehindSession: @unchecked Sendable {
    typealias Operation = (SQLiteSession) throws -> Void

    /// Guards everything below it; the store's thread waits on it for work,
    /// the worker for a read's result.
    private let condition = NSCondition()
    private var queued: [Operation] = []
    private var failure: (any Error)?
    /// Writes carried out, released by the worker that made them: freeing
    /// memory another thread allocated costs the store's thread a lock.
    private var spent: [Operation] = []
    /// Writes the store's thread has taken and not yet finished.
    private var running = 0
    private var bodyFinished = false
    /// Filled by the worker alone; handed over in chunks, so the two threads
    /// meet about once per `chunk` writes rather than once per write.
    private var local: [Operation] = []
    static let chunk = 64
    /// Writes the worker may have waiting before it waits itself: each holds
    /// the values it writes, so this bounds the memory a stalled store costs.
    static let lead = 1024

    /// For a tick's batch (worker only): the instance whose timer is firing,
    /// the instances with more than one timer in the batch, and the instances
    /// written that a later timer may fire on, fresher than rows read before.
    var firing: String?
    var repeats: Set<String> = []
    var written: [String: Instance] = [:]
    /// The units' ledgers as the batch read them (worker only).
    var ledgers = LedgerCache()

    private init() {}

    /// Runs `body` on a worker thread against a session whose writes the
    /// calling thread (the one that owns `session`) carries out meanwhile.
    static func run<T>(on session: SQLiteSession, _ body: @escaping (Writer) throws -> T) throws -> T {
        let pipe = WriteBehindSession()
        let result = Box<Result<T, any Error>>()
        // The thread lets go of `body` (and all it holds, the store with it)
        // before it says it has finished, not when the thread itself ends.
        let job = Box<(Writer) throws -> T>()
        job.value = body
        let work = UncheckedSendable {
            do {
                let body = job.value!
                job.value = nil
                result.value = Result { try body(Writer(pipe: pipe)) }
            }
            // A failed write is reported by `run` itself.
            if case .success? = result.value { try? pipe.publish() }
            pipe.condition.lock()
            pipe.bodyFinished = true
            pipe.condition.broadcast()
            pipe.condition.unlock()
        }
        let worker = Thread { work.value() }
        // The engine recurses through spawns and signals; give it a main-thread-sized stack.
        worker.stackSize = 8 << 20
        worker.start()
        pipe.carryOut(on: session)
        if let failure = pipe.failure { throw failure }
        return try result.value!.get()
    }

    /// The store thread's loop: takes whatever is queued and runs it, until
    /// the body has finished and nothing is left. After a failure it only
    /// waits for the body, which learns of the failure at its next call.
    private func carryOut(on session: SQLiteSession) {
        var batch: [Operation] = []
        while true {
            condition.lock()
            while queued.isEmpty && !bodyFinished { condition.wait() }
            if queued.isEmpty && bodyFinished {
                condition.unlock()
                return
            }
            swap(&batch, &queued)
            running = batch.count
            let failed = failure != nil
            condition.unlock()
            if !failed {
                do {
                    for operation in batch { try operation(session) }
                } catch {
                    condition.lock()
                    failure = error
                    condition.broadcast()
                    condition.unlock()
                }
            }
            condition.lock()
            Self.move(&batch, onto: &spent)
            running = 0
            // A worker held back by `lead` may go on.
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues a write (worker thread only).
    func enqueue(_ operation: @escaping Operation) throws {
        local.append(operation)
        if local.count >= Self.chunk { try publish() }
    }

    /// Hands the worker's queued writes to the store's thread.
    func publish() throws {
        var released: [Operation] = []
        condition.lock()
        if failure == nil && !local.isEmpty {
            // The store's thread waits only while nothing is queued.
            if queued.isEmpty { condition.broadcast() }
            Self.move(&local, onto: &queued)
            // Held back while the store is more than `lead` writes behind.
            while queued.count + running > Self.lead && failure == nil { condition.wait() }
        }
        swap(&released, &spent)
        let failed = failure
        condition.unlock()
        // Freed here, outside the lock.
        withExtendedLifetime(released) {}
        if let failed { throw failed }
    }

    /// Appends `from` to `onto` and empties it; when `onto` is empty the two
    /// arrays just trade storage, so neither thread copies in the usual case.
    private static func move(_ from: inout [Operation], onto: inout [Operation]) {
        if onto.isEmpty {
            swap(&onto, &from)
        } else {
            onto.append(contentsOf: from)
            from.removeAll(keepingCapacity: true)
        }
    }

    /// Runs a read on the store's thread after every write queued before it.
    func read<T>(_ body: @escaping (SQLiteSession) throws -> T) throws -> T {
        try later(body).get()
    }

    /// Queues a read and returns at once; `get()` waits for its answer. Writes
    /// queued after it do not affect what it sees.
    func later<T>(_ body: @escaping (SQLiteSession) throws -> T) throws -> Pending<T> {
        let pending = Pending<T>(pipe: self)
        local.append { [condition] session in
            let value = Result { try body(session) }
            condition.lock()
            pending.answer = value
            condition.broadcast()
            condition.unlock()
        }
        try publish()
        return pending
    }

    /// A read's answer, once the store's thread has run it.
    final class Pending<T>: @unchecked Sendable {
        let pipe: WriteBehindSession
        var answer: Result<T, any Error>?

        init(pipe: WriteBehindSession) { self.pipe = pipe }

        func get() throws -> T {
            pipe.condition.lock()
            defer { pipe.condition.unlock() }
            while answer == nil && pipe.failure == nil { pipe.condition.wait() }
            if let answer { return try answer.get() }
            throw pipe.failure!
        }
    }
}

/// A value handed between the two threads under the session's lock.
final class Box<T>: @unchecked Sendable {
    var value: T?
}

/// A closure started on another thread; the session's lock orders what it shares.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
