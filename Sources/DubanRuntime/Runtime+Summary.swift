import DubanEngine
import DubanModel
import DubanStore

/// One unit's line on the campaign board.
public struct UnitSummary: Sendable {
    public var unit: String
    public var name: String
    public var matters = 0
    public var closed = 0
    public var overdue = 0
    public var reminders = 0
    public var criticisms = 0
    public var interviews = 0
    public var referrals = 0
}

extension Runtime {
    /// Per unit of units.yaml: tracked matters (instances with a deadline),
    /// closed, overdue now, reminders queued, and the ledger's criticisms,
    /// interviews and referrals.
    public func unitSummary() throws -> [UnitSummary] {
        let defs = try definitions()
        let units = defs.project.units?.units ?? []
        var rows = Dictionary(uniqueKeysWithValues: units.map { ($0.id, UnitSummary(unit: $0.id, name: $0.name)) })
        try store.read { s in
            for w in defs.project.workflows where w.inputs.contains(where: { $0.name == "deadline" }) {
                for i in try s.instances(InstanceFilter(workflow: w.id)) {
                    guard let u = Applier.unitID(i.values["unit"]), rows[u] != nil else { continue }
                    rows[u]!.matters += 1
                    if i.finished, i.state != "cancelled" { rows[u]!.closed += 1 }
                    let def = defs.workflow(i.workflow, version: i.version) ?? w
                    if !i.finished, def.state(i.state)?.escalation != nil { rows[u]!.overdue += 1 }
                }
            }
            for m in try s.outbox(pendingOnly: false) where m.kind == "remind" { rows[m.unit]?.reminders += 1 }
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
