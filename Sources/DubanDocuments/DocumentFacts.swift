import DubanModel

/// Everything known about a document when it is issued: gathered by the
/// runtime from the instance, the units, the ledger and the campaign, turned
/// into template variables by `templateContext()`.
public struct DocumentFacts: Sendable {
    public var kind: String
    public var seq: Int
    public var issued: LocalDateTime
    public var zone: Zone
    public var settings: DocumentSettings
    public var units: UnitDirectory?
    public var to: String?
    public var cc: [String]
    /// The unit the document is about (the escalating or instance's unit).
    public var unit: String?
    public var workflowID: String
    public var workflowTitle: String
    public var instance: String
    public var stateTitle: String
    /// The instance's values with the action's `with:` fields over them.
    public var values: [String: Value]
    public var escalation: Escalation?
    /// The subject unit's ledger, oldest first.
    public var ledger: [LedgerEntry] = []
    public var events: [RecordedEvent] = []
    public var children: [Matter] = []
    /// Open matters past their deadline across the campaign, for notices and minutes.
    public var findings: [Matter] = []
    public var ranking: [RankRow] = []
    /// Matters registered outstanding (挂账) at the period's end: listed apart from the overdue ones.
    public var registered: [Matter] = []
    public var period: String?
    /// The last day of the period a circular reviews.
    public var periodEnd: Day?
    /// The day the matter was assigned (its instance started): 交办日期.
    public var assigned: Day?

    public struct Escalation: Sendable {
        public var policy: String
        public var step: String
        public var clause: String?
        public var since: Day
        public var workdaysOverdue: Int
        public init(policy: String, step: String, clause: String?, since: Day, workdaysOverdue: Int) {
            self.policy = policy
            self.step = step
            self.clause = clause
            self.since = since
            self.workdaysOverdue = workdaysOverdue
        }
    }

    public struct RecordedEvent: Sendable {
        public var name: String
        public var actor: String
        public var time: Instant
        public var payload: [String: Value]
        public init(name: String, actor: String, time: Instant, payload: [String: Value]) {
            self.name = name
            self.actor = actor
            self.time = time
            self.payload = payload
        }
    }

    /// A tracked matter (a rectification, a pledge): for findings and children.
    public struct Matter: Sendable {
        public var id: String
        public var workflow: String
        public var unit: String?
        public var title: String
        public var stateTitle: String
        public var deadline: Day?
        public var workdaysOverdue: Int
        public var values: [String: Value]
        public init(id: String, workflow: String, unit: String?, title: String, stateTitle: String, deadline: Day?,
                    workdaysOverdue: Int, values: [String: Value]) {
            self.id = id
            self.workflow = workflow
            self.unit = unit
            self.title = title
            self.stateTitle = stateTitle
            self.deadline = deadline
            self.workdaysOverdue = workdaysOverdue
            self.values = values
        }
    }

    public struct RankRow: Sendable {
        public var unit: String
        /// Matters in play in the period.
        public var due: Int
        /// Closed by their deadline.
        public var closed: Int
        /// Closed within the period, after their deadline.
        public var late: Int
        /// Still open at the period's end, past their deadline.
        public var overdue: Int
        public var lateReports: Int
        public init(unit: String, due: Int = 0, closed: Int = 0, late: Int = 0, overdue: Int = 0, lateReports: Int = 0) {
            self.unit = unit
            self.due = due
            self.closed = closed
            self.late = late
            self.overdue = overdue
            self.lateReports = lateReports
        }
        public var rate: Double { due == 0 ? 1 : Double(closed) / Double(due) }
        /// What places a unit: equal keys share a rank (并列).
        public var standing: [Double] { [-rate, Double(overdue), Double(late), Double(lateReports)] }
    }

    /// Each ranked unit's place, best first; units that stand equal share it
    /// (并列: 1, 1, 3). A unit with nothing due is not ranked.
    public var places: [(unit: String, place: Int)] {
        var out: [(unit: String, place: Int)] = []
        var previous: RankRow?
        for (i, r) in ranking.filter({ $0.due > 0 }).enumerated() {
            let place = previous.map { $0.standing == r.standing ? out[out.count - 1].place : i + 1 } ?? i + 1
            out.append((r.unit, place))
            previous = r
        }
        return out
    }

    public init(kind: String, seq: Int, issued: LocalDateTime, zone: Zone, settings: DocumentSettings, units: UnitDirectory?,
                to: String?, cc: [String], unit: String?, workflowID: String, workflowTitle: String, instance: String,
                stateTitle: String, values: [String: Value]) {
        self.kind = kind
        self.seq = seq
        self.issued = issued
        self.zone = zone
        self.settings = settings
        self.units = units
        self.to = to
        self.cc = cc
        self.unit = unit
        self.workflowID = workflowID
        self.workflowTitle = workflowTitle
        self.instance = instance
        self.stateTitle = stateTitle
        self.values = values
    }

    public var language: DocumentLanguage { settings.lang }
    /// The matter a document is about, as its text names it.
    public var matterTitle: String? {
        CoreFact.matterNames.lazy.compactMap { values[$0].flatMap(format) }.first
    }

    public var issuer: String { settings.issuer ?? units?.office?.name ?? (language == .zh ? "督办办公室" : "Supervision office") }
    public var number: String { settings.number(kind: kind, year: issued.day.year, seq: seq) }

    public func unitName(_ id: String) -> String {
        if id == "office" { return units?.office?.name ?? issuer }
        return units?.addressee(id)?.name ?? id
    }

    /// The core facts of the kind this document lacks, in the order the kind lists them.
    public var missingFacts: [CoreFact] {
        settings.kind(kind).requires.filter { fact in
            switch fact {
            case .addressee: return to == nil
            case .unit: return unit == nil
            default: return !fact.valueNames.contains { values[$0].flatMap(format) != nil }
            }
        }
    }

    /// 抄送: the copies less the issuer itself and the addressee, each once;
    /// a document to every unit (no `to:`) copies no unit, they are all in 主送.
    public var copies: [String] {
        var seen: Set<String> = ["office"]
        if let to { seen.insert(to) } else { seen.formUnion(units?.units.map(\.id) ?? []) }
        return cc.filter { seen.insert($0).inserted && unitName($0) != issuer }
    }
}
