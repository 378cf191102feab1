import DubanModel

extension Run {
    /// The unit a recipient names: a unit-typed variable's value, or the name itself.
    func resolve(_ r: Recipient, extra: [String: Value]) -> String? {
        switch extra[r.base] ?? instance.values[r.base] {
        case .unit(let u)?, .text(let u)?: return u
        case .null?: return nil
        default: return r.base
        }
    }

    /// Every unit a recipient names: the units of a list-typed variable, else the one unit.
    func resolveAll(_ r: Recipient, extra: [String: Value]) -> [String] {
        if case .list(let items)? = extra[r.base] ?? instance.values[r.base] {
            return items.compactMap { if case .unit(let u) = $0 { return u }; if case .text(let u) = $0 { return u }; return nil }
        }
        return resolve(r, extra: extra).map { [$0] } ?? []
    }

    /// Quiet hours: a message a timer queues at night or on an off day waits
    /// for office hours to begin, if the unit and its channels keep them.
    /// The timer still fires on time; only the message waits.
    mutating func quietHold(for unit: String) -> Instant? {
        guard byTimer, !calendar.isOfficeHours(context.now), engine.project.units?.keepsQuietHours(unit) ?? true else { return nil }
        return reckon(calendar.nextOfficeHoursStart(after: context.now))
    }

    mutating func perform(_ actions: [Action], event: EventInput?, extra: [String: Value] = [:]) throws(EngineError) {
        for action in actions {
            switch action.kind {
            case .notify(let to, let template), .remind(let to, let template):
                let units = resolveAll(to, extra: extra)
                if units.isEmpty {
                    effects.append(.warning("in \(instance.id): '\(to.base)' has no unit, so the \(template) message was not sent"))
                }
                for unit in units {
                    let hold = action.urgent ? nil : quietHold(for: unit)
                    if case .notify = action.kind {
                        effects.append(.notify(unit: unit, role: to.role, template: template, holdUntil: hold))
                    } else {
                        effects.append(.remind(unit: unit, role: to.role, template: template, holdUntil: hold))
                    }
                }
            case .document(let kind, let to, let cc, let with):
                var fields = extra
                for w in with { fields[w.name] = try eval(w.expression, event: event, extra: extra) }
                effects.append(.renderDocument(kind: kind, to: to.flatMap { resolve($0, extra: extra) },
                                               cc: cc.flatMap { resolveAll($0, extra: extra) }, fields: fields))
            case .set(let assignments):
                for s in assignments {
                    let v = try eval(s.expression, event: event, extra: extra)
                    instance.values[s.name] = v
                    effects.append(.set(name: s.name, value: v))
                }
            case .spawn(let workflow, let inputs, let each):
                var scopes = [extra]
                if let each {
                    guard case .list(let items) = try eval(each.list, event: event, extra: extra) else { continue }
                    scopes = []
                    for item in items {
                        let scope = extra.merging([each.name: item]) { _, new in new }
                        if let c = each.condition, try eval(c, event: event, extra: scope) != .bool(true) { continue }
                        scopes.append(scope)
                    }
                }
                for scope in scopes {
                    var values: [String: Value] = [:]
                    for i in inputs { values[i.name] = try eval(i.expression, event: event, extra: scope) }
                    instance.children += 1
                    effects.append(.spawn(childID: "\(instance.id).\(instance.children)", workflow: workflow, inputs: values))
                }
            case .signalParent(let name, let data):
                var values: [String: Value] = [:]
                for d in data { values[d.name] = try eval(d.expression, event: event, extra: extra) }
                guard let parent = instance.parent else {
                    effects.append(.warning("in \(instance.id): signal_parent '\(name)' but the instance has no parent"))
                    continue
                }
                effects.append(.signalParent(parent: parent, event: name, data: values))
            case .ledger(let kind, let unit, let clause, let note):
                guard let u = resolve(unit, extra: extra) else { continue }
                // Without a clause of its own, the line cites the instance's `clause` (an interview's 第七条).
                var cited = clause
                if let note, case .text(let text) = try eval(note, event: event, extra: extra) { cited = text }
                if cited == nil, case .text(let c)? = extra["clause"] ?? instance.values["clause"], !c.isEmpty { cited = c }
                effects.append(.ledger(LedgerEntry(unit: u, kind: kind, time: context.now, clause: cited)))
            }
        }
    }
}
