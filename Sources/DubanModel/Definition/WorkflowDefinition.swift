/// A validated workflow: the YAML language's `workflow:` file.
public struct WorkflowDefinition: Sendable {
    public var id: String
    public var version: Int
    public var title: String
    public var calendar: String
    public var zone: Zone
    public var countFrom: CountFrom
    public var officeHours: OfficeHours
    public var inputs: [VariableDecl]
    public var vars: [VariableDecl]
    public var schedule: Schedule?
    public var initial: String
    public var states: [StateDefinition]
    public var file: String
    public var mark: Mark

    public init(id: String, version: Int, title: String, calendar: String, zone: Zone, countFrom: CountFrom, officeHours: OfficeHours, inputs: [VariableDecl], vars: [VariableDecl], schedule: Schedule? = nil, initial: String, states: [StateDefinition], file: String, mark: Mark) {
        self.id = id
        self.version = version
        self.title = title
        self.calendar = calendar
        self.zone = zone
        self.countFrom = countFrom
        self.officeHours = officeHours
        self.inputs = inputs
        self.vars = vars
        self.schedule = schedule
        self.initial = initial
        self.states = states
        self.file = file
        self.mark = mark
    }

    public func state(_ name: String) -> StateDefinition? {
        states.first { $0.name == name }
    }

    /// The policy whose ranking ladder a state of this workflow applies: its
    /// `bottom` says how many units the workflow's circular records as bottom-ranked.
    public var rankingPolicy: String? {
        states.lazy.compactMap(\.ranks).first
    }

    /// The types of every name an expression in this workflow may read.
    public var names: [String: ValueType] {
        var names = TypeScope.builtins
        for v in inputs + vars { names[v.name] = v.type }
        return names
    }

    /// Every expression the workflow can evaluate.
    public var expressions: [Expression] {
        var out = schedule?.inputs.map(\.expression) ?? []
        for s in states {
            out += s.allActions.flatMap(\.expressions)
            for h in s.handlers {
                for b in h.branches { out += b.set.map(\.expression) + (b.guardExpression.map { [$0] } ?? []) }
            }
            for t in s.timers { if case .at(let e) = t.when { out.append(e) } }
        }
        return out
    }

    /// Every event some state handles.
    public var events: Set<String> {
        Set(states.flatMap { $0.handlers.map(\.event) })
    }
}

/// When the office works: a date-only deadline falls at `end`.
public struct OfficeHours: Sendable, Hashable, CustomStringConvertible {
    public var start: TimeOfDay
    public var end: TimeOfDay

    public static let standard = OfficeHours(start: TimeOfDay(hour: 9, minute: 0), end: TimeOfDay(hour: 18, minute: 0))

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    /// `09:00-18:00`
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let s = TimeOfDay(parts[0]), let e = TimeOfDay(parts[1]), s < e else { return nil }
        self.init(start: s, end: e)
    }

    public var description: String { "\(start)-\(end)" }
}

/// An input or a variable, with its type and default.
public struct VariableDecl: Sendable {
    public var name: String
    public var type: ValueType
    public var required: Bool
    public var defaultValue: DefaultValue?
    public var title: String?
    public var mark: Mark

    public init(name: String, type: ValueType, required: Bool, defaultValue: DefaultValue? = nil, title: String? = nil, mark: Mark) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.title = title
        self.mark = mark
    }
}

public enum DefaultValue: Sendable, Hashable {
    case value(Value)
    /// `+5wd`: that long after the instance starts.
    case afterStart(WorkDuration)
}

public struct StateDefinition: Sendable {
    public var name: String
    public var title: String?
    public var final: Bool
    public var enter: [Action]
    public var exit: [Action]
    public var handlers: [EventHandler]
    public var timers: [TimerDefinition]
    public var escalation: EscalationRef?
    /// `ranks: POLICY`: on entering, each unit takes the policy's ranking rung that holds for it.
    public var ranks: String?
    /// 挂账: a matter here is registered outstanding, with a reason the office
    /// accepted; circulars list it apart and do not count it as overdue.
    public var registered: Bool
    public var mark: Mark

    public init(name: String, title: String? = nil, final: Bool, enter: [Action], exit: [Action], handlers: [EventHandler], timers: [TimerDefinition], escalation: EscalationRef? = nil,
                ranks: String? = nil, registered: Bool = false, mark: Mark) {
        self.name = name
        self.title = title
        self.final = final
        self.enter = enter
        self.exit = exit
        self.handlers = handlers
        self.timers = timers
        self.escalation = escalation
        self.ranks = ranks
        self.registered = registered
        self.mark = mark
    }

    public func handler(_ event: String) -> EventHandler? {
        handlers.first { $0.event == event }
    }
}

/// What a state does with one event: the first branch whose guard holds.
public struct EventHandler: Sendable {
    public var event: String
    public var branches: [Transition]
    public var mark: Mark

    public init(event: String, branches: [Transition], mark: Mark) {
        self.event = event
        self.branches = branches
        self.mark = mark
    }
}

public struct Transition: Sendable {
    public var guardExpression: Expression?
    public var set: [Assignment]
    public var actions: [Action]
    /// nil: the instance stays (no exit, no enter; its `at` timers are recomputed).
    public var target: String?
    /// Who may send the event; nil: anyone.
    public var by: [String]?
    public var payload: [VariableDecl]
    /// What a person is shown for the event (a button's words), e.g. 签收.
    public var title: String?
    public var mark: Mark

    public init(guardExpression: Expression? = nil, set: [Assignment], actions: [Action], target: String? = nil, by: [String]? = nil,
                payload: [VariableDecl], title: String? = nil, mark: Mark) {
        self.title = title
        self.guardExpression = guardExpression
        self.set = set
        self.actions = actions
        self.target = target
        self.by = by
        self.payload = payload
        self.mark = mark
    }
}

public struct TimerDefinition: Sendable {
    public enum When: Sendable {
        case after(WorkDuration)
        case at(Expression)
    }

    public var when: When
    public var actions: [Action]
    public var target: String?
    public var mark: Mark

    public init(when: When, actions: [Action], target: String? = nil, mark: Mark) {
        self.when = when
        self.actions = actions
        self.target = target
        self.mark = mark
    }

    public var label: String {
        switch when {
        case .after(let d): return "after \(d)"
        case .at(let e): return "at \(e.source)"
        }
    }
}

public struct EscalationRef: Sendable {
    public var policy: String
    /// The unit-typed input or variable whose unit is escalated.
    public var unitVariable: String
    public var mark: Mark

    public init(policy: String, unitVariable: String, mark: Mark) {
        self.policy = policy
        self.unitVariable = unitVariable
        self.mark = mark
    }
}

public struct Assignment: Sendable {
    public var name: String
    public var expression: Expression
    public var mark: Mark

    public init(name: String, expression: Expression, mark: Mark) {
        self.name = name
        self.expression = expression
        self.mark = mark
    }
}

public struct Schedule: Sendable {
    public var cron: CronExpression
    public var roll: ScheduleRoll
    public var inputs: [Assignment]
    public var mark: Mark

    public init(cron: CronExpression, roll: ScheduleRoll, inputs: [Assignment], mark: Mark) {
        self.cron = cron
        self.roll = roll
        self.inputs = inputs
        self.mark = mark
    }
}

/// What a schedule does with a slot that falls on an off day.
public enum ScheduleRoll: String, Sendable, Hashable, CaseIterable {
    case none, nextWorkday = "next_workday", skip
}

extension StateDefinition {
    /// Every action the state can run.
    public var allActions: [Action] {
        enter + exit + handlers.flatMap { $0.branches.flatMap(\.actions) } + timers.flatMap(\.actions)
    }
}
