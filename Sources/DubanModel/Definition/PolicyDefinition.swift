/// An escalation policy: the machine form of a 问责办法.
public struct PolicyDefinition: Sendable {
    public var id: String
    public var title: String
    public var steps: [EscalationStep]
    public var repeatOffence: [RepeatRule]
    /// Who interviews (约谈人) a head, by the head's rank.
    public var interviewers: [Interviewer]
    /// The ladder climbed on the monthly ranking, if the measures have one.
    public var ranking: RankingLadder?
    public var file: String
    public var mark: Mark

    public init(id: String, title: String, steps: [EscalationStep], repeatOffence: [RepeatRule],
                interviewers: [Interviewer] = [], ranking: RankingLadder? = nil, file: String, mark: Mark) {
        self.id = id
        self.title = title
        self.steps = steps
        self.repeatOffence = repeatOffence
        self.interviewers = interviewers
        self.ranking = ranking
        self.file = file
        self.mark = mark
    }

    /// The interviewer for a head of this rank: the line for the rank, else the line without one.
    public func interviewer(rank: String?) -> String? {
        (interviewers.first { $0.rank != nil && $0.rank == rank } ?? interviewers.first { $0.rank == nil })?.by
    }

    /// Every expression the policy can evaluate: its rules and its steps' actions.
    public var expressions: [Expression] {
        repeatOffence.map(\.condition) + steps.flatMap { $0.actions.flatMap(\.expressions) + ($0.unless.map { [$0] } ?? []) }
            + (ranking?.rungs ?? []).flatMap { [$0.condition] + $0.actions.flatMap(\.expressions) }
    }

    /// The step at `index`, or nil past the last (a ladder run to its end).
    public func step(at index: Int) -> EscalationStep? {
        steps.indices.contains(index) ? steps[index] : nil
    }

    public func stepIndex(named name: String) -> Int? {
        steps.firstIndex { $0.name == name }
    }
}

public struct EscalationStep: Sendable {
    public var name: String
    /// Offset from entering the escalating state.
    public var after: WorkDuration
    public var actions: [Action]
    public var ledger: LedgerKind?
    public var clause: String?
    /// A condition on the unit's ledger under which the step is passed over
    /// (`unit.referrals(90d) > 0`: no second referral of one head): the ladder
    /// goes on to the next step, and the trail says why.
    public var unless: Expression?
    /// The colour of the supervision order this step issues (蓝 → 橙 → 红),
    /// printed on it and shown on the board.
    public var level: OrderLevel?
    /// How long the unit has to answer this step's order: its `reply_by`.
    public var reply: WorkDuration?
    /// A rung that repeats: again after `every`, at most `cap` times in all for one matter.
    public var repeats: Repeat?
    /// 从轻: waived when the unit reported of its own accord before it came
    /// and the ladder resumes after a rejection.
    public var waivedIfReported: Bool
    public var mark: Mark

    public struct Repeat: Sendable, Hashable {
        public var every: WorkDuration
        public var cap: Int
        public init(every: WorkDuration, cap: Int) {
            self.every = every
            self.cap = cap
        }
    }

    public init(name: String, after: WorkDuration, actions: [Action], ledger: LedgerKind? = nil, clause: String? = nil,
                unless: Expression? = nil, level: OrderLevel? = nil, reply: WorkDuration? = nil, repeats: Repeat? = nil,
                waivedIfReported: Bool = false, mark: Mark) {
        self.name = name
        self.after = after
        self.actions = actions
        self.ledger = ledger
        self.clause = clause
        self.unless = unless
        self.level = level
        self.reply = reply
        self.repeats = repeats
        self.waivedIfReported = waivedIfReported
        self.mark = mark
    }
}

/// The colour of a supervision order (督办等级), from the lightest.
public enum OrderLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case blue, yellow, orange, red

    /// As printed on the order and the board: 蓝色督办.
    public var zh: String {
        switch self {
        case .blue: return "蓝色督办"
        case .yellow: return "黄色督办"
        case .orange: return "橙色督办"
        case .red: return "红色督办"
        }
    }

    public var en: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() + " order" }
}

/// `{ if: "unit.strikes(365d) >= 2", start_at: 约谈 }`
public struct RepeatRule: Sendable {
    public var condition: Expression
    public var startAt: String
    public var mark: Mark

    public init(condition: Expression, startAt: String, mark: Mark) {
        self.condition = condition
        self.startAt = startAt
        self.mark = mark
    }
}

/// `{ rank: 正科级, by: 区委常委、副区长 刘洋 }`: a head of that rank is
/// interviewed by a leader above it, never by the office that proposes it.
public struct Interviewer: Sendable {
    public var rank: String?
    public var by: String

    public init(rank: String?, by: String) {
        self.rank = rank
        self.by = by
    }
}
