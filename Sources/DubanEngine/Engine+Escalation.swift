import DubanModel

extension Run {
    /// Entering an escalating state: pick the starting step from the unit's
    /// ledger (repeat-offence rules, first that holds), then wait for it.
    mutating func startEscalation(_ ref: EscalationRef) {
        guard let policy = engine.project.policy(ref.policy), !policy.steps.isEmpty else { return }
        guard case .unit(let unit)? = instance.values[ref.unitVariable] ?? nil else {
            effects.append(.warning("in \(instance.id): '\(ref.unitVariable)' has no unit, so policy '\(policy.id)' does not escalate"))
            return
        }
        // A pledge made about a matter already tracked (`matter: "26"`) is followed
        // with that matter: one ladder, one set of documents for the unit's one failing.
        if let tracked = instance.trackedWith {
            effects.append(.escalationSkipped(policy: policy.id, step: policy.steps[0].name, unit: unit, because: "matter \(tracked)"))
            return
        }
        // A ladder held while a report was under review goes on from the rung it had reached.
        if let held = instance.escalation, held.policy == policy.id, held.unit == unit {
            resume(held, policy)
            return
        }
        var start = 0
        for rule in policy.repeatOffence {
            guard let index = policy.stepIndex(named: rule.startAt) else { continue }
            if holds(rule.condition, extra: ["unit": .unit(unit)]) { start = index; break }
        }
        // Offsets count from entering the state; a raised start shifts the
        // origin back so the first step taken fires now.
        let origin = start == 0 ? context.now : reckon(calendar.add(policy.steps[start].after.negated, to: context.now))
        instance.escalation = EscalationProgress(policy: policy.id, unit: unit, origin: origin, next: start)
        schedule(.step(start), due: reckon(calendar.add(policy.steps[start].after, to: origin)))
    }

    /// The next step comes as long after now as it would have after the step
    /// before it (or the repeat's interval); one the unit's own report earned
    /// a waiver for (从轻) is passed over.
    mutating func resume(_ held: EscalationProgress, _ policy: PolicyDefinition) {
        var progress = held
        if progress.reported, progress.fired == 0, let waived = policy.step(at: progress.next), waived.waivedIfReported {
            effects.append(.escalationSkipped(policy: policy.id, step: waived.name, unit: progress.unit,
                                              because: "waived_if_reported (从轻): the unit reported before it came"))
            progress.next += 1
        }
        progress.reported = false
        let next = policy.step(at: progress.next)
        effects.append(.escalationResumed(policy: policy.id, unit: progress.unit, next: next?.name))
        guard let next else {
            instance.escalation = progress
            return
        }
        let due: Instant
        if progress.fired > 0, let repeats = next.repeats {
            due = reckon(calendar.add(repeats.every, to: context.now))
        } else if progress.next > 0 {
            let previous = reckon(calendar.add(policy.steps[progress.next - 1].after.negated, to: context.now))
            due = reckon(calendar.add(next.after, to: previous))
        } else {
            due = reckon(calendar.add(next.after, to: context.now))
        }
        progress.origin = reckon(calendar.add(next.after.negated, to: due))
        instance.escalation = progress
        schedule(.step(progress.next), due: due)
    }

    /// Leaving the escalating state: a final state ends the ladder; any other
    /// (a report under review) holds it where it stands.
    mutating func holdEscalation(entering state: StateDefinition, from: String, event: EventInput?) {
        guard var progress = instance.escalation, state.escalation == nil else { return }
        if state.final {
            instance.escalation = nil
            return
        }
        guard definition.state(from)?.escalation != nil, let policy = engine.project.policy(progress.policy) else { return }
        progress.reported = event?.actor == progress.unit
        instance.escalation = progress
        effects.append(.escalationHeld(policy: policy.id, unit: progress.unit, next: policy.step(at: progress.next)?.name))
    }

    mutating func fireStep(_ index: Int) {
        guard var progress = instance.escalation, let policy = engine.project.policy(progress.policy),
              let step = policy.step(at: index) else { return }
        var extra = scope(policy, step.name, clause: step.clause, unit: progress.unit)
        if let level = step.level { extra["level"] = .text(level.zh) }
        if let reply = step.reply { extra["reply_by"] = .date(calendar.zone.local(reckon(calendar.add(reply, to: context.now))).day) }
        if let unless = step.unless, holds(unless, extra: extra) {
            effects.append(.escalationSkipped(policy: policy.id, step: step.name, unit: progress.unit, because: unless.source))
        } else {
            take(policy.id, step.name, index: index, unit: progress.unit, clause: step.clause, step.actions, ledger: step.ledger, extra: extra)
        }
        // A repeating rung comes again after its interval, shifting the steps after it, until its cap.
        if let repeats = step.repeats, progress.fired + 1 < repeats.cap {
            progress.fired += 1
            progress.origin = reckon(calendar.add(repeats.every, to: progress.origin))
        } else {
            progress.next = index + 1
            progress.fired = 0
        }
        instance.escalation = progress
        if let next = policy.step(at: progress.next) {
            schedule(.step(progress.next), due: reckon(calendar.add(next.after, to: progress.origin)))
        }
    }

    /// Entering a `ranks:` state, after a circular has recorded who ranked at
    /// the bottom: each unit at the bottom this month takes the first rung of
    /// the policy's ranking ladder that holds for it, heaviest first. A unit
    /// not at the bottom takes none, whatever its year.
    mutating func applyRanking(_ policyID: String) {
        guard let policy = engine.project.policy(policyID), let ladder = policy.ranking else { return }
        for unit in engine.project.units?.units.map(\.id) ?? [] {
            guard context.ledger.count(.bottomRank, of: unit, in: .running, now: context.now, zone: calendar.zone) > 0
            else { continue }
            guard let (index, rung) = ladder.rung(where: { holds($0.condition, extra: ["unit": .unit(unit)]) }) else { continue }
            take(policy.id, rung.name, index: index, unit: unit, clause: rung.clause, rung.actions, ledger: rung.ledger,
                 extra: scope(policy, rung.name, clause: rung.clause, unit: unit))
        }
    }

    /// What a step's or a rung's actions may read: `unit`, `step`, `clause` and `policy` (its title).
    func scope(_ policy: PolicyDefinition, _ name: String, clause: String?, unit: String) -> [String: Value] {
        ["unit": .unit(unit), "step": .text(name), "clause": .text(clause ?? ""), "policy": .text(policy.title)]
    }

    /// A ladder's step or a ranking's rung taken: said, its actions run, its ledger line written.
    mutating func take(_ policy: String, _ name: String, index: Int, unit: String, clause: String?, _ actions: [Action],
                       ledger: LedgerKind?, extra: [String: Value]) {
        effects.append(.escalationStep(policy: policy, step: name, index: index, unit: unit, clause: clause))
        attempt { r throws(EngineError) in try r.perform(actions, event: nil, extra: extra) }
        if let ledger {
            effects.append(.ledger(LedgerEntry(unit: unit, kind: ledger, time: context.now, clause: clause)))
        }
    }

    /// Whether a policy's condition on the ledger holds; one that cannot be
    /// evaluated does not, and says why in a warning.
    mutating func holds(_ condition: Expression, extra: [String: Value]) -> Bool {
        var holds = false
        attempt { r throws(EngineError) in holds = try r.eval(condition, event: nil, extra: extra) == .bool(true) }
        return holds
    }
}
