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
    /// Closed by their deadline.
    public var closedOnTime = 0
    /// Running and finished matters by light.
    public var lights: [Light: Int] = [:]
    /// 1 for the unit that does best: most closed on time, then fewest overdue.
    public var rank = 0
    /// Running matters in an escalating state.
    public var overdue = 0
    public var reminders = 0
    public var criticisms = 0
    public var interviews = 0
    public var referrals = 0
    /// The overdue matters, oldest first, with the rung each stands on.
    public var late: [LateMatter] = []
}

extension BoardRow {
    /// Closed on time, of those closed, in whole percent; nil before any closed.
    public var onTimePercent: Int? { closed == 0 ? nil : closedOnTime * 100 / closed }
}

/// The board's rows and what they were counted from.
struct BoardCache: Sendable {
    var key: String
    var rows: [BoardRow]
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
    ///
    /// The counts are kept until the audit trail moves on, a definition is
    /// deployed or the minute turns: a server's board is read far more often
    /// than a step is taken, and counting reads every tracked matter. While
    /// one reader counts, the others wait for its result.
    public func board(as viewer: Viewer, now: Instant) throws -> [BoardRow] {
        let key = try read { s in "\(try s.lastAudit()?.seq ?? 0)/\(try s.definitionsVersion())/\(now.seconds / 60)" }
        let rows = try boardCache.withLock { cache throws -> [BoardRow] in
            if let cache, cache.key == key { return cache.rows }
            let rows = try countBoard(now: now)
            cache = BoardCache(key: key, rows: rows)
            return rows
        }
        return rows.filter { viewer.sees(unit: $0.unit) }
    }

    /// Every unit's row, ranked.
    func countBoard(now: Instant) throws -> [BoardRow] {
        let defs = try definitions()
        // Every unit's row is counted, so that a unit's rank is the one the office sees; only the viewer's are returned.
        let units = defs.project.units?.units ?? []
        var rows = Dictionary(uniqueKeysWithValues: units.map { ($0.id, BoardRow(unit: $0.id, name: $0.name)) })
        try read { s in
            for w in defs.project.workflows where w.inputs.contains(where: { $0.name == "deadline" }) {
                for i in try s.instances(InstanceFilter(workflow: w.id)) {
                    guard let u = i.unit, rows[u] != nil else { continue }
                    rows[u]!.matters += 1
                    let m = Matter(i, defs, now: now)
                    rows[u]!.lights[m.light, default: 0] += 1
                    if i.finished, i.state != "cancelled" {
                        rows[u]!.closed += 1
                        if m.deadline.map({ i.entered <= $0 }) ?? true { rows[u]!.closedOnTime += 1 }
                    }
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
        // Ranked over every unit, so a unit's rank is the same as the office
        // sees it; units that do equally well share a rank (1, 2, 2, 4).
        var ranked = units.compactMap { rows[$0.id] }
        func score(_ r: BoardRow) -> (Int, Int) { (r.onTimePercent ?? 100, -r.overdue) }
        for i in ranked.indices { ranked[i].rank = 1 + ranked.filter { score($0) > score(ranked[i]) }.count }
        return ranked
    }
}
