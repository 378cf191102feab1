import DubanModel

/// Runs instances in memory over a span of time: scripted events, timers,
/// spawned children and signals, in time order. Pure: the whole world is
/// the project, the script and the span.
///
/// At one instant, scheduled starts come first, then due timers (they were
/// due by then), then scripted events.
public struct Simulator: Sendable {
    public let engine: Engine

    public init(project: Project) { engine = Engine(project: project) }

    var project: Project { engine.project }

    public func run(_ workflow: WorkflowDefinition, inputs: [String: Value], from start: Instant, until end: Instant,
                    script: [ScriptedEvent], ledger: [LedgerEntry] = []) -> [TraceEntry] {
        var world = World(simulator: self, ledger: ledger)
        var starts: [Instant] = []
        if let schedule = workflow.schedule {
            starts = ScheduleSlots(schedule: schedule, calendar: project.calendar(for: workflow)).slots(after: start.adding(seconds: -1), through: end)
        } else {
            starts = [start]
        }
        var pendingStarts = starts.enumerated().map { (i, t) in (t, i == 0 ? "main" : "main~\(i + 1)") }
        var events = script.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)

        while true {
            let nextStart = pendingStarts.first?.0
            let nextTimer = world.nextTimer()
            let nextEvent = events.first?.time
            guard let now = [nextStart, nextTimer?.due, nextEvent].compactMap({ $0 }).min(), now <= end else { break }
            if let (t, id) = pendingStarts.first, t == now {
                pendingStarts.removeFirst()
                do {
                    let scheduled = try engine.scheduleInputs(workflow, at: now)
                    world.start(workflow, id: id, inputs: inputs.merging(scheduled) { given, _ in given }, parent: nil, at: now)
                } catch {
                    world.trace.append(TraceEntry(time: now, kind: .refused, instance: id, detail: error.description))
                }
            } else if let timer = nextTimer, timer.due == now {
                world.fire(timer.key, of: timer.instance, at: now)
            } else {
                let e = events.removeFirst()
                world.deliver(e.event, to: e.instance, at: now)
            }
        }
        return world.trace
    }
}

/// A schedule's start times in a span, with off-day rolling applied and each
/// slot counted once.
public struct ScheduleSlots: Sendable {
    public let schedule: Schedule
    public let calendar: BusinessCalendar

    public init(schedule: Schedule, calendar: BusinessCalendar) {
        self.schedule = schedule
        self.calendar = calendar
    }

    /// The first slot after `after`, however far: a yearly or leap-day
    /// schedule's next slot can be years away.
    public func first(after: Instant) -> Instant? {
        var cursor = start(after)
        while let slot = schedule.cron.next(after: cursor) {
            cursor = slot
            if let instant = rolled(slot), instant > after { return instant }
        }
        return nil
    }

    /// Slots in (after, through], at most `limit` of them.
    public func slots(after: Instant, through: Instant, limit: Int = .max) -> [Instant] {
        var out: [Instant] = []
        var cursor = start(after)
        let endLocal = calendar.zone.local(through)
        while let slot = schedule.cron.next(after: cursor), slot <= endLocal {
            cursor = slot
            guard let instant = rolled(slot) else { continue }
            if instant > after, instant <= through, out.last != instant, !out.contains(instant) { out.append(instant) }
            if out.count >= limit { break }
        }
        return out.sorted()
    }

    /// Where the search starts: rolling moves a slot forward, so one before
    /// `after` may roll past it; look back a month for those.
    private func start(_ after: Instant) -> LocalDateTime {
        let local = calendar.zone.local(after)
        guard schedule.roll == .nextWorkday else { return local }
        return LocalDateTime(day: local.day.adding(days: -31), secondOfDay: local.secondOfDay)
    }

    /// A cron slot with off-day rolling applied; nil when it is skipped.
    private func rolled(_ slot: LocalDateTime) -> Instant? {
        var time = slot
        if !calendar.isWorkday(slot.day) {
            switch schedule.roll {
            case .none: break
            case .skip: return nil
            case .nextWorkday: time.day = calendar.addWorkdays(0, to: slot.day).value
            }
        }
        return calendar.zone.instant(time)
    }
}
