import DubanEngine
import DubanModel
import DubanStore

/// Writes one engine step into the open transaction: the instance, its
/// timers, the audit row (the store chains it), outbox rows, ledger lines, numbered
/// documents; spawned children and signals to parents are steps of their own
/// in the same transaction.
struct Applier {
    let session: any StoreSession
    let defs: DefinitionSet
    let engine: Engine
    /// The wall-clock time of this run, recorded beside each step's own time.
    let recorded: Instant
    /// The audit trail's last seq, once read.
    var lastSeq: Int64?
    var report = TickReport()
    /// A person's act (an event, a start by the office, an issue by hand)
    /// is refused whole when one of its documents lacks a core fact; a timer's
    /// step goes on without the document and says so in its audit row.
    var refusesIncomplete = false

    init(session: any StoreSession, defs: DefinitionSet, engine: Engine, recorded: Instant) {
        self.session = session
        self.defs = defs
        self.engine = engine
        self.recorded = recorded
    }

    /// `values`: the instance's, or a start's inputs. The ledger is loaded only
    /// for workflows that read it, and only for the units these values name.
    func context(_ w: WorkflowDefinition, now: Instant, values: [String: Value]) throws -> EngineContext {
        var ledger: [LedgerEntry] = []
        if defs.readsLedger(w) {
            let units = values.compactMap { name, v -> String? in
                switch v {
                case .unit(let u): return u
                // Inputs given as text (command line, CSV) that the workflow declares as units.
                case .text(let u) where w.inputs.contains(where: { $0.name == name && $0.type.base == .unit }): return u
                default: return nil
                }
            }
            let all = defs.readsWholeLedger(w) ? defs.project.units?.units.map(\.id) ?? [] : []
            ledger = try session.ledger(units: Array(Set(units + all)))
        }
        return EngineContext(now: now, calendar: defs.calendar(for: w), ledger: ledger)
    }

    /// `before`: the instance as it was stored, or nil for a new one. `time`
    /// is the step's own time: the engine's now (a timer's original due time).
    mutating func apply(_ step: Step, _ w: WorkflowDefinition, cause: Cause, before: Instance?, at time: Instant) throws {
        let instance = step.instance
        if let before {
            try session.update(instance, from: before)
        } else {
            try session.insert(instance)
        }
        let seq = try nextSeq()
        var log = AuditDetail.Writer(cause.trigger, person: cause.person.by, files: cause.person.files)
        var follow: [(Effect, Int)] = []
        for (i, effect) in step.effects.enumerated() {
            switch effect {
            case .scheduleTimer(let key, let due): try session.setTimer(instance.id, key, due: due)
            case .cancelTimer(let key): try session.deleteTimer(instance.id, key)
            case .remind(let unit, let role, let template, let hold), .notify(let unit, let role, let template, let hold):
                let kind: MessageKind = { if case .remind = effect { return .remind }; return .notify }()
                // Held for quiet hours: not delivered before office hours begin; the row keeps when it was queued.
                try session.insert(OutboxMessage(key: "\(instance.id)/\(seq)/\(i)", instance: instance.id, kind: kind, unit: unit,
                                                 role: role.rawValue, template: template, created: time, nextAttempt: hold))
                report.messages += 1
                log.effect(kind.rawValue, " ", unit, ".", role.rawValue, " ", template,
                           hold.map { " held until " + w.zone.iso($0) } ?? "")
            case .renderDocument(let kind, let to, let cc, let fields):
                guard let number = try issueDocument(kind: kind, to: to, cc: cc, fields: fields, instance: instance, w,
                                                     at: time, log: &log) else { continue }
                report.documents += 1
                log.effect("document ", kind, " ", number)
            case .ledger(let entry):
                try session.insert(entry, instance: instance.id)
                log.effect("ledger ", entry.unit, " ", entry.kind.rawValue)
            case .transitioned(let from, let to, let cause):
                log.effect(from, from.isEmpty ? "" : " ", "-> ", to, " (", cause, ")")
            case .escalationStep(let policy, let stepName, _, let unit, let clause):
                log.effect("escalate ", policy, " ", stepName, " ", unit, clause == nil ? "" : " ", clause ?? "")
            case .escalationSkipped(let policy, let stepName, let unit, let because):
                log.effect("pass ", policy, " ", stepName, " ", unit, " unless ", because)
            case .escalationHeld(let policy, let unit, let next):
                log.effect("hold ", policy, " ", unit, next == nil ? "" : " before ", next ?? "")
            case .escalationResumed(let policy, let unit, let next):
                log.effect("resume ", policy, " ", unit, next == nil ? "" : " at ", next ?? "")
            case .set(let name, let value):
                log.effect("set ", name, " = ", value.display(in: w.zone))
            case .warning(let m):
                report.warnings.append(m)
                log.effect("warning ", m)
            case .finished:
                log.effect("finished")
            case .spawn(let childID, let workflow, _):
                follow.append((effect, i))
                log.effect("spawn ", childID, " ", workflow)
            case .signalParent(let parent, let event, _):
                follow.append((effect, i))
                log.effect("signal ", parent, " ", event)
            }
        }
        try session.append(AuditRecord(seq: seq, instance: instance.id, time: time, recorded: recorded, actor: cause.actor, kind: cause.kind,
                                       detail: log.finish(), previousHash: "", hash: ""))
        lastSeq = seq
        for (effect, _) in follow {
            switch effect {
            case .spawn(let childID, let workflow, let inputs):
                guard let child = defs.latest(workflow) else { continue }
                do {
                    let childStep = try engine.start(child, id: childID, inputs: inputs, parent: instance.id, context: context(child, now: time, values: inputs))
                    try apply(childStep, child, cause: .start(by: .parent(instance.id)), before: nil, at: time)
                } catch let error as EngineError {
                    report.warnings.append("\(instance.id) could not start \(workflow): \(error)")
                }
            case .signalParent(let parentID, let event, let data):
                guard let parent = try session.instance(parentID), let pw = defs.workflow(parent.workflow, version: parent.version) else { continue }
                let e = Event(name: event, actor: instance.id, payload: data)
                do {
                    let parentStep = try engine.handle(e, on: parent, definition: pw, context: context(pw, now: time, values: parent.values))
                    try apply(parentStep, pw, cause: .signal(from: instance.id, event: e), before: parent, at: time)
                } catch let error as EngineError {
                    report.warnings.append("\(parentID) refused '\(event)' from \(instance.id): \(error)")
                }
            default: break
            }
        }
        report.steps += 1
    }

    /// A timer's step, at the timer's own due time; a timer that changes
    /// nothing (its step was already taken) leaves no trace.
    mutating func fire(_ firing: FiringTimer) throws {
        let timer = firing.timer
        guard let w = defs.workflow(firing.instance.workflow, version: firing.instance.version) else { return }
        let step = engine.fire(timer.key, on: firing.instance, definition: w,
                               context: try context(w, now: timer.due, values: firing.instance.values))
        if step.effects.isEmpty && step.instance == firing.instance { return }
        try apply(step, w, cause: .timer(timer.key, due: timer.due), before: firing.instance, at: timer.due)
    }

    mutating func nextSeq() throws -> Int64 {
        if lastSeq == nil { lastSeq = try session.lastAudit()?.seq ?? 0 }
        return lastSeq! + 1
    }
}
