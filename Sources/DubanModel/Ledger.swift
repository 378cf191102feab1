/// What a unit's ledger (台账) records against it.
public enum LedgerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case strike
    case criticism
    case interview
    case referral
    case lateReport = "late_report"
    case missedReport = "missed_report"
    case bottomRank = "bottom_rank"
    /// The deciding body's decision on a referral, as the office recorded it (检查, 诫勉, 纪律处分…).
    case decision

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
        case .decision: return "decisions"
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
    /// The clause of the measures that applied, e.g. "第五条"; for a decision,
    /// its form and document number: 诫勉（区纪发〔2026〕12号）.
    public var clause: String?

    public init(unit: String, kind: LedgerKind, time: Instant, clause: String? = nil) {
        self.unit = unit
        self.kind = kind
        self.time = time
        self.clause = clause
    }
}

/// How far back a ledger count looks: `unit.strikes(365d)` (a rolling
/// window, from the instant the calendar puts 365 days back), `unit.strikes(year)` (this calendar year) or
/// `unit.bottom_ranks(running)` (consecutive months up to this one, the
/// monthly circulars' rhythm: the count stops at the first month without one).
public enum LedgerWindow: Sendable, Hashable {
    /// After this instant.
    case since(Instant)
    case year
    case running

    /// The words an expression may use for a window that is not a duration.
    public static let words: [String: LedgerWindow] = ["year": .year, "running": .running]
}

extension Sequence where Element == LedgerEntry {
    /// Entries of `kind` for `unit` in the window, up to `now` (a simulated
    /// ledger may hold lines dated later).
    public func count(_ kind: LedgerKind, of unit: String, in window: LedgerWindow, now: Instant, zone: Zone) -> Int {
        let lines = filter { $0.unit == unit && $0.kind == kind && $0.time <= now }
        switch window {
        case .since(let start):
            return lines.filter { $0.time > start }.count
        case .year:
            let year = zone.local(now).day.year
            return lines.filter { zone.local($0.time).day.year == year }.count
        case .running:
            let months = Set(lines.map { Self.month(zone.local($0.time).day) })
            var month = Self.month(zone.local(now).day)
            var run = 0
            while months.contains(month) {
                run += 1
                month -= 1
            }
            return run
        }
    }

    /// Months counted from year 0, so that the month before January is December.
    static func month(_ day: Day) -> Int {
        let c = day.components
        return c.year * 12 + c.month - 1
    }
}
