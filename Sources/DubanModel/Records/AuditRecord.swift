/// What caused an audit row's step.
public enum StepKind: String, Sendable, Hashable, CaseIterable {
    /// An instance started (by the office, a schedule, a parent, a migration).
    case start
    /// An event sent to it, by a person or a child instance.
    case event
    /// One of its timers fired.
    case timer
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
    public var kind: StepKind
    public var detail: String
    public var previousHash: String
    public var hash: String

    public init(seq: Int64, instance: String?, time: Instant, recorded: Instant, actor: String, kind: StepKind, detail: String, previousHash: String, hash: String) {
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
        bytes.reserveCapacity(80 + (instance?.utf8.count ?? 0) + actor.utf8.count + kind.rawValue.utf8.count + detail.utf8.count + previousHash.utf8.count)
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
        field(kind.rawValue)
        field(detail)
        field(previousHash)
        return bytes.withUnsafeBufferPointer { SHA256.hex($0) }
    }
}
