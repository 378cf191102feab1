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
        var text = text
        guard let key = text.withUTF8({ TimerKey(utf8: $0) }) else { return nil }
        self = key
    }

    /// The same from bytes, as a stored row holds them: read for every timer
    /// a tick fires, so no text is made and the digits are read one by one.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot + 1 < bytes.count, bytes.count - dot <= 10 else { return nil }
        var i = 0
        for b in bytes[(dot + 1)...] {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            i = i * 10 + Int(b - UInt8(ascii: "0"))
        }
        let name = UnsafeBufferPointer(rebasing: bytes[..<dot])
        switch dot {
        case 5 where name.elementsEqual("after".utf8): self = .after(i)
        case 2 where name.elementsEqual("at".utf8): self = .at(i)
        case 4 where name.elementsEqual("step".utf8): self = .step(i)
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

    public init(policy: String, unit: String, origin: Instant, next: Int) {
        self.policy = policy
        self.unit = unit
        self.origin = origin
        self.next = next
    }
}
