import DubanEngine
import DubanModel
import DubanStore

extension Runtime {
    /// The matters the viewer may see, oldest first, one page of them.
    public func matters(_ query: MatterQuery, as viewer: Viewer, now: Instant) throws -> MatterPage {
        let defs = try definitions()
        if let unit = query.unit, !viewer.sees(unit: unit) { return MatterPage(matters: [], total: 0) }
        let filter = InstanceFilter(workflow: query.workflow, state: query.state, unit: query.unit ?? viewer.unit,
                                    running: query.includeFinished ? nil : true)
        let all = try read { try $0.instances(filter) }
            .filter(viewer.sees)
            .map { Matter($0, defs, now: now) }
            .filter { !query.overdueOnly || $0.overdue }
        let page = all.dropFirst(query.offset).prefix(query.limit ?? .max)
        return MatterPage(matters: Array(page), total: all.count)
    }

    /// One matter in full; another unit's matter is refused as a missing one.
    public func matter(_ id: String, as viewer: Viewer, now: Instant) throws -> MatterDetail {
        let defs = try definitions()
        return try read { s in
            guard let instance = try s.instance(id), viewer.sees(instance) else { throw RuntimeError.unknownInstance(id) }
            return MatterDetail(matter: Matter(instance, defs, now: now), history: try s.auditRecords(instance: id),
                                documents: try s.documents(DocumentFilter(instance: id)))
        }
    }
}

extension Matter {
    init(_ instance: Instance, _ defs: DefinitionSet, now: Instant) {
        let w = defs.workflow(instance.workflow, version: instance.version)
        self.instance = instance
        stateTitle = w?.state(instance.state)?.title ?? instance.state
        unit = instance.unit
        switch instance.values["deadline"] {
        case .date(let d)?: deadline = w.map { defs.calendar(for: $0).endOfWorkday(d) }
        case .datetime(let t)?: deadline = t
        default: deadline = nil
        }
        overdue = !instance.finished && (deadline.map { $0 < now } ?? false)
        ladder = LadderPosition(instance.escalation, defs)
    }
}

extension LadderPosition {
    init?(_ progress: EscalationProgress?, _ defs: DefinitionSet) {
        guard let progress, let policy = defs.project.policy(progress.policy) else { return nil }
        let names = policy.steps.map(\.name)
        let n = progress.next
        self.init(policy: progress.policy, taken: n > 0 && n <= names.count ? names[n - 1] : nil,
                  next: n < names.count ? names[n] : nil, nextNumber: n + 1, steps: names.count)
    }
}
