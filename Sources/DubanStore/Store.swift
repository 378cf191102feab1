import DubanEngine
import DubanModel

/// Durable storage for the runtime, in the domain's words. Everything
/// happens inside `write` or `read`: a write commits as a whole or not at all.
/// How a store makes this fast (statements, threads, connections) stays
/// inside it.
public protocol Store: Sendable {
    func write<T>(_ body: (any StoreSession) throws -> T) throws -> T
    func read<T>(_ body: (any StoreSession) throws -> T) throws -> T
    /// One batch of a tick, in one write transaction: claims up to `limit`
    /// timers due at `now` and hands them to `body` through a `TimerBatch`,
    /// whose session is where their steps are written. A PostgreSQL store
    /// claims with `FOR UPDATE SKIP LOCKED`, so two nodes never take the same
    /// timer. A default built on `write` serves any store.
    func fireDueTimers<T>(at now: Instant, limit: Int, _ body: @escaping (any TimerBatch) throws -> T) throws -> T
    /// Accounts, sessions and keys, in one write transaction of their own.
    func access<T>(_ body: (any AccessSession) throws -> T) throws -> T
    /// Accounts, sessions and keys, only read (a request's credentials).
    func readAccess<T>(_ body: (any AccessSession) throws -> T) throws -> T
    /// Housekeeping a long-running process does between its work, off any
    /// request's path (SQLite: copying the WAL back into the database file).
    func maintain() throws
}

/// The timers one batch claimed, handed out in due order.
public protocol TimerBatch {
    /// The batch's transaction: the steps the timers cause are written here.
    var session: any StoreSession { get }
    /// The next timer that is still as it was claimed, with its instance as
    /// the steps before it left it; its row is deleted as it is handed out,
    /// so no other tick fires it. Nil when the batch is done.
    func next() throws -> FiringTimer?
    /// Timer rows removed so far: those handed out. A timer whose instance
    /// cannot be read stops the batch (`StoreError.timerWithoutInstance`).
    var claimed: Int { get }
}

/// A due timer and the instance it fires on.
public struct FiringTimer: Sendable {
    public var timer: DueTimer
    public var instance: Instance
}

/// The operations of one transaction.
public protocol StoreSession {
    // Definitions
    func definitions() throws -> [StoredDefinition]
    /// Changes whenever a definition is deployed: a reader that keeps the
    /// parsed definitions asks this instead of reading them all again.
    func definitionsVersion() throws -> String
    func insert(_ definition: StoredDefinition) throws
    // Instances
    func nextInstanceNumber() throws -> Int
    func instance(_ id: String) throws -> Instance?
    func insert(_ instance: Instance) throws
    /// Writes a step's instance; `before` is how it was read, so the store
    /// can write only what changed (or nothing).
    func update(_ instance: Instance, from before: Instance) throws
    func instances(_ filter: InstanceFilter) throws -> [Instance]
    /// How many instances the filter matches (its limit and offset aside).
    func countInstances(_ filter: InstanceFilter) throws -> Int
    /// The outline of every instance of a workflow, in no order, each
    /// handed to `each` as it is read (a board reads a hundred thousand).
    func outlines(workflow: String, _ each: (MatterOutline) throws -> Void) throws
    // Timers
    func dueTimers(at now: Instant, limit: Int) throws -> [DueTimer]
    func setTimer(_ instance: String, _ key: TimerKey, due: Instant) throws
    func deleteTimer(_ instance: String, _ key: TimerKey) throws
    func nextDue() throws -> Instant?
    // Audit trail
    /// The chain's head as recorded beside it (not read from the rows).
    func lastAudit() throws -> (seq: Int64, hash: String)?
    /// Adds `record` after the head, linked to it: the store sets its
    /// `previousHash` and `hash` (whatever the caller put there), so no caller
    /// can break the chain. `seq` must be the head's plus one.
    func append(_ record: AuditRecord) throws
    func auditRecords(after seq: Int64, limit: Int) throws -> [AuditRecord]
    func auditRecords(instance: String) throws -> [AuditRecord]
    // Outbox, ledger, documents
    func insert(_ message: OutboxMessage) throws
    func outbox(pendingOnly: Bool) throws -> [OutboxMessage]
    /// Messages of a kind ever queued, by unit.
    func messageCounts(kind: MessageKind) throws -> [String: Int]
    /// How many messages the outbox holds in each status.
    func messageCounts() throws -> [DeliveryStatus: Int]
    func outboxMessage(_ id: Int64) throws -> OutboxMessage?
    /// Claims the oldest pending message due at `now` that no sender holds:
    /// it is leased to the caller until `until`, so overlapping senders never
    /// send it twice, and a crashed sender's lease runs out and the message
    /// goes again (with the same keys). `updateDelivery` ends the lease.
    func claimMessage(at now: Instant, until: Instant) throws -> OutboxMessage?
    func deliveredChannels(outbox: Int64) throws -> Set<String>
    func recordDelivery(outbox: Int64, channel: String, at: Instant) throws
    func updateDelivery(_ message: OutboxMessage) throws
    func insert(_ entry: LedgerEntry, instance: String) throws
    func ledger(units: [String]) throws -> [LedgerEntry]
    func nextDocumentNumber(kind: String, year: Int) throws -> Int
    func insert(_ document: DocumentRecord) throws
    func documents(_ filter: DocumentFilter) throws -> [DocumentRecord]
    // Evidence
    @discardableResult
    func insert(_ attachment: Attachment) throws -> Int64
    /// A matter's evidence, oldest first.
    func attachments(instance: String) throws -> [Attachment]
    // Schedules
    func schedules() throws -> [ScheduleState]
    func upsert(_ schedule: ScheduleState) throws
    func deleteSchedule(workflow: String) throws
    /// Claims `slot` of `workflow` for a new instance: its number, taken from
    /// the instance counter only now; nil when the slot was claimed before.
    func claimSlot(workflow: String, slot: Instant) throws -> Int?
    /// Timers due at `now`, counted up to `limit`.
    func dueTimerCount(at now: Instant, limit: Int) throws -> Int
    // Integrity
    /// Timers, messages and documents that point at an instance the database does not hold.
    func orphans() throws -> [Orphan]
}

/// A row that points at an instance the database does not hold.
public struct Orphan: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable { case timer, message, document }
    public var kind: Kind
    /// The timer's key, the message's id or the document's number.
    public var name: String
    public var instance: String

    public init(kind: Kind, name: String, instance: String) {
        self.kind = kind
        self.name = name
        self.instance = instance
    }

    public var description: String { "\(kind.rawValue) \(name) points at instance \(instance), which the database does not hold" }
}

extension Store {
    /// The plain batch: each instance read in the batch's own transaction,
    /// which already holds the steps before it, as its timer comes up.
    public func fireDueTimers<T>(at now: Instant, limit: Int, _ body: @escaping (any TimerBatch) throws -> T) throws -> T {
        try write { session in
            let due = try session.dueTimers(at: now, limit: limit)
            return try body(ClaimedTimers(session: session, due: due) { try session.instance(due[$0].instance) })
        }
    }
}

/// Hands out a batch's timers in due order; `instance` finds the instance
/// the timer at a position fires on, as it stands now.
final class ClaimedTimers: TimerBatch {
    let session: any StoreSession
    private let due: [DueTimer]
    private let instance: (Int) throws -> Instance?
    private var position = 0
    private(set) var claimed = 0

    init(session: any StoreSession, due: [DueTimer], instance: @escaping (Int) throws -> Instance?) {
        self.session = session
        self.due = due
        self.instance = instance
    }

    func next() throws -> FiringTimer? {
        while position < due.count {
            let timer = due[position]
            let found = try instance(position)
            position += 1
            // A timer whose instance is gone would fire into nothing: stop, and say which.
            guard let found else { throw StoreError.timerWithoutInstance(instance: timer.instance, timer: timer.key.description) }
            // An earlier step may have cancelled or moved this timer, and a new
            // state's timer can reuse its key: leave a row that is no longer it.
            guard found.timers[timer.key] == timer.due else { continue }
            try claim(timer)
            return FiringTimer(timer: timer, instance: found)
        }
        return nil
    }

    private func claim(_ timer: DueTimer) throws {
        try session.deleteTimer(timer.instance, timer.key)
        claimed += 1
    }
}
