import DubanEngine
import DubanModel
import DubanStore

extension Runtime {
    /// Fires every timer due at `now`, in due order, in batches of
    /// `batchSize` (one transaction each), and starts scheduled instances for
    /// every slot up to `now`. A timer fires with its original due time as the
    /// engine's now, so a tick after downtime catches up as if on time.
    /// Ticks may overlap: each timer row is deleted in the transaction that
    /// fires it, so a second tick never fires it again. Each batch computes
    /// its steps on a second thread while the store writes the previous ones.
    public func tick(now: Instant, batchSize: Int = 2000) throws -> TickReport {
        var report = TickReport()
        // Nothing due: an index seek each, no definitions parsed.
        let (nextDue, schedules) = try store.read { s in (try s.nextDue(), try s.schedules()) }
        let dueSchedules = schedules.filter { $0.nextSlot <= now }
        guard (nextDue.map { $0 <= now } ?? false) || !dueSchedules.isEmpty else {
            report.nextDue = nextDue
            return report
        }
        // Parsed on a thread of its own while the first batch takes the write
        // lock and reads its first instances.
        let stored = try store.read { try $0.definitions() }
        let loading = Background { () throws -> Loaded in
            let defs = try DefinitionSet(stored)
            return (defs, Engine(project: defs.project))
        }
        if !dueSchedules.isEmpty {
            let (defs, engine) = try loading.get()
            for schedule in dueSchedules {
                try startScheduled(schedule, defs: defs, engine: engine, now: now, report: &report)
            }
        }
        while true {
            let batch = try store.write { session in
                try WriteBehindSession.run(on: session) { s in try self.fireBatch(s, loading: loading, now: now, batchSize: batchSize) }
            }
            report.fired += batch.fired
            report.add(batch)
            // Another batch only while something is still due: one the steps
            // set for a time already past, or one past the batch's size.
            report.nextDue = try store.read { try $0.nextDue() }
            guard batch.fired > 0, let next = report.nextDue, next <= now else { break }
        }
        return report
    }

    /// Fires up to `batchSize` due timers in one transaction. The worker
    /// reads the instances a chunk at a time on a connection of its own
    /// (`readBeside`), so the store's thread only writes. That connection sees
    /// what is committed: earlier batches, and no other writer, since this
    /// transaction holds the write lock; an instance a step of this batch
    /// wrote and a later timer fires on is taken from `written` instead.
    func fireBatch(_ s: WriteBehindSession.Writer, loading: Background<Loaded>, now: Instant, batchSize: Int) throws -> TickReport {
        let due = try s.dueTimers(at: now, limit: batchSize)
        var seen = Set<String>(minimumCapacity: due.count)
        let rereads = Set(due.map(\.instance).filter { !seen.insert($0).inserted })
        let chunks = stride(from: 0, to: due.count, by: Self.chunk).map { due[$0..<min($0 + Self.chunk, due.count)] }
        func rows(_ chunk: ArraySlice<DueTimer>) throws -> [String: StoredInstance] {
            // Each id once: the query returns an instance's timers once per mention.
            let ids = rereads.isEmpty ? chunk.map(\.instance) : Array(Set(chunk.map(\.instance)))
            return try store.readBeside { try $0.storedInstances(ids: ids) }
        }
        // The first chunk is read while the definitions may still be parsing.
        var read = try chunks.first.map(rows) ?? [:]
        let (defs, engine) = try loading.get()
        var applier = Applier(session: s, defs: defs, engine: engine, recorded: now)
        applier.rereads = rereads
        for (n, chunk) in chunks.enumerated() {
            if n > 0 { read = try rows(chunk) }
            for timer in chunk {
                guard let found = try applier.written[timer.instance] ?? read[timer.instance]?.decoded() else {
                    try s.deleteTimer(timer.instance, timer.key)
                    applier.report.fired += 1
                    continue
                }
                // An earlier step of this batch may have cancelled or moved this
                // timer, and a new state's timer can reuse its key: fire only the
                // timer as it was read, and leave a row that is no longer it.
                guard found.timers[timer.key] == timer.due else { continue }
                try s.deleteTimer(timer.instance, timer.key)
                applier.report.fired += 1
                guard let w = defs.workflow(found.workflow, version: found.version) else { continue }
                let step = engine.fire(timer.key, on: found, definition: w, context: try applier.context(w, now: timer.due, values: found.values))
                if step.effects.isEmpty && step.instance == found { continue }
                try applier.apply(step, w, cause: .timer(timer.key, due: timer.due), before: found, at: timer.due)
            }
        }
        return applier.report
    }

    /// Instances read at a time: one query each.
    static let chunk = 250

    /// The deployed definitions and the engine built on them.
    typealias Loaded = (defs: DefinitionSet, engine: Engine)

    func startScheduled(_ state: ScheduleState, defs: DefinitionSet, engine: Engine, now: Instant, report: inout TickReport) throws {
        guard let w = defs.latest(state.workflow), let schedule = w.schedule else { return }
        let slots = ScheduleSlots(schedule: schedule, calendar: defs.calendar(for: w))
        for slot in slots.slots(after: state.nextSlot.adding(seconds: -1), through: now) {
            let next = slots.slots(after: slot, through: slot.adding(seconds: 400 * 86400)).first
            let done = try store.write { s -> TickReport in
                var applier = Applier(session: s, defs: defs, engine: engine, recorded: now)
                let id = String(try s.nextInstanceNumber())
                if try s.claimSlot(workflow: w.id, slot: slot, instance: id) {
                    do {
                        let inputs = try engine.scheduleInputs(w, at: slot)
                        let step = try engine.start(w, id: id, inputs: inputs, context: applier.context(w, now: slot, values: inputs))
                        try applier.apply(step, w, cause: .start(actor: "schedule"), before: nil, at: slot)
                        applier.report.started += 1
                    } catch let error as EngineError {
                        applier.report.warnings.append("schedule of \(w.id) at \(w.zone.short(slot)) could not start: \(error)")
                    }
                }
                if let next { try s.upsert(ScheduleState(workflow: w.id, nextSlot: next)) }
                return applier.report
            }
            report.started += done.started
            report.add(done)
        }
    }
}
