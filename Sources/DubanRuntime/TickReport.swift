import DubanModel

/// What a tick (or any run of steps) did.
public struct TickReport: Sendable {
    public var fired = 0
    public var started = 0
    public var steps = 0
    public var messages = 0
    public var documents = 0
    public var warnings: [String] = []
    public var nextDue: Instant?

    public init(fired: Int = 0) { self.fired = fired }

    /// Adds what another batch or run of steps did; `nextDue` is the caller's.
    mutating func add(_ other: TickReport) {
        fired += other.fired
        started += other.started
        steps += other.steps
        messages += other.messages
        documents += other.documents
        warnings += other.warnings
    }
}
