import DubanEngine
import DubanModel
import DubanStore

extension Runtime {
    /// Fires every timer due at `now`, in due order, in batches of
    /// `batchSize` (one transaction each), and starts scheduled instances for
    /// every slot up to `now`. A timer fires with its original due time as the
    /// engine's now, so a tick after downtime catches up as if on time.
    /// Ticks may overlap: the store claims each timer in the transaction that
    /// fires it, so a second tick never fires it again.
    ///
    /// `catchUp`: how far back the oldest due work may lie. A tick with work
    /// due longer ago than that (a clock set years ahead, `--now` mistyped, or
    /// a server down for weeks) refuses and says how much it would do, since
    /// documents it numbers can never be withdrawn; nil lets it catch up.
    ///
    /// `stopping` is asked after each batch: a server shutting down finishes
    /// the batch in hand and leaves the rest to the next tick.
    public func tick(now: Instant, batchSize: Int = 2000, catchUp: Int64? = Runtime.catchUpSpan,
                     stopping: () -> Bool = { false }) throws -> TickReport {
        var report = TickReport()
        // Nothing due: an index seek each, no definitions parsed.
        let (nextDue, schedules) = try read { s in (try s.nextDue(), try s.schedules()) }
        let dueSchedules = schedules.filter { $0.nextSlot <= now }
        guard (nextDue.map { $0 <= now } ?? false) || !dueSchedules.isEmpty else {
            report.nextDue = nextDue
            return report
        }
        let oldest = ([nextDue].compactMap { $0 } + dueSchedules.map(\.nextSlot)).min()!
        if let catchUp, oldest.adding(seconds: catchUp) < now {
            throw try tooMuchAtOnce(since: oldest, now: now, schedules: dueSchedules, span: catchUp)
        }
        // Read before the batch (a store's reads may share the batch's
        // connection); parsed, unless kept from an earlier tick, on a thread
        // of its own while the store claims the first timers.
        let (version, kept, stored) = try read { s in
            let version = try s.definitionsVersion()
            let kept = parsedDefinitions(version)
            return (version, kept, kept == nil ? try s.definitions() : [])
        }
        let loading: Background<Loaded>
        if let kept {
            loading = Background(value: (kept, Engine(project: kept.project)))
        } else {
            loading = Background { () throws -> Loaded in
                let defs = try self.parse(stored, version: version)
                return (defs, Engine(project: defs.project))
            }
        }
        if !dueSchedules.isEmpty {
            let (defs, engine) = try loading.get()
            for schedule in dueSchedules {
                report.add(try startScheduled(schedule, defs: defs, engine: engine, now: now))
            }
        }
        while true {
            let batch = try database {
                try store.fireDueTimers(at: now, limit: batchSize) { due in try self.fire(due, loading: loading, now: now) }
            }
            report.add(batch)
            // Another batch only while something is still due: one the steps
            // set for a time already past, or one past the batch's size.
            report.nextDue = try read { try $0.nextDue() }
            guard batch.fired > 0, let next = report.nextDue, next <= now, !stopping() else { break }
        }
        return report
    }

    /// The engine's step for each claimed timer, at the timer's own due time,
    /// applied in the batch's transaction.
    func fire(_ due: any TimerBatch, loading: Background<Loaded>, now: Instant) throws -> TickReport {
        // The first instances are read while the definitions may still be parsing.
        var firing = try due.next()
        guard firing != nil else { return TickReport(fired: due.claimed) }
        let (defs, engine) = try loading.get()
        var applier = Applier(session: due.session, defs: defs, engine: engine, recorded: now)
        while let timer = firing {
            try applier.fire(timer)
            firing = try due.next()
        }
        applier.report.fired = due.claimed
        return applier.report
    }

    /// How far back a tick catches up unasked: 31 days.
    public static let catchUpSpan: Int64 = 31 * 86400

    /// The refusal of a tick that would do more than `span` of work at once, with how much.
    func tooMuchAtOnce(since oldest: Instant, now: Instant, schedules: [ScheduleState], span: Int64) throws -> RuntimeError {
        let cap = 100_000
        let timers = try read { try $0.dueTimerCount(at: now, limit: cap) }
        let defs = try definitions()
        var starts = 0
        for state in schedules {
            guard let w = defs.latest(state.workflow), let schedule = w.schedule else { continue }
            let slots = ScheduleSlots(schedule: schedule, calendar: defs.calendar(for: w))
            starts += slots.slots(after: state.nextSlot.adding(seconds: -1), through: now, limit: cap).count
        }
        return .tooMuchAtOnce(timers: timers, starts: starts, cap: cap, since: oldest, now: now, span: span)
    }

    /// The deployed definitions and the engine built on them.
    typealias Loaded = (defs: DefinitionSet, engine: Engine)

    func startScheduled(_ state: ScheduleState, defs: DefinitionSet, engine: Engine, now: Instant) throws -> TickReport {
        var report = TickReport()
        guard let w = defs.latest(state.workflow), let schedule = w.schedule else { return report }
        let slots = ScheduleSlots(schedule: schedule, calendar: defs.calendar(for: w))
        for slot in slots.slots(after: state.nextSlot.adding(seconds: -1), through: now) {
            let next = slots.first(after: slot)
            let done = try write { s -> TickReport in
                var applier = Applier(session: s, defs: defs, engine: engine, recorded: now)
                if let id = try s.claimSlot(workflow: w.id, slot: slot).map(String.init) {
                    do {
                        let inputs = try engine.scheduleInputs(w, at: slot)
                        let step = try engine.start(w, id: id, inputs: inputs, context: applier.context(w, now: slot, values: inputs))
                        try applier.apply(step, w, cause: .start(by: .schedule), before: nil, at: slot)
                        applier.report.started += 1
                    } catch let error as EngineError {
                        applier.report.warnings.append("schedule of \(w.id) at \(w.zone.short(slot)) could not start: \(error)")
                    }
                }
                if let next { try s.upsert(ScheduleState(workflow: w.id, nextSlot: next)) }
                return applier.report
            }
            report.add(done)
        }
        return report
    }
}
