import DubanModel

/// The pure workflow engine: (definition, instance, event or timer, now) →
/// (instance', effects). It reads no clock and does no I/O; the runtime or the
/// simulator carries the effects out.
public struct Engine: Sendable {
    public let project: Project

    public init(project: Project) { self.project = project }

    /// Starts an instance: checks and completes its inputs, then enters the initial state.
    public func start(_ definition: WorkflowDefinition, id: String, inputs: [String: Value], parent: String? = nil,
                      context: EngineContext) throws(EngineError) -> Step {
        let values = try startValues(definition, inputs: inputs, context: context)
        let instance = Instance(id: id, workflow: definition.id, version: definition.version, state: definition.initial,
                                values: values, started: context.now, entered: context.now, parent: parent)
        var run = Run(engine: self, definition: definition, context: context, instance: instance)
        run.enter(definition.initial, from: "", cause: "start", event: nil)
        return run.finish()
    }

    /// Applies an event. Throws, changing nothing, when the event is not
    /// allowed now, comes from the wrong actor, carries bad data or fails its condition.
    public func handle(_ event: Event, on instance: Instance, definition: WorkflowDefinition,
                       context: EngineContext) throws(EngineError) -> Step {
        guard !instance.finished else { throw .finished(instance: instance.id) }
        guard let state = definition.state(instance.state) else {
            throw .expression("instance \(instance.id) is in state '\(instance.state)', which version \(definition.version) of '\(definition.id)' does not define")
        }
        guard let handler = state.handler(event.name) else {
            throw .eventNotAllowed(event: event.name, state: state.name, allowed: state.handlers.map(\.event))
        }
        let payload = try checkedPayload(event, handler)
        let input = EventInput(name: event.name, actor: event.actor, time: context.now, payload: payload)
        var run = Run(engine: self, definition: definition, context: context, instance: instance)

        let permitted = handler.branches.filter { instance.permits(event.actor, $0.by) }
        guard !permitted.isEmpty else {
            let allowed = Set(handler.branches.flatMap { instance.actors($0.by) }).sorted()
            throw .wrongActor(event: event.name, actor: event.actor, allowed: allowed)
        }
        var chosen: Transition?
        for branch in permitted {
            guard let g = branch.guardExpression else { chosen = branch; break }
            if case .bool(true) = try run.eval(g, event: input) { chosen = branch; break }
        }
        guard let branch = chosen else {
            throw .conditionFailed(event: event.name, conditions: permitted.compactMap { $0.guardExpression?.source })
        }
        for s in branch.set {
            let v = try run.eval(s.expression, event: input)
            run.instance.values[s.name] = v
            run.effects.append(.set(name: s.name, value: v))
        }
        if let target = branch.target {
            run.exit(cause: event.name)
            try run.perform(branch.actions, event: input)
            run.enter(target, from: state.name, cause: event.name, event: input)
        } else {
            try run.perform(branch.actions, event: input)
            // Values the `at` times read may have changed (an extension moves the deadline).
            run.rescheduleAtTimers(state)
        }
        return run.finish()
    }

    /// Fires one due timer. A timer the instance no longer waits on (its state
    /// was left, it fired already) does nothing.
    public func fire(_ key: TimerKey, on instance: Instance, definition: WorkflowDefinition, context: EngineContext) -> Step {
        var run = Run(engine: self, definition: definition, context: context, instance: instance)
        guard !instance.finished, instance.timers[key] != nil, let state = definition.state(instance.state) else {
            return Step(instance: instance, effects: [])
        }
        run.instance.timers[key] = nil
        run.byTimer = true
        switch key {
        case .after(let i), .at(let i):
            guard i < state.timers.count else { return run.finish() }
            let timer = state.timers[i]
            run.attempt { r throws(EngineError) in try r.perform(timer.actions, event: nil) }
            if let target = timer.target {
                run.exit(cause: timer.label)
                run.enter(target, from: state.name, cause: timer.label, event: nil)
            }
        case .step(let i):
            run.fireStep(i)
        }
        return run.finish()
    }

    /// The events the instance's current state takes.
    public func allowedEvents(_ instance: Instance, definition: WorkflowDefinition) -> [String] {
        guard !instance.finished else { return [] }
        return definition.state(instance.state)?.handlers.map(\.event) ?? []
    }

    func startValues(_ w: WorkflowDefinition, inputs: [String: Value], context: EngineContext) throws(EngineError) -> [String: Value] {
        var problems: [String] = []
        let calendar = context.calendar
        for name in inputs.keys.sorted() where !w.inputs.contains(where: { $0.name == name }) {
            problems.append("'\(name)' is not an input of '\(w.id)'\(suggestion(name, w.inputs.map(\.name)))")
        }
        var values: [String: Value] = [:]
        for decl in w.inputs + w.vars {
            let given = w.inputs.contains { $0.name == decl.name } ? inputs[decl.name] : nil
            if let given, given != .null {
                if let c = given.controlCharacter {
                    problems.append(Self.controlProblem(decl.name, c))
                } else if let v = coerce(given, to: decl.type, zone: calendar.zone) {
                    values[decl.name] = v
                } else {
                    problems.append("'\(decl.name)' must be \(decl.type.example), not '\(given.display(in: calendar.zone))'")
                }
                continue
            }
            switch decl.defaultValue {
            case .value(let v)?: values[decl.name] = v
            case .afterStart(let d)?:
                if decl.type.base == .date {
                    values[decl.name] = .date(calendar.add(d, to: calendar.zone.local(context.now).day).value)
                } else {
                    values[decl.name] = .datetime(calendar.add(d, to: context.now).value)
                }
            case nil:
                if decl.required { problems.append("the required input '\(decl.name)' is missing (\(decl.type.example))") }
                values[decl.name] = .null
            }
        }
        guard problems.isEmpty else { throw .badInputs(workflow: w.id, problems: problems) }
        return values
    }

    func checkedPayload(_ event: Event, _ handler: EventHandler) throws(EngineError) -> [String: Value] {
        let declared = handler.branches.flatMap(\.payload)
        var problems: [String] = []
        var out: [String: Value] = [:]
        // Fields the workflow does not declare would only reach the audit trail.
        for name in event.payload.keys.sorted() where !declared.contains(where: { $0.name == name }) {
            problems.append(declared.isEmpty ? "unknown field '\(name)': '\(event.name)' takes no fields"
                : "unknown field '\(name)'; the fields are \(declared.map(\.name).joined(separator: ", "))")
        }
        for decl in declared where out[decl.name] == nil {
            if let v = event.payload[decl.name], v != .null {
                if let c = v.controlCharacter {
                    problems.append(Self.controlProblem(decl.name, c))
                } else if let c = coerce(v, to: decl.type, zone: .shanghai) { out[decl.name] = c } else {
                    problems.append("'\(decl.name)' must be \(decl.type.example)")
                }
            } else if case .value(let d)? = decl.defaultValue {
                out[decl.name] = d
            } else if decl.required {
                problems.append("'\(decl.name)' is required (\(decl.type.example))")
            }
        }
        guard problems.isEmpty else { throw .badPayload(event: event.name, problems: problems) }
        return out
    }

    static func controlProblem(_ name: String, _ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return "'\(name)' holds a control character (\(code)); text may hold tabs and line breaks, nothing else of the kind"
    }
}

/// Fits a value to a declared type: text from a command line or a CSV cell is
/// parsed; a typed value must already fit.
public func coerce(_ value: Value, to type: ValueType, zone: Zone) -> Value? {
    if case .text(let s) = value, type.base != .text { return type.parse(s, zone: zone) }
    if case .enumeration(let allowed) = type {
        guard case .text(let s) = value, allowed.contains(s) else { return nil }
        return value
    }
    if type.base == .unit, case .text(let s) = value { return .unit(s) }
    if case .list(let item) = type, case .list(let items) = value {
        var out: [Value] = []
        for i in items {
            guard let c = coerce(i, to: item, zone: zone) else { return nil }
            out.append(c)
        }
        return .list(out)
    }
    return type.accepts(value.type) ? value : nil
}
