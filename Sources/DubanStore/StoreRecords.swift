import DubanEngine
import DubanModel

/// One deployed file. Every version is kept; workflows carry their own
/// `version:`, the other kinds are numbered on each change.
public struct StoredDefinition: Sendable, Hashable {
    public var kind: DefinitionKind
    public var name: String
    public var version: Int
    public var hash: String
    public var path: String
    public var source: String
    public var deployedAt: Instant

    public init(kind: DefinitionKind, name: String, version: Int, hash: String, path: String, source: String, deployedAt: Instant) {
        self.kind = kind
        self.name = name
        self.version = version
        self.hash = hash
        self.path = path
        self.source = source
        self.deployedAt = deployedAt
    }
}

public struct InstanceFilter: Sendable {
    public var workflow: String?
    public var state: String?
    public var unit: String?
    public var running: Bool?
    public var parent: String?
    public var limit: Int?

    public init(workflow: String? = nil, state: String? = nil, unit: String? = nil, running: Bool? = nil, parent: String? = nil,
                limit: Int? = nil) {
        self.workflow = workflow
        self.state = state
        self.unit = unit
        self.running = running
        self.parent = parent
        self.limit = limit
    }
}

public struct DueTimer: Sendable, Hashable {
    public var instance: String
    public var key: TimerKey
    public var due: Instant
}

/// One row of the append-only, hash-chained audit trail.
public struct AuditRecord: Sendable, Hashable {
    public var seq: Int64
    public var instance: String?
    /// When it happened in the workflow's time (a timer's original due time).
    public var time: Instant
    /// When the runtime wrote it.
    public var recorded: Instant
    public var actor: String
    public var kind: String
    public var detail: String
    public var previousHash: String
    public var hash: String

    public init(seq: Int64, instance: String?, time: Instant, recorded: Instant, actor: String, kind: String, detail: String, previousHash: String, hash: String) {
        self.seq = seq
        self.instance = instance
        self.time = time
        self.recorded = recorded
        self.actor = actor
        self.kind = kind
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The `previousHash` of the first record.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// What the hash covers: every field but the hash itself, joined by U+001F
    /// (gathered as bytes: a tick hashes one record per step).
    public var computedHash: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(80 + (instance?.utf8.count ?? 0) + actor.utf8.count + kind.utf8.count + detail.utf8.count + previousHash.utf8.count)
        bytes.appendDecimal(seq)
        bytes.append(0x1f)
        bytes.appendText(instance ?? "")
        bytes.append(0x1f)
        bytes.appendDecimal(time.seconds)
        bytes.append(0x1f)
        bytes.appendDecimal(recorded.seconds)
        func field(_ text: String) {
            bytes.append(0x1f)
            bytes.appendText(text)
        }
        field(actor)
        field(kind)
        field(detail)
        field(previousHash)
        return bytes.withUnsafeBufferPointer { SHA256.hex($0) }
    }
}

/// A message waiting to be delivered, with the key a channel deduplicates on.
public struct OutboxMessage: Sendable, Hashable {
    public var id: Int64
    public var key: String
    public var instance: String
    public var kind: String
    public var unit: String
    public var role: String
    public var template: String
    public var created: Instant
    /// pending, sent, or dead (gave up after the last attempt; `outbox retry` revives it).
    public var status: String
    public var attempts: Int
    public var nextAttempt: Instant?
    public var lastError: String?
    public var sentAt: Instant?

    public init(id: Int64 = 0, key: String, instance: String, kind: String, unit: String, role: String, template: String,
                created: Instant, status: String = "pending", attempts: Int = 0, nextAttempt: Instant? = nil, lastError: String? = nil,
                sentAt: Instant? = nil) {
        self.nextAttempt = nextAttempt
        self.lastError = lastError
        self.sentAt = sentAt
        self.id = id
        self.key = key
        self.instance = instance
        self.kind = kind
        self.unit = unit
        self.role = role
        self.template = template
        self.created = created
        self.status = status
        self.attempts = attempts
    }
}

/// A numbered document as issued: `content` holds the rendered text and
/// frame (JSON of an IssuedDocument), fixed in the step that numbered it.
public struct DocumentRecord: Sendable, Hashable {
    public var id: Int64
    public var kind: String
    public var year: Int
    public var number: Int
    public var instance: String
    /// The unit the document is about.
    public var unit: String?
    public var to: String?
    public var cc: [String]
    public var created: Instant
    public var title: String
    public var content: String

    public init(id: Int64 = 0, kind: String, year: Int, number: Int, instance: String, unit: String? = nil, to: String?, cc: [String],
                created: Instant, title: String = "", content: String = "") {
        self.id = id
        self.kind = kind
        self.year = year
        self.number = number
        self.instance = instance
        self.unit = unit
        self.to = to
        self.cc = cc
        self.created = created
        self.title = title
        self.content = content
    }
}

public struct DocumentFilter: Sendable {
    public var kind: String?
    public var unit: String?
    public var instance: String?

    public init(kind: String? = nil, unit: String? = nil, instance: String? = nil) {
        self.kind = kind
        self.unit = unit
        self.instance = instance
    }
}

/// A workflow's `schedule:` and the next slot it will start.
public struct ScheduleState: Sendable, Hashable {
    public var workflow: String
    public var nextSlot: Instant

    public init(workflow: String, nextSlot: Instant) {
        self.workflow = workflow
        self.nextSlot = nextSlot
    }
}

/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case corrupt(String)
    case sqlite(String)
    /// An audit record numbered other than the head's next: two writers at once, or a bug.
    case auditOutOfOrder(seq: Int64, head: Int64)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the database \(path): \(reason)"
        case .corrupt(let m): return "the database holds something unreadable: \(m)"
        case .sqlite(let m): return "the database refused a statement: \(m)"
        case .auditOutOfOrder(let seq, let head):
            return "audit event \(seq) cannot follow event \(head), the last in the trail; nothing was written, run the command again"
        }
    }
}
