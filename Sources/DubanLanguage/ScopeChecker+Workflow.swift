import DubanModel
import DubanYAML

extension ScopeChecker {
    mutating func check(_ w: WorkflowDefinition) {
        let names = w.names
        let settable = Dictionary((w.inputs + w.vars).map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        let scope = TypeScope(names: names)
        let stateNames = w.states.map(\.name)

        if !project.calendarNames.contains(w.calendar) {
            if w.calendar == "cn" {
                warning("no data files for calendar 'cn' were loaded (workflows/calendars/cn-YEAR.yaml): holidays will not be known and workdays are counted as plain weekdays", at: w.mark)
            } else {
                error("unknown calendar '\(w.calendar)'\(suggestion(w.calendar, project.calendarNames)); known: \(project.calendarNames.joined(separator: ", "))", at: w.mark)
            }
        }
        if w.state(w.initial) == nil {
            error("the initial state '\(w.initial)' is not defined\(suggestion(w.initial, stateNames))", at: w.mark)
        }
        for v in w.inputs + w.vars {
            if case .value(.unit(let id))? = v.defaultValue, let units = project.units, units.unit(id) == nil {
                error("the default unit '\(id)' of '\(v.name)' is not in \(units.file)\(suggestion(id, units.units.map(\.id)))", at: v.mark)
            }
        }

        for s in w.states {
            func target(_ t: String?, at mark: Mark) {
                guard let t, w.state(t) == nil else { return }
                error("state '\(t)' is not defined\(suggestion(t, stateNames)); the states are \(stateNames.joined(separator: ", "))", at: mark)
            }
            if s.final, !(s.handlers.isEmpty && s.timers.isEmpty && s.escalation == nil) {
                warning("'\(s.name)' is final: its events, timers and escalation never run", at: s.mark)
            }
            checkActions(s.enter + s.exit, scope, settable: settable)
            for h in s.handlers {
                for b in h.branches {
                    target(b.target, at: b.mark)
                    var payload: [String: ValueType] = [:]
                    for p in b.payload { payload[p.name] = p.type }
                    let eventScope = TypeScope(names: names, payload: payload)
                    if let g = b.guardExpression { type(g, eventScope, "the condition", expect: [.bool]) }
                    checkAssignments(b.set, eventScope, settable: settable)
                    checkActions(b.actions, eventScope, settable: settable)
                    for actor in b.by ?? [] {
                        if let t = names[actor], t.base != .unit {
                            error("by: '\(actor)' is \(t), not a unit", at: b.mark)
                        } else if names[actor] == nil, !["office", "parent", "child", "any"].contains(actor), project.units?.unit(actor) == nil {
                            error("by: '\(actor)' is not a unit-typed input, office, parent, child, or a known unit id", at: b.mark)
                        }
                    }
                }
            }
            for t in s.timers {
                target(t.target, at: t.mark)
                if case .at(let e) = t.when { type(e, scope, "the time", expect: [.date, .datetime]) }
                if t.actions.isEmpty && t.target == nil { warning("this timer has neither 'do' nor 'goto': it does nothing", at: t.mark) }
                if case .after(let d) = t.when, d.amount == 0, t.target == s.name {
                    error("this timer fires at once and re-enters '\(s.name)', which sets it again: it would loop forever; give it a delay", at: t.mark)
                }
                checkActions(t.actions, scope, settable: settable)
            }
            if let r = s.ranks {
                if let p = project.policy(r) {
                    if p.ranking == nil { error("ranks: policy '\(r)' has no 'ranking:' ladder", at: s.mark) }
                } else {
                    error("ranks: unknown policy '\(r)'\(suggestion(r, project.policies.map(\.id)))", at: s.mark)
                }
            }
            if let e = s.escalation {
                if project.policy(e.policy) == nil {
                    error("escalate: unknown policy '\(e.policy)'\(suggestion(e.policy, project.policies.map(\.id)))", at: e.mark)
                }
                if let t = names[e.unitVariable] {
                    if t.base != .unit { error("escalate: '\(e.unitVariable)' is \(t), not a unit", at: e.mark) }
                } else {
                    error("escalate needs a unit to escalate: declare an input 'unit' of type unit, or write escalate: { policy: \(e.policy), unit: INPUT }", at: e.mark)
                }
            }
        }
        if let sch = w.schedule {
            checkInputs(sch.inputs, of: w, TypeScope(names: TypeScope.builtins), at: sch.mark, what: "schedule")
        }
        checkGraph(w)
    }

    /// Unreachable states, and states with no way out.
    mutating func checkGraph(_ w: WorkflowDefinition) {
        guard w.state(w.initial) != nil else { return }
        var reached: Set<String> = [w.initial]
        var queue = [w.initial]
        while let name = queue.popLast() {
            guard let s = w.state(name) else { continue }
            let next = s.handlers.flatMap { $0.branches.compactMap(\.target) } + s.timers.compactMap(\.target)
            for n in next where reached.insert(n).inserted { queue.append(n) }
        }
        for s in w.states {
            if !reached.contains(s.name) {
                error("state '\(s.name)' cannot be reached from '\(w.initial)': no event or timer leads to it", at: s.mark)
            }
            let exits = s.handlers.contains { $0.branches.contains { $0.target != nil && $0.target != s.name } }
                || s.timers.contains { $0.target != nil && $0.target != s.name }
            if !s.final && !exits {
                error("state '\(s.name)' is not final and has no way out: add an event or a timer with 'goto', or 'final: true'", at: s.mark)
            }
        }
        if !w.states.contains(where: \.final) {
            warning("no state is final: instances of '\(w.id)' never finish", at: w.mark)
        }
    }

    mutating func check(_ p: PolicyDefinition) {
        let scope = TypeScope(names: TypeScope.builtins.merging(["unit": .unit, "step": .text, "clause": .text, "policy": .text]) { a, _ in a })
        for (step, next) in zip(p.steps, p.steps.dropFirst()) {
            // The next rung comes only when the order had no result by its own reply date
            // (a repeating step's repeats put off the steps after it by themselves).
            guard let reply = step.reply, reply.unit == step.after.unit, next.after.unit == reply.unit,
                  next.after.amount < step.after.amount + reply.amount else { continue }
            error("step '\(next.name)' comes \(next.after) after the matter fell overdue, before the order of '\(step.name)' is due back "
                  + "(\(step.after) + reply \(reply)): give it a later 'after'", at: next.mark)
        }
        for step in p.steps {
            if let r = step.repeats, let reply = step.reply, r.every.unit == reply.unit, r.every.amount < reply.amount {
                error("step '\(step.name)' repeats every \(r.every), before its order is due back (reply \(reply))", at: step.mark)
            }
        }
        var last: WorkDuration?
        for step in p.steps {
            checkActions(step.actions, scope, settable: [:])
            if let unless = step.unless { type(unless, scope, "unless", expect: [.bool]) }
            if let l = last, l.unit == step.after.unit, step.after.amount < l.amount {
                warning("step '\(step.name)' comes after \(l) but its offset is \(step.after): steps fire in order of their offsets", at: step.mark)
            }
            last = step.after
        }
        for r in p.repeatOffence { type(r.condition, scope, "the condition", expect: [.bool]) }
        for rung in p.ranking?.rungs ?? [] {
            type(rung.condition, scope, "the condition", expect: [.bool])
            checkActions(rung.actions, scope, settable: [:])
        }
    }
}
