import DubanEngine
import DubanModel
import DubanRuntime

/// A matter in a list (a unit's home, the review queue): its light, what it
/// is, its deadline with the workdays left, and what comes next.
struct MatterLine: Sendable {
    var id: String
    var href: String
    var subject: String
    var light: String
    var lightLabel: String
    var state: String
    var unit: String
    var deadline: String
    var left: String
    var next: String

    /// `actor`: who reads it ("office" or a unit), for the next thing to do.
    init(_ m: Matter, actor: String?, defs: DefinitionSet, now: Instant, call visit: PageCall) {
        let l = visit.language
        let w = defs.workflow(m.instance.workflow, version: m.instance.version)
        id = m.id
        href = "/matters/\(m.id)"
        subject = Self.subject(m, defs)
        light = m.light.rawValue
        lightLabel = l("light_" + m.light.rawValue)
        state = m.stateTitle
        unit = m.unit.flatMap { defs.project.units?.unit($0)?.name } ?? ""
        (deadline, left) = Self.deadline(m, w, defs, now: now, call: visit)
        let events = actor.flatMap { a in w.map { Engine(project: defs.project).available(to: a, on: m.instance, definition: $0) } } ?? []
        next = events.first.map { l.event($0.name, title: $0.title) } ?? (m.instance.finished ? "" : l("waiting"))
    }

    /// The deadline as a day, and the workdays left to it (or that it has passed).
    static func deadline(_ m: Matter, _ w: WorkflowDefinition?, _ defs: DefinitionSet, now: Instant, call visit: PageCall) -> (String, String) {
        guard let due = m.deadline, let w else { return (visit.language("no_deadline"), "") }
        let calendar = defs.calendar(for: w)
        let day = calendar.zone.local(due).day
        if m.overdue { return (day.description, visit.language("workdays_over")) }
        let left = calendar.workdays(from: calendar.zone.local(now).day, to: day).value
        return (day.description, visit.language.fill("workdays_left", left))
    }

    /// What the matter is about, in a few words: its first text input with a
    /// value (the problem, the commitment, the reason…), else the workflow's title.
    static func subject(_ m: Matter, _ defs: DefinitionSet) -> String {
        let w = defs.workflow(m.instance.workflow, version: m.instance.version)
        for decl in w?.inputs ?? [] where decl.type == .text {
            if case .text(let t)? = m.instance.values[decl.name], !t.isEmpty { return t.count > 40 ? String(t.prefix(40)) + "…" : t }
        }
        return w?.title ?? m.instance.workflow
    }
}
