import DubanModel

/// One line of a simulation's timeline.
public struct TraceEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case start, event, refused, timer, transition, set, remind, notify, document, escalate, ledger, spawn, signal, finish, warning
    }

    public var time: Instant
    public var kind: Kind
    public var instance: String
    public var from: String?
    public var to: String?
    public var detail: String

    public init(time: Instant, kind: Kind, instance: String, from: String? = nil, to: String? = nil, detail: String = "") {
        self.time = time
        self.kind = kind
        self.instance = instance
        self.from = from
        self.to = to
        self.detail = detail
    }

    /// One JSON object: time (ISO 8601 with offset), kind, instance, from/to, detail.
    public func json(zone: Zone) -> String {
        var fields = [("time", zone.iso(time)), ("kind", kind.rawValue), ("instance", instance)]
        if let from { fields.append(("from", from)) }
        if let to { fields.append(("to", to)) }
        if !detail.isEmpty { fields.append(("detail", detail)) }
        return "{" + fields.map { "\(Value.text($0.0).json(in: zone)):\(Value.text($0.1).json(in: zone))" }.joined(separator: ",") + "}"
    }

    /// `2026-04-07 Tue 18:00  main.1      escalate    督办 …`
    public func text(zone: Zone) -> String {
        let local = zone.local(time)
        let when = "\(local.day) \(Day.weekdayNames[local.day.weekday]) \(zone.short(time).suffix(5))"
        var what = detail
        if let to {
            let arrow = (from.map { $0.isEmpty ? "" : "\($0) " } ?? "") + "→ \(to)"
            what = detail.isEmpty ? arrow : "\(arrow)  (\(detail))"
        }
        return "\(when)  \(instance.padding(toLength: max(10, instance.count), withPad: " ", startingAt: 0))  \(kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(what)"
    }
}

/// An event in a simulation script.
public struct ScriptedEvent: Sendable, Hashable {
    public var time: Instant
    public var instance: String
    public var event: Event

    public init(time: Instant, instance: String, event: Event) {
        self.time = time
        self.instance = instance
        self.event = event
    }
}
