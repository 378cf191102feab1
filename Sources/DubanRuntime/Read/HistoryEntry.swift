import DubanModel
import DubanStore

/// One audit row in plain words, as a reader is shown it: when, who (the
/// unit or office, and the person where a login or link told), what set it
/// off and what it did.
public struct HistoryEntry: Sendable {
    public var seq: Int64
    public var instance: String?
    public var time: Instant
    public var actor: String
    public var person: String?
    public var kind: StepKind
    /// The event's name, or the timer's key; nil for a start.
    public var trigger: String?
    public var effects: [String]
    /// The event's payload as sent (empty for timers and starts).
    public var data: [String: Value]
    /// SHA-256 of each file of evidence sent with the event.
    public var files: [String]

    init(_ r: AuditRecord) {
        let detail = AuditDetail(r.detail)
        seq = r.seq
        instance = r.instance
        time = r.time
        actor = r.actor
        kind = r.kind
        person = detail?.person
        files = detail?.files ?? []
        effects = detail?.effects ?? ["(this row's detail cannot be read)"]
        data = [:]
        switch detail?.trigger {
        case .event(let name, let payload)?:
            trigger = name
            data = payload
        case .timer(let key, _)?: trigger = key.description
        case .start?, nil: trigger = nil
        }
    }

    /// The effects, read as what happened.
    public var happenings: [Happening] { effects.map(Happening.init(effect:)) }
}

extension MatterDetail {
    public var historyEntries: [HistoryEntry] { history.map(HistoryEntry.init) }
}

extension Runtime {
    /// Audit rows after `seq` that the viewer may see, up to `limit` rows
    /// read, and the last seq read (to continue from, seen or not).
    public func changes(after seq: Int64, as viewer: Viewer, limit: Int = 500) throws -> (entries: [HistoryEntry], through: Int64) {
        try read { s in
            let rows = try s.auditRecords(after: seq, limit: limit)
            // A unit sees the rows of its own matters: each matter's unit read once.
            var unitOf: [String: String?] = [:]
            let seen = try rows.filter { r in
                guard case .unit = viewer else { return true }
                guard let id = r.instance else { return false }
                let unit = try unitOf[id] ?? s.instance(id)?.unit
                unitOf[id] = unit
                return viewer.sees(unit: unit)
            }
            return (seen.map(HistoryEntry.init), rows.last?.seq ?? seq)
        }
    }
}

extension Runtime {
    /// The audit trail's last sequence number (0 when empty): where a live stream starts.
    public func auditHead() throws -> Int64 { try read { try $0.lastAudit()?.seq ?? 0 } }
}
