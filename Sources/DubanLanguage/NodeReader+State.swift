import DubanModel
import DubanYAML

extension NodeReader {
    mutating func state(_ name: String, _ node: Node, at mark: Mark) -> StateDefinition? {
        guard let f = fields(node, Shape.named("state"), "state '\(name)'") else { return nil }
        var handlers: [EventHandler] = []
        if let on = f["on"] {
            for entry in namedEntries(on, "'on' of state '\(name)'") {
                handlers.append(EventHandler(event: entry.name, branches: branches(entry.value, event: entry.name), mark: entry.mark))
            }
        }
        var timers: [TimerDefinition] = []
        for item in list(f["after"], "after") {
            let shape = Shape.named("after_timer")
            guard let t = fields(item, shape, "an 'after' timer"), let d = duration(t["in"], "in") else { continue }
            if d.amount < 0 { error("'in' counts from entering the state and cannot be negative", at: t["in"]!.mark) }
            timers.append(timer(.after(d), t, at: item.mark))
        }
        for item in list(f["at"], "at") {
            guard let t = fields(item, Shape.named("at_timer"), "an 'at' timer"), let e = expression(t["time"], "time") else { continue }
            timers.append(timer(.at(e), t, at: item.mark))
        }
        var escalation: EscalationRef?
        if let e = f["escalate"] {
            if e.scalar != nil {
                escalation = self.name(e, "escalate").map { EscalationRef(policy: $0, unitVariable: "unit", mark: e.mark) }
            } else if let ef = fields(e, Shape.escalateObject, "escalate"), let p = self.name(ef["policy"], "policy") {
                escalation = EscalationRef(policy: p, unitVariable: ef["unit"].flatMap { self.name($0, "unit") } ?? "unit", mark: e.mark)
            }
        }
        return StateDefinition(
            name: name, title: f["title"].flatMap { text($0, "title") },
            final: f["final"].flatMap { bool($0, "final") } ?? false,
            enter: actions(f["enter"], "enter"), exit: actions(f["exit"], "exit"),
            handlers: handlers, timers: timers, escalation: escalation, ranks: f["ranks"].flatMap { self.name($0, "ranks") },
            registered: f["registered"].flatMap { bool($0, "registered") } ?? false, mark: mark)
    }

    mutating func timer(_ when: TimerDefinition.When, _ f: Fields, at mark: Mark) -> TimerDefinition {
        TimerDefinition(when: when, actions: actions(f["do"], "do"), target: f["goto"].flatMap { name($0, "goto") }, mark: mark)
    }

    /// `event: target`, `event: { goto, if, set, do, by, payload }`, or a list of those.
    mutating func branches(_ node: Node, event: String) -> [Transition] {
        if node.scalar != nil {
            guard let target = name(node, "the target of '\(event)'") else { return [] }
            return [Transition(guardExpression: nil, set: [], actions: [], target: target, by: nil, payload: [], mark: node.mark)]
        }
        let items = node.sequence ?? [node]
        if items.isEmpty { error("'\(event)' has an empty list of branches", at: node.mark) }
        var out: [Transition] = []
        for (i, item) in items.enumerated() {
            guard let f = fields(item, Shape.named("transition"), "event '\(event)'") else { continue }
            let guardExpression = expression(f["if"], "the condition")
            if guardExpression == nil, f["if"] == nil, i < items.count - 1 {
                warning("this branch of '\(event)' has no 'if', so the branches after it are never taken", at: item.mark)
            }
            let by = f["by"].map { list($0, "by").compactMap { text($0, "an actor") } }
            out.append(Transition(
                guardExpression: guardExpression,
                set: assignments(f["set"], "set"),
                actions: actions(f["do"], "do"),
                target: f["goto"].flatMap { name($0, "goto") },
                by: by,
                payload: variables(f["payload"], "payload", zone: .shanghai),
                title: f["title"].flatMap { text($0, "title") },
                mark: item.mark))
        }
        return out
    }
}

extension Shape {
    static var escalateObject: Shape {
        guard case .oneOf(let alts)? = Shape.named("state").fields.first(where: { $0.name == "escalate" })?.shape else { return .anything }
        return alts[1]
    }
}
