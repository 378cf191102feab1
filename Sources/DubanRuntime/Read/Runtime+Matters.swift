import DubanEngine
import DubanModel
import DubanStore
import Foundation

extension Runtime {
    /// The matters the viewer may see, oldest first, one page of them.
    public func matters(_ query: MatterQuery, as viewer: Viewer, now: Instant) throws -> MatterPage {
        let defs = try definitions()
        if let unit = query.unit, !viewer.sees(unit: unit) { return MatterPage(matters: [], total: 0) }
        var filter = InstanceFilter(workflow: query.workflow, state: query.state, unit: query.unit ?? viewer.unit,
                                    running: query.includeFinished ? nil : true)
        // Without a filter on what is worked out from the deadline, the store pages.
        if query.light == nil && !query.overdueOnly && query.values.isEmpty {
            filter.offset = query.offset
            filter.limit = query.limit
            let (page, total) = try read { s in (try s.instances(filter), try s.countInstances(filter)) }
            return MatterPage(matters: page.filter(viewer.sees).map { Matter($0, defs, now: now) }, total: total)
        }
        let all = try read { try $0.instances(filter) }
            .filter(viewer.sees)
            .map { Matter($0, defs, now: now) }
            .filter { m in (!query.overdueOnly || m.overdue) && (query.light.map { m.light == $0 } ?? true) }
            .filter { m in query.values.allSatisfy { m.instance.values[$0.key]?.display(in: .shanghai) == $0.value } }
        let page = all.dropFirst(query.offset).prefix(query.limit ?? .max)
        return MatterPage(matters: Array(page), total: all.count)
    }

    /// One matter in full; another unit's matter is refused as a missing one.
    /// `actor` (the reader's unit, or "office") decides which events are
    /// offered; nil offers none (a read-only reader).
    public func matter(_ id: String, as viewer: Viewer, actor: String? = nil, now: Instant) throws -> MatterDetail {
        let defs = try definitions()
        return try read { s in
            guard let instance = try s.instance(id), viewer.sees(instance) else { throw RuntimeError.unknownInstance(id) }
            let available = actor.flatMap { a in
                defs.workflow(instance.workflow, version: instance.version).map {
                    Engine(project: defs.project).available(to: a, on: instance, definition: $0)
                }
            } ?? []
            return MatterDetail(matter: Matter(instance, defs, now: now), history: try s.auditRecords(instance: id),
                                documents: try s.documents(DocumentFilter(instance: id)).filter(viewer.sees),
                                attachments: try s.attachments(instance: id), available: available)
        }
    }

    /// One file of a matter's evidence and its bytes; another unit's reads as missing.
    public func attachment(_ id: Int64, of matter: String, as viewer: Viewer) throws -> (Attachment, Data)? {
        guard let folder = evidence, try exists(matter, as: viewer),
              let a = try read({ try $0.attachments(instance: matter) }).first(where: { $0.id == id }),
              let bytes = folder.bytes(a) else { return nil }
        return (a, bytes)
    }
}

extension Matter {
    init(_ instance: Instance, _ defs: DefinitionSet, now: Instant) {
        let w = defs.workflow(instance.workflow, version: instance.version)
        let standing = Standing(deadline: instance.values["deadline"], finished: instance.finished, escalation: instance.escalation,
                                w, defs, now: now)
        self.instance = instance
        stateTitle = w?.state(instance.state)?.title ?? instance.state
        unit = instance.unit
        deadline = standing.deadline
        overdue = standing.overdue
        ladder = standing.ladder
        light = standing.light
    }
}

/// Where a matter stands at a time: its deadline as an instant, whether it
/// is overdue, its light and its rung; worked out alike for a matter read
/// whole and for the board's outline of it.
struct Standing {
    var deadline: Instant?
    var overdue: Bool
    var ladder: LadderPosition?
    var light: Light

    /// A date deadline falls at the end of that workday in the workflow's calendar.
    init(deadline value: Value?, finished: Bool, escalation: EscalationProgress?, _ w: WorkflowDefinition?, _ defs: DefinitionSet,
         now: Instant) {
        let calendar = w.map { defs.calendar(for: $0) }
        switch value {
        case .date(let d)?: deadline = calendar.map { $0.endOfWorkday(d) }
        case .datetime(let t)?: deadline = t
        default: deadline = nil
        }
        overdue = !finished && (deadline.map { $0 < now } ?? false)
        ladder = LadderPosition(escalation, defs)
        light = Light(overdue: overdue, escalating: ladder != nil, deadline: deadline, finished: finished, now: now, calendar: calendar)
    }
}

extension Light {
    init(overdue: Bool, escalating: Bool, deadline: Instant?, finished: Bool, now: Instant, calendar: BusinessCalendar?) {
        if overdue { self = .red; return }
        if finished { self = .green; return }
        if escalating { self = .yellow; return }
        guard let deadline, let calendar else { self = .green; return }
        let left = calendar.workdays(from: calendar.zone.local(now).day, to: calendar.zone.local(deadline).day).value
        self = left <= Self.warningWorkdays ? .yellow : .green
    }
}

extension LadderPosition {
    init?(_ progress: EscalationProgress?, _ defs: DefinitionSet) {
        guard let progress, let policy = defs.project.policy(progress.policy) else { return nil }
        let names = policy.steps.map(\.name)
        let n = progress.next
        let fired = policy.steps.prefix(progress.fired > 0 ? n + 1 : n)
        self.init(policy: progress.policy, taken: n > 0 && n <= names.count ? names[n - 1] : nil,
                  next: n < names.count ? names[n] : nil, nextNumber: n + 1, steps: names.count,
                  level: fired.last { $0.level != nil }?.level)
    }
}
