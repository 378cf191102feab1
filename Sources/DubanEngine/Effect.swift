import DubanModel

/// Something the runtime must carry out or record, returned by the engine as data.
public enum Effect: Sendable, Hashable {
    case transitioned(from: String, to: String, cause: String)
    case scheduleTimer(TimerKey, due: Instant)
    case cancelTimer(TimerKey)
    /// `holdUntil`: queued by a timer out of office hours, the message waits
    /// for them to begin (quiet hours); nil sends it at once.
    case remind(unit: String, role: Recipient.Role, template: String, holdUntil: Instant? = nil)
    case notify(unit: String, role: Recipient.Role, template: String, holdUntil: Instant? = nil)
    /// `fields`: the facts the action adds for the template (its `with:`, and
    /// the escalation step's unit, name and clause).
    case renderDocument(kind: String, to: String?, cc: [String], fields: [String: Value])
    case spawn(childID: String, workflow: String, inputs: [String: Value])
    case signalParent(parent: String, event: String, data: [String: Value])
    case escalationStep(policy: String, step: String, index: Int, unit: String, clause: String?)
    /// A step its `unless:` passed over: nothing issued, nothing in the ledger.
    case escalationSkipped(policy: String, step: String, unit: String, because: String)
    /// The matter left the escalating state for one that is not final (a report
    /// under review): the ladder waits there, before `next`.
    case escalationHeld(policy: String, unit: String, next: String?)
    /// Back in the escalating state (a rejected report): the ladder goes on from `next`.
    case escalationResumed(policy: String, unit: String, next: String?)
    case ledger(LedgerEntry)
    case set(name: String, value: Value)
    case finished
    /// Something the admin should know: a calendar year without data, a timer
    /// whose time could not be computed.
    case warning(String)
}

/// What the engine returns: the instance after the step and its effects, in order.
public struct Step: Sendable {
    public var instance: Instance
    public var effects: [Effect]

    public init(instance: Instance, effects: [Effect]) {
        self.instance = instance
        self.effects = effects
    }
}

/// What the engine knows of the world beyond the instance, passed in.
public struct EngineContext: Sendable {
    public var now: Instant
    public var calendar: BusinessCalendar
    /// Ledger entries of the units concerned (the runtime may pass only those).
    public var ledger: [LedgerEntry]

    public init(now: Instant, calendar: BusinessCalendar, ledger: [LedgerEntry] = []) {
        self.now = now
        self.calendar = calendar
        self.ledger = ledger
    }
}

/// An event sent to an instance.
public struct Event: Sendable, Hashable {
    public var name: String
    public var actor: String
    public var payload: [String: Value]

    public init(name: String, actor: String, payload: [String: Value] = [:]) {
        self.name = name
        self.actor = actor
        self.payload = payload
    }
}

/// Why the engine refused a start or an event. Nothing changed.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    case finished(instance: String)
    case eventNotAllowed(event: String, state: String, allowed: [String])
    case wrongActor(event: String, actor: String, allowed: [String])
    case conditionFailed(event: String, conditions: [String])
    case badPayload(event: String, problems: [String])
    case badInputs(workflow: String, problems: [String])
    case expression(String)

    public var description: String {
        switch self {
        case .finished(let id):
            return "instance \(id) has finished; it takes no more events"
        case .eventNotAllowed(let e, let s, let allowed):
            let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
            return "'\(e)' is not allowed in state '\(s)'\(suggestion(e, allowed)); allowed now: \(list)"
        case .wrongActor(let e, let a, let allowed):
            return "'\(a)' may not send '\(e)'; it may be sent by: \(allowed.joined(separator: ", "))"
        case .conditionFailed(let e, let conditions):
            return "'\(e)' is refused: its condition is not met (\(conditions.joined(separator: "; ")))"
        case .badPayload(let e, let problems):
            return "the data of '\(e)' is wrong: \(problems.joined(separator: "; "))"
        case .badInputs(let w, let problems):
            return "cannot start '\(w)': \(problems.joined(separator: "; "))"
        case .expression(let m):
            return m
        }
    }
}
