import DubanModel

/// A running (or finished) workflow instance: everything the engine needs to
/// decide its next step, and nothing else.
public struct Instance: Sendable, Hashable {
    public var id: String
    public var workflow: String
    public var version: Int
    public var state: String
    public var values: [String: Value]
    public var started: Instant
    /// When the current state was entered.
    public var entered: Instant
    public var parent: String?
    public var finished: Bool
    /// Timers the instance is waiting on, by key.
    public var timers: [TimerKey: Instant]
    public var escalation: EscalationProgress?
    /// How many children it has spawned, for their ids.
    public var children: Int

    public init(id: String, workflow: String, version: Int, state: String, values: [String: Value], started: Instant,
                entered: Instant, parent: String? = nil, finished: Bool = false, timers: [TimerKey: Instant] = [:],
                escalation: EscalationProgress? = nil, children: Int = 0) {
        self.id = id
        self.workflow = workflow
        self.version = version
        self.state = state
        self.values = values
        self.started = started
        self.entered = entered
        self.parent = parent
        self.finished = finished
        self.timers = timers
        self.escalation = escalation
        self.children = children
    }
}

/// Which timer of an instance: the state's `after` or `at` timer by index, or
/// the escalation step by index. Stable across restarts, so it can key a row.
public enum TimerKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    case after(Int)
    case at(Int)
    case step(Int)

    public var description: String {
        switch self {
        case .after(let i): return "after.\(i)"
        case .at(let i): return "at.\(i)"
        case .step(let i): return "step.\(i)"
        }
    }

    /// Parses `after.0`, `at.1`, `step.2`.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        // At most nine digits, as the store's reader of timer rows allows.
        guard parts.count == 2, (1...9).contains(parts[1].utf8.count),
              parts[1].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let i = Int(parts[1]) else { return nil }
        switch parts[0] {
        case "after": self = .after(i)
        case "at": self = .at(i)
        case "step": self = .step(i)
        default: return nil
        }
    }

    public static func < (a: TimerKey, b: TimerKey) -> Bool { a.description < b.description }
}

/// Where an instance stands on its state's escalation ladder.
public struct EscalationProgress: Sendable, Hashable {
    public var policy: String
    public var unit: String
    /// The instant step offsets count from (shifted back when a repeat
    /// offender starts higher up, so that its first step fires at once).
    public var origin: Instant
    /// The next step to fire.
    public var next: Int
    /// How often the next step has fired already (a repeating rung).
    public var fired: Int
    /// Held by the unit's own report: the next step may be waived (从轻).
    public var reported: Bool

    public init(policy: String, unit: String, origin: Instant, next: Int, fired: Int = 0, reported: Bool = false) {
        self.policy = policy
        self.unit = unit
        self.origin = origin
        self.next = next
        self.fired = fired
        self.reported = reported
    }
}
