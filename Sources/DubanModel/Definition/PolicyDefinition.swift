/// An escalation policy: the machine form of a 问责办法.
public struct PolicyDefinition: Sendable {
    public var id: String
    public var title: String
    public var steps: [EscalationStep]
    public var repeatOffence: [RepeatRule]
    public var file: String
    public var mark: Mark

    public init(id: String, title: String, steps: [EscalationStep], repeatOffence: [RepeatRule], file: String, mark: Mark) {
        self.id = id
        self.title = title
        self.steps = steps
        self.repeatOffence = repeatOffence
        self.file = file
        self.mark = mark
    }

    /// Every expression the policy can evaluate: its rules and its steps' actions.
    public var expressions: [Expression] {
        repeatOffence.map(\.condition) + steps.flatMap { $0.actions.flatMap(\.expressions) }
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
    public var mark: Mark

    public init(name: String, after: WorkDuration, actions: [Action], ledger: LedgerKind? = nil, clause: String? = nil, mark: Mark) {
        self.name = name
        self.after = after
        self.actions = actions
        self.ledger = ledger
        self.clause = clause
        self.mark = mark
    }
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
