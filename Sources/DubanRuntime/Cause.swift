import DubanEngine
import DubanModel

/// What caused a step, for the audit trail.
enum Cause {
    case start(by: Starter)
    /// An event, the person who sent it (when a login or link tells) and the evidence's hashes.
    case event(Event, by: String? = nil, files: [String] = [])
    case timer(TimerKey, due: Instant)
    /// A child instance's `signal_parent`.
    case signal(from: String, event: Event)

    /// Who starts an instance.
    enum Starter {
        case office, schedule, migration
        case parent(String)
    }

    /// The actor as the trail records it: the event's sender, or what started or fired the step.
    var actor: String {
        switch self {
        case .start(.office): return "office"
        case .start(.schedule): return "schedule"
        case .start(.migration): return "migrate"
        case .start(.parent(let id)): return id
        case .event(let e, _, _): return e.actor
        case .timer: return "timer"
        case .signal(let from, _): return from
        }
    }

    var kind: StepKind {
        switch self {
        case .start: return .start
        case .event, .signal: return .event
        case .timer: return .timer
        }
    }

    /// The person and files an event's row names.
    var person: (by: String?, files: [String]) {
        if case .event(_, let by, let files) = self { return (by, files) }
        return (nil, [])
    }

    var trigger: AuditDetail.Trigger {
        switch self {
        case .start: return .start
        case .event(let e, _, _), .signal(_, let e): return .event(name: e.name, data: e.payload)
        case .timer(let key, let due): return .timer(key, due: due)
        }
    }
}
