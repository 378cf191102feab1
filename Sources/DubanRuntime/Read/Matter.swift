import DubanEngine
import DubanModel
import DubanStore

/// Which matters to list. Nil fields do not narrow.
public struct MatterQuery: Sendable {
    public var workflow: String?
    public var state: String?
    public var unit: String?
    /// Running only (the default), or finished ones too.
    public var includeFinished = false
    /// Only running matters past their deadline.
    public var overdueOnly = false
    /// Only matters showing this light.
    public var light: Light?
    /// Only matters whose input or variable shows this text (e.g. area, source).
    public var values: [String: String] = [:]
    public var offset = 0
    public var limit: Int?

    public init(workflow: String? = nil, state: String? = nil, unit: String? = nil, includeFinished: Bool = false,
                overdueOnly: Bool = false, light: Light? = nil, offset: Int = 0, limit: Int? = nil) {
        self.workflow = workflow
        self.state = state
        self.unit = unit
        self.includeFinished = includeFinished
        self.overdueOnly = overdueOnly
        self.light = light
        self.offset = offset
        self.limit = limit
    }
}

/// One page of matters and how many there are in all.
public struct MatterPage: Sendable {
    public var matters: [Matter]
    public var total: Int
}

/// A matter (an instance) with what a reader derives from it.
public struct Matter: Sendable {
    public var instance: Instance
    /// The state's `title:`, else its name.
    public var stateTitle: String
    public var unit: String?
    /// When it falls due: a date deadline at the end of that workday.
    public var deadline: Instant?
    /// Running and past its deadline.
    public var overdue: Bool
    /// The rung of the ladder it stands on, while escalating.
    public var ladder: LadderPosition?
    public var light: Light

    public var id: String { instance.id }
}

/// A matter's colour on the board (挂图作战): red past its deadline; yellow
/// when the deadline is near or it is on the escalation ladder; else green.
public enum Light: String, Sendable, Hashable, CaseIterable {
    case red, yellow, green

    /// Workdays before the deadline from which a matter shows yellow.
    public static let warningWorkdays = 3
}

/// The order of a list of matters, most urgent first: red, then yellow,
/// then green; sooner deadlines first.
public struct Urgency: Comparable, Sendable {
    var rank: (Int, Int64, String)

    init(_ light: Light, _ deadline: Instant?, _ id: String) {
        rank = (Light.allCases.firstIndex(of: light) ?? 0, deadline?.seconds ?? .max, id)
    }

    public static func < (a: Urgency, b: Urgency) -> Bool { a.rank < b.rank }
    public static func == (a: Urgency, b: Urgency) -> Bool { a.rank == b.rank }
}

extension Matter {
    public var urgency: Urgency { Urgency(light, deadline, id) }
}

/// Where a matter stands on its escalation ladder.
public struct LadderPosition: Sendable, Hashable {
    public var policy: String
    /// The last step taken (nil before the first), and the next to come.
    public var taken: String?
    public var next: String?
    /// 1-based number of the next step, of `steps`.
    public var nextNumber: Int
    public var steps: Int
    /// The colour of the last supervision order issued on this ladder (督办等级).
    public var level: OrderLevel?
}

/// One matter in full: its values, pending timers, history, documents,
/// evidence, and the events the reader may send it now.
public struct MatterDetail: Sendable {
    public var matter: Matter
    public var history: [AuditRecord]
    public var documents: [DocumentRecord]
    public var attachments: [Attachment]
    public var available: [AvailableEvent]
    /// Pending timers, soonest first.
    public var timers: [(key: TimerKey, due: Instant)] {
        matter.instance.timers.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { ($0.key, $0.value) }
    }
}
