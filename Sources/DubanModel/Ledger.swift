/// What a unit's ledger (台账) records against it.
public enum LedgerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case strike
    case criticism
    case interview
    case referral
    case lateReport = "late_report"
    case missedReport = "missed_report"
    case bottomRank = "bottom_rank"

    /// The method that counts this kind in expressions: `unit.strikes(365d)`.
    public var countMethod: String {
        switch self {
        case .strike: return "strikes"
        case .criticism: return "criticisms"
        case .interview: return "interviews"
        case .referral: return "referrals"
        case .lateReport: return "late_reports"
        case .missedReport: return "missed_reports"
        case .bottomRank: return "bottom_ranks"
        }
    }

    public init?(countMethod: String) {
        guard let k = LedgerKind.allCases.first(where: { $0.countMethod == countMethod }) else { return nil }
        self = k
    }
}

/// One line in a unit's ledger.
public struct LedgerEntry: Sendable, Hashable {
    public var unit: String
    public var kind: LedgerKind
    public var time: Instant
    /// The clause of the measures that applied, e.g. "第五条".
    public var clause: String?

    public init(unit: String, kind: LedgerKind, time: Instant, clause: String? = nil) {
        self.unit = unit
        self.kind = kind
        self.time = time
        self.clause = clause
    }
}
