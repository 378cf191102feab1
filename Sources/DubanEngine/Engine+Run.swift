import DubanModel

/// One step in progress: the instance being changed and the effects so far.
struct Run {
    let engine: Engine
    let definition: WorkflowDefinition
    let context: EngineContext
    var instance: Instance
    var effects: [Effect] = []
    var missingYears = Set<Int>()
    /// Fired by a timer: its messages out of office hours keep quiet hours.
    var byTimer = false

    init(engine: Engine, definition: WorkflowDefinition, context: EngineContext, instance: Instance) {
        self.engine = engine
        self.definition = definition
        self.context = context
        self.instance = instance
    }

    var calendar: BusinessCalendar { context.calendar }

    func finish() -> Step {
        var out = effects
        if !missingYears.isEmpty {
            out.append(.warning(missingCalendarYearMessage(calendar: calendar.name, years: missingYears)))
        }
        return Step(instance: instance, effects: out)
    }

    /// Runs `body`; an expression that fails at run time becomes a warning, so
    /// a timer always fires and a state is always entered.
    mutating func attempt(_ body: (inout Run) throws(EngineError) -> Void) {
        do { try body(&self) } catch { effects.append(.warning("in \(instance.id) (\(definition.id), state \(instance.state)): \(error)")) }
    }

    mutating func eval(_ e: Expression, event: EventInput?, extra: [String: Value] = [:]) throws(EngineError) -> Value {
        var values = instance.values
        values["started"] = .datetime(instance.started)
        values["entered"] = .datetime(instance.entered)
        values.merge(extra) { _, new in new }
        var evaluator = Evaluator(EvalEnvironment(values: values, event: event, now: context.now, calendar: calendar, ledger: context.ledger,
                                                  units: engine.project.units?.units.map(\.id) ?? []))
        do {
            let v = try evaluator.eval(e.ast)
            missingYears.formUnion(evaluator.missingYears)
            return v
        } catch {
            throw .expression("'\(e.source)': \(error.message)")
        }
    }

    mutating func reckon<T>(_ r: Reckoned<T>) -> T {
        missingYears.formUnion(r.missingYears)
        return r.value
    }

    // MARK: States

    mutating func enter(_ name: String, from: String, cause: String, event: EventInput?) {
        instance.state = name
        instance.entered = context.now
        effects.append(.transitioned(from: from, to: name, cause: cause))
        guard let state = definition.state(name) else { return }
        holdEscalation(entering: state, from: from, event: event)
        attempt { r throws(EngineError) in try r.perform(state.enter, event: event) }
        if let ranks = state.ranks { applyRanking(ranks) }
        if state.final {
            instance.finished = true
            effects.append(.finished)
            return
        }
        for (i, timer) in state.timers.enumerated() {
            if case .after(let d) = timer.when {
                schedule(.after(i), due: reckon(calendar.add(d, to: context.now)))
            }
        }
        rescheduleAtTimers(state)
        if let e = state.escalation { startEscalation(e) }
    }

    mutating func exit(cause: String) {
        if let state = definition.state(instance.state) {
            attempt { r throws(EngineError) in try r.perform(state.exit, event: nil) }
        }
        for key in instance.timers.keys.sorted() { effects.append(.cancelTimer(key)) }
        instance.timers = [:]
    }

    mutating func schedule(_ key: TimerKey, due: Instant) {
        // A time already past fires at the next tick.
        let when = max(due, context.now)
        if let old = instance.timers[key] {
            if old == when { return }
            effects.append(.cancelTimer(key))
        }
        instance.timers[key] = when
        effects.append(.scheduleTimer(key, due: when))
    }

    /// (Re)computes the state's `at` timers from the instance's current values.
    mutating func rescheduleAtTimers(_ state: StateDefinition) {
        for (i, timer) in state.timers.enumerated() {
            guard case .at(let expression) = timer.when else { continue }
            let key = TimerKey.at(i)
            do {
                switch try eval(expression, event: nil) {
                case .datetime(let t): schedule(key, due: t)
                case .date(let d): schedule(key, due: calendar.endOfWorkday(d))
                default:
                    if instance.timers.removeValue(forKey: key) != nil { effects.append(.cancelTimer(key)) }
                    effects.append(.warning("in \(instance.id): the time '\(expression.source)' has no value, so that timer is not set"))
                }
            } catch {
                effects.append(.warning("in \(instance.id): \(error)"))
            }
        }
    }
}
