import DubanEngine
import DubanModel
import DubanStore

/// One unit's row on the campaign board (挂图作战).
public struct BoardRow: Sendable {
    public var unit: String
    public var name: String
    /// Tracked matters: instances of workflows with a deadline.
    public var matters = 0
    public var closed = 0
    /// Running matters in an escalating state.
    public var overdue = 0
    public var reminders = 0
    public var criticisms = 0
    public var interviews = 0
    public var referrals = 0
    /// The overdue matters, oldest first, with the rung each stands on.
    public var late: [LateMatter] = []
}

/// An overdue matter on the board.
public struct LateMatter: Sendable {
    public var id: String
    public var ladder: LadderPosition?
}

extension Runtime {
    /// Per unit of units.yaml: tracked matters, closed, overdue now (each
    /// with its ladder step), reminders queued, and the ledger's criticisms,
    /// interviews and referrals. A unit sees its own row only.
    public func board(as viewer: Viewer) throws -> [BoardRow] {
        let defs = try definitions()
        let units = (defs.project.units?.units ?? []).filter { viewer.sees(unit: $0.id) }
        var rows = Dictionary(uniqueKeysWithValues: units.map { ($0.id, BoardRow(unit: $0.id, name: $0.name)) })
        try read { s in
            for w in defs.project.workflows where w.inputs.contains(where: { $0.name == "deadline" }) {
                for i in try s.instances(InstanceFilter(workflow: w.id, unit: viewer.unit)) {
                    guard let u = i.unit, rows[u] != nil else { continue }
                    rows[u]!.matters += 1
                    if i.finished, i.state != "cancelled" { rows[u]!.closed += 1 }
                    let def = defs.workflow(i.workflow, version: i.version) ?? w
                    if !i.finished, def.state(i.state)?.escalation != nil {
                        rows[u]!.overdue += 1
                        rows[u]!.late.append(LateMatter(id: i.id, ladder: LadderPosition(i.escalation, defs)))
                    }
                }
            }
            for m in try s.outbox(pendingOnly: false) where m.kind == .remind { rows[m.unit]?.reminders += 1 }
            for e in try s.ledger(units: units.map(\.id)) {
                switch e.kind {
                case .strike, .criticism: rows[e.unit]?.criticisms += 1
                case .interview: rows[e.unit]?.interviews += 1
                case .referral: rows[e.unit]?.referrals += 1
                default: break
                }
            }
        }
        return units.compactMap { rows[$0.id] }
    }
}
