import DubanModel

/// The simulator's in-memory state: instances, ledger, trace.
struct World {
    let simulator: Simulator
    var ledger: [LedgerEntry]
    var instances: [String: Instance] = [:]
    var trace: [TraceEntry] = []
    /// Signals from children wait here and are delivered at once, in order.
    var queue: [(String, Event)] = []

    init(simulator: Simulator, ledger: [LedgerEntry]) {
        self.simulator = simulator
        self.ledger = ledger
    }

    var project: Project { simulator.project }
    var engine: Engine { simulator.engine }

    func definition(of instance: Instance) -> WorkflowDefinition? { project.workflow(instance.workflow) }

    func context(_ w: WorkflowDefinition, _ now: Instant) -> EngineContext {
        EngineContext(now: now, calendar: project.calendar(for: w), ledger: ledger)
    }

    func nextTimer() -> (due: Instant, instance: String, key: TimerKey)? {
        var best: (Instant, String, TimerKey)?
        for (id, i) in instances {
            for (key, due) in i.timers {
                if best == nil || (due, id, key) < (best!.0, best!.1, best!.2) { best = (due, id, key) }
            }
        }
        return best
    }

    mutating func start(_ w: WorkflowDefinition, id: String, inputs: [String: Value], parent: String?, at now: Instant) {
        do {
            let step = try engine.start(w, id: id, inputs: inputs, parent: parent, context: context(w, now))
            let shown = w.inputs.compactMap { d in step.instance.values[d.name].map { "\(d.name)=\($0.display(in: w.zone))" } }
            trace.append(TraceEntry(time: now, kind: .start, instance: id, detail: "\(w.id) v\(w.version)\(shown.isEmpty ? "" : " " + shown.joined(separator: " "))"))
            apply(step, w, now)
        } catch {
            trace.append(TraceEntry(time: now, kind: .refused, instance: id, detail: error.description))
        }
    }

    mutating func fire(_ key: TimerKey, of id: String, at now: Instant) {
        guard let instance = instances[id], let w = definition(of: instance) else { return }
        let label: String
        switch key {
        case .after(let i), .at(let i): label = w.state(instance.state).map { i < $0.timers.count ? $0.timers[i].label : "\(key)" } ?? "\(key)"
        case .step: label = "escalation"
        }
        if case .step = key {} else { trace.append(TraceEntry(time: now, kind: .timer, instance: id, detail: "\(instance.state): \(label)")) }
        apply(engine.fire(key, on: instance, definition: w, context: context(w, now)), w, now)
    }

    mutating func deliver(_ event: Event, to id: String, at now: Instant) {
        guard let instance = instances[id], let w = definition(of: instance) else {
            trace.append(TraceEntry(time: now, kind: .refused, instance: id, detail: "no instance '\(id)' (yet): known are \(instances.keys.sorted().joined(separator: ", "))"))
            return
        }
        do {
            let step = try engine.handle(event, on: instance, definition: w, context: context(w, now))
            let data = event.payload.keys.sorted().map { "\($0)=\(event.payload[$0]!.display(in: w.zone))" }
            trace.append(TraceEntry(time: now, kind: .event, instance: id, detail: "\(event.name) by \(event.actor)\(data.isEmpty ? "" : " " + data.joined(separator: " "))"))
            apply(step, w, now)
        } catch {
            trace.append(TraceEntry(time: now, kind: .refused, instance: id, detail: "\(event.name) by \(event.actor): \(error)"))
        }
    }

    func who(_ unit: String, _ role: Recipient.Role) -> String {
        let record = project.units?.unit(unit)
        var s = unit
        if let record { s += " (\(record.name))" }
        switch role {
        case .unit: return s
        case .head: return "\(s) head" + (record?.head.map { " \($0.name)" } ?? "")
        case .contact: return "\(s) contact" + (record?.contact.map { " \($0.name)" } ?? "")
        }
    }

    mutating func apply(_ step: Step, _ w: WorkflowDefinition, _ now: Instant) {
        let id = step.instance.id
        instances[id] = step.instance
        let zone = w.zone
        for effect in step.effects {
            func held(_ until: Instant?) -> String { until.map { ", held until \(zone.short($0)) (quiet hours)" } ?? "" }
            func add(_ kind: TraceEntry.Kind, _ detail: String, from: String? = nil, to: String? = nil) {
                trace.append(TraceEntry(time: now, kind: kind, instance: id, from: from, to: to, detail: detail))
            }
            switch effect {
            case .transitioned(let from, let to, let cause): add(.transition, cause, from: from, to: to)
            case .scheduleTimer, .cancelTimer: break
            case .remind(let unit, let role, let template, let hold): add(.remind, "\(who(unit, role)) [\(template)]" + held(hold))
            case .notify(let unit, let role, let template, let hold): add(.notify, "\(who(unit, role)) [\(template)]" + held(hold))
            case .renderDocument(let kind, let to, let cc, let fields):
                // An order's colour and reply date are what its reader acts on.
                let facts = ["level", "reply_by"].compactMap { k in fields[k].map { "\(k)=\($0.display(in: zone))" } }
                add(.document, kind + (to.map { " to \(who($0, .unit))" } ?? "") + (cc.isEmpty ? "" : " cc " + cc.joined(separator: ", "))
                    + (facts.isEmpty ? "" : " " + facts.joined(separator: " ")))
            case .set(let name, let value): add(.set, "\(name) = \(value.display(in: zone))")
            case .escalationStep(let policy, let stepName, let index, let unit, let clause):
                add(.escalate, "\(policy) step \(index + 1) \(stepName) for \(who(unit, .unit))" + (clause.map { " per \($0)" } ?? ""))
            case .escalationSkipped(let policy, let stepName, let unit, let because):
                add(.escalate, "\(policy) step \(stepName) for \(who(unit, .unit)) passed over: \(because)")
            case .escalationHeld(let policy, let unit, let next):
                add(.escalate, "\(policy) for \(who(unit, .unit)) held" + (next.map { " before \($0)" } ?? ""))
            case .escalationResumed(let policy, let unit, let next):
                add(.escalate, "\(policy) for \(who(unit, .unit)) resumed" + (next.map { " at \($0)" } ?? ", its last step taken"))
            case .ledger(let entry):
                ledger.append(entry)
                add(.ledger, "\(entry.kind.rawValue) for \(who(entry.unit, .unit))" + (entry.clause.map { " per \($0)" } ?? ""))
            case .finished: add(.finish, "in \(step.instance.state)")
            case .warning(let m): add(.warning, m)
            case .spawn(let childID, let workflow, let inputs):
                add(.spawn, "\(childID) (\(workflow))")
                guard let child = project.workflow(workflow) else {
                    add(.warning, "no workflow '\(workflow)' to spawn")
                    continue
                }
                start(child, id: childID, inputs: inputs, parent: id, at: now)
            case .signalParent(let parent, let event, let data):
                add(.signal, "\(event) to \(parent)")
                queue.append((parent, Event(name: event, actor: id, payload: data)))
            }
        }
        while !queue.isEmpty {
            let (target, event) = queue.removeFirst()
            deliver(event, to: target, at: now)
        }
    }
}
