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
    /// This calendar year's, from the ledger.
    public var criticisms = 0
    public var interviews = 0
    public var referrals = 0
    /// Decisions the deciding bodies took on referrals (诫勉, 纪律处分…).
    public var decisions = 0
    /// The overdue matters, oldest first, with the rung each stands on.
    public var late: [LateMatter] = []
    /// The running matters with their lights, most urgent first: the board's lights.
    public var running: [RunningMatter] = []
}

/// A running matter as the board shows it: a light.
public struct RunningMatter: Sendable {
    public var id: String
    public var workflow: String
    public var version: Int
    public var state: String
    public var light: Light
    public var deadline: Instant?

    public var urgency: Urgency { Urgency(light, deadline, id) }
}

extension BoardRow {
    /// Closed on time, of those closed, in whole percent; nil before any closed.
    public var onTimePercent: Int? { closed == 0 ? nil : closedOnTime * 100 / closed }
}

/// The board's rows, what they were counted from, and whether a reader is counting anew.
struct BoardCache: Sendable {
    var key = ""
    var rows: [BoardRow]?
    var counting = false
    /// When it was counted, by the machine's monotonic clock: `boardSpan`
    /// is a throttle on work, not a span of the campaign's time (which a
    /// demo may hold still with --now).
    var counted = ContinuousClock.Instant.now
}

/// An overdue matter on the board.
public struct LateMatter: Sendable {
    public var id: String
    public var ladder: LadderPosition?
    var started: Instant
}

extension Runtime {
    /// Per unit of units.yaml: tracked matters, closed, overdue now (each
    /// with its ladder step), reminders queued, and the ledger's criticisms,
    /// interviews and referrals of this calendar year. A unit sees its own
    /// row only; `ranking` lists every unit's place.
    ///
    /// The counts are kept until the audit trail moves on, a definition is
    /// deployed or the minute turns: a server's board is read far more often
    /// than a step is taken, and counting reads every tracked matter. While
    /// one reader counts, the others are answered with the last count, and
    /// a count stands for the runtime's `boardSpan` seconds at least (on a
    /// server, where a busy tick moves the trail on many times a second).
    public func board(as viewer: Viewer, now: Instant) throws -> [BoardRow] {
        try boardSnapshot(as: viewer, now: now).rows
    }

    /// The board's rows, and whether they were counted at the trail's
    /// present (false: the last count, while a thread counts anew).
    public func boardSnapshot(as viewer: Viewer, now: Instant) throws -> (rows: [BoardRow], current: Bool) {
        let key = try read { s in "\(try s.lastAudit()?.seq ?? 0)/\(try s.definitionsVersion())/\(now.seconds / 60)" }
        enum Plan { case kept([BoardRow], current: Bool), recount([BoardRow]), count }
        let plan = boardCache.withLock { cache -> Plan in
            guard let rows = cache.rows else { return .count }
            if cache.key == key || cache.counting || ContinuousClock.now - cache.counted < .seconds(boardSpan) { return .kept(rows, current: cache.key == key) }
            cache.counting = true
            return .recount(rows)
        }
        switch plan {
        case .kept(let rows, let current):
            return (rows.filter { viewer.sees(unit: $0.unit) }, current)
        case .recount(let rows) where boardSpan > 0:
            // On a server the last count answers at once, and a thread counts anew for the next reader.
            _ = Background { [self] in try recount(key: key, now: now) }
            return (rows.filter { viewer.sees(unit: $0.unit) }, false)
        case .recount, .count:
            return (try recount(key: key, now: now).filter { viewer.sees(unit: $0.unit) }, true)
        }
    }

    private func recount(key: String, now: Instant) throws -> [BoardRow] {
        do {
            let rows = try countBoard(now: now)
            boardCache.withLock { $0 = BoardCache(key: key, rows: rows, counting: false, counted: .now) }
            return rows
        } catch {
            boardCache.withLock { $0.counting = false }
            throw error
        }
    }

    /// Every unit's row, ranked.
    func countBoard(now: Instant) throws -> [BoardRow] {
        let defs = try definitions()
        // Every unit's row is counted, so that a unit's rank is the one the office sees; only the viewer's are returned.
        let units = defs.project.units?.units ?? []
        let tracked = defs.project.workflows.filter { w in w.inputs.contains { $0.name == "deadline" } }.map(\.id)
        let index = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($0.element.id, $0.offset) })
        var rows = units.map { BoardRow(unit: $0.id, name: $0.name) }
        try read { s in
            for workflow in tracked {
                // Outlines, not whole instances: no values are decoded but the deadline.
                var def: WorkflowDefinition?
                try s.outlines(workflow: workflow) { i in
                    guard let u = i.unit, let n = index[u] else { return }
                    if def?.version != i.version { def = defs.workflow(i.workflow, version: i.version) }
                    let standing = Standing(deadline: i.deadline, finished: i.finished, escalation: i.escalation, def, defs, now: now)
                    rows[n].matters += 1
                    rows[n].lights[standing.light, default: 0] += 1
                    if i.finished, i.state != "cancelled" {
                        rows[n].closed += 1
                        if standing.deadline.map({ i.entered <= $0 }) ?? true { rows[n].closedOnTime += 1 }
                    }
                    if !i.finished {
                        rows[n].running.append(RunningMatter(id: i.id, workflow: i.workflow, version: i.version, state: i.state,
                                                             light: standing.light, deadline: standing.deadline))
                    }
                    // Overdue on a ladder of its own: a pledge tracked with its matter (no ladder) is counted once, as that matter.
                    if !i.finished, def?.state(i.state)?.escalation != nil, i.escalation != nil {
                        rows[n].overdue += 1
                        rows[n].late.append(LateMatter(id: i.id, ladder: standing.ladder, started: i.started))
                    }
                }
            }
            for (unit, count) in try s.messageCounts(kind: .remind) { if let n = index[unit] { rows[n].reminders = count } }
            let year = Zone.shanghai.local(now).day.year
            for e in try s.ledger(units: units.map(\.id)) {
                // This calendar year's, as the measures count them.
                guard let n = index[e.unit], Zone.shanghai.local(e.time).day.year == year else { continue }
                switch e.kind {
                case .strike, .criticism: rows[n].criticisms += 1
                case .interview: rows[n].interviews += 1
                case .referral: rows[n].referrals += 1
                case .decision: rows[n].decisions += 1
                default: break
                }
            }
        }
        for n in rows.indices {
            rows[n].late.sort { ($0.started, $0.id) < ($1.started, $1.id) }
            rows[n].running.sort { $0.urgency < $1.urgency }
        }
        // Ranked over every unit, so a unit's rank is the same as the office
        // sees it; units that do equally well share a rank (1, 2, 2, 4).
        func score(_ r: BoardRow) -> (Int, Int) { (r.onTimePercent ?? 100, -r.overdue) }
        let scores = rows.map(score)
        for n in rows.indices { rows[n].rank = 1 + scores.filter { $0 > scores[n] }.count }
        return rows
    }
}

/// A unit's place in the ranking, which every signed-in reader may see (a
/// monthly circular publishes it): no matters, no names of people.
public struct RankingEntry: Sendable {
    public var rank: Int
    public var unit: String
    public var name: String
    public var onTimePercent: Int?
    public var overdue: Int
}

extension Runtime {
    /// Every unit's rank, best first.
    public func ranking(now: Instant) throws -> [RankingEntry] {
        try board(as: .office, now: now)
            .map { RankingEntry(rank: $0.rank, unit: $0.unit, name: $0.name, onTimePercent: $0.onTimePercent, overdue: $0.overdue) }
            .sorted { ($0.rank, $0.unit) < ($1.rank, $1.unit) }
    }
}
