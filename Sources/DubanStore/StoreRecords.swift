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
    /// Skipped before the first returned, in the filter's order.
    public var offset = 0

    public init(workflow: String? = nil, state: String? = nil, unit: String? = nil, running: Bool? = nil, parent: String? = nil,
                limit: Int? = nil, offset: Int = 0) {
        self.offset = offset
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

/// A workflow's `schedule:` and the next slot it will start.
public struct ScheduleState: Sendable, Hashable {
    public var workflow: String
    public var nextSlot: Instant

    public init(workflow: String, nextSlot: Instant) {
        self.workflow = workflow
        self.nextSlot = nextSlot
    }
}

/// What the board needs of a matter, read without decoding its values:
/// a board over every matter reads a hundred thousand of these.
public struct MatterOutline: Sendable {
    public var id: String
    public var workflow: String
    public var version: Int
    public var state: String
    public var unit: String?
    public var finished: Bool
    public var started: Instant
    /// When it entered its state (for a finished matter, when it finished).
    public var entered: Instant
    public var escalation: EscalationProgress?
    /// Its `deadline` value, if it has one.
    public var deadline: Value?

    public init(id: String, workflow: String, version: Int, state: String, unit: String?, finished: Bool, started: Instant,
                entered: Instant, escalation: EscalationProgress?, deadline: Value?) {
        self.started = started
        self.id = id
        self.workflow = workflow
        self.version = version
        self.state = state
        self.unit = unit
        self.finished = finished
        self.entered = entered
        self.escalation = escalation
        self.deadline = deadline
    }
}
