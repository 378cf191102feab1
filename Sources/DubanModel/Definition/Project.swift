/// Every definition loaded together: what `validate` checks across files and
/// what the engine runs on.
public struct Project: Sendable {
    public var workflows: [WorkflowDefinition] = []
    public var policies: [PolicyDefinition] = []
    public var units: UnitDirectory?
    public var documents = DocumentSettings()
    public var calendarYears: [String: [CalendarYear]] = [:]
    public var templates: Set<String> = TemplateCatalog.builtin

    public init() {}

    public func workflow(_ id: String) -> WorkflowDefinition? {
        workflows.first { $0.id == id }
    }

    public func policy(_ id: String) -> PolicyDefinition? {
        policies.first { $0.id == id }
    }

    /// What a state's policies may run and read: the steps of the one it
    /// escalates with, the ranking rungs of the one it ranks by.
    public func policyActions(of s: StateDefinition) -> [Action] {
        (s.escalation.flatMap { policy($0.policy) }?.steps.flatMap(\.actions) ?? [])
            + (s.ranks.flatMap { policy($0) }?.ranking?.rungs.flatMap(\.actions) ?? [])
    }

    public func policyExpressions(of s: StateDefinition) -> [Expression] {
        [s.escalation?.policy, s.ranks].compactMap { $0.flatMap { policy($0) } }.flatMap(\.expressions)
    }

    /// Names a calendar may have: `weekdays` is built in, the rest need data files.
    public var calendarNames: [String] { ["weekdays"] + calendarYears.keys.sorted() }

    public func calendar(named name: String, zone: Zone = .shanghai, countFrom: CountFrom = .nextDay,
                         hours: OfficeHours = .standard) -> BusinessCalendar {
        var c = name == "weekdays" ? BusinessCalendar.weekdays : BusinessCalendar(name: name, years: calendarYears[name] ?? [])
        c.zone = zone
        c.countFrom = countFrom
        c.workdayStart = hours.start
        c.workdayEnd = hours.end
        return c
    }

    public func calendar(for workflow: WorkflowDefinition) -> BusinessCalendar {
        calendar(named: workflow.calendar, zone: workflow.zone, countFrom: workflow.countFrom, hours: workflow.officeHours)
    }
}

/// Message and document templates a workflow may name. Files in a
/// `templates/` folder beside the workflows add to (or override) these.
public enum TemplateCatalog {
    public static let documents = Set(DocumentKind.all.map(\.id))
    public static let messages = Set(MessageTemplate.allCases.map(\.rawValue))
    public static let builtin = documents.union(messages)
}
