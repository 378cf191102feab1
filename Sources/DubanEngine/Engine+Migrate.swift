import DubanModel

extension Engine {
    /// Moves a running instance onto another version of its workflow, into
    /// `state`. Values are kept where the new version declares them (new ones
    /// take their defaults); timers are recomputed as if the state had been
    /// entered when the instance entered it; an escalation under the same
    /// policy keeps its progress.
    public func migrate(_ instance: Instance, to definition: WorkflowDefinition, state: String,
                        context: EngineContext) throws(EngineError) -> Step {
        guard !instance.finished else { throw .finished(instance: instance.id) }
        guard let target = definition.state(state) else {
            throw .badInputs(workflow: definition.id, problems: ["version \(definition.version) has no state '\(state)'"])
        }
        var problems: [String] = []
        var values: [String: Value] = [:]
        for decl in definition.inputs + definition.vars {
            if let v = instance.values[decl.name], v != .null {
                if let c = coerce(v, to: decl.type, zone: context.calendar.zone) { values[decl.name] = c } else {
                    problems.append("'\(decl.name)' holds \(v.type), but version \(definition.version) declares it \(decl.type)")
                }
            } else if case .value(let v)? = decl.defaultValue {
                values[decl.name] = v
            } else if case .afterStart(let d)? = decl.defaultValue {
                values[decl.name] = decl.type.base == .date
                    ? .date(context.calendar.add(d, to: context.calendar.zone.local(instance.started).day).value)
                    : .datetime(context.calendar.add(d, to: instance.started).value)
            } else if decl.required {
                problems.append("version \(definition.version) requires '\(decl.name)', which the instance does not have and which has no default")
            } else {
                values[decl.name] = .null
            }
        }
        guard problems.isEmpty else { throw .badInputs(workflow: definition.id, problems: problems) }

        var run = Run(engine: self, definition: definition, context: context, instance: instance)
        for key in instance.timers.keys.sorted() { run.effects.append(.cancelTimer(key)) }
        run.instance.timers = [:]
        run.instance.version = definition.version
        run.instance.state = state
        run.instance.values = values
        run.effects.append(.transitioned(from: instance.state, to: state, cause: "migrate v\(instance.version) → v\(definition.version)"))
        for (i, timer) in target.timers.enumerated() {
            if case .after(let d) = timer.when { run.schedule(.after(i), due: run.reckon(context.calendar.add(d, to: instance.entered))) }
        }
        run.rescheduleAtTimers(target)
        run.instance.escalation = nil
        if let e = target.escalation {
            if var progress = instance.escalation, progress.policy == e.policy, let policy = project.policy(e.policy) {
                progress.next = min(progress.next, policy.steps.count)
                run.instance.escalation = progress
                if progress.next < policy.steps.count {
                    run.schedule(.step(progress.next), due: run.reckon(context.calendar.add(policy.steps[progress.next].after, to: progress.origin)))
                }
            } else {
                run.startEscalation(e)
            }
        }
        return run.finish()
    }
}
