import DubanModel

extension Instance {
    /// The matter this one is tracked with (a pledge made about task 26 has
    /// `matter: "26"`): it climbs no ladder of its own, and notices and
    /// rankings count the matter once.
    public var trackedWith: String? {
        if case .text(let id)? = values["matter"], !id.isEmpty, id != self.id { return id }
        return nil
    }

    /// Whether `actor` may send an event to a branch (`by:` absent = anyone).
    public func permits(_ actor: String, _ by: [String]?) -> Bool {
        guard let by else { return true }
        return by.contains { entry in
            switch entry {
            case "any": return true
            case "child": return actor.hasPrefix(id + ".")
            case "parent": return actor == parent
            default: return actors([entry]).contains(actor)
            }
        }
    }

    /// The actor ids a `by:` list stands for, for messages.
    func actors(_ by: [String]?) -> [String] {
        guard let by else { return ["anyone"] }
        return by.map { entry in
            switch values[entry] {
            case .unit(let u)?, .text(let u)?: return u
            default: return entry
            }
        }
    }
}

/// An event someone may send a matter now, and the data it takes.
public struct AvailableEvent: Sendable {
    public var name: String
    /// The first branch's `title:`, if any.
    public var title: String?
    public var payload: [VariableDecl]
}

extension Engine {
    /// The events `actor` may send `instance` in its current state: those
    /// with a branch that `by:` lets it take. A guard may still refuse one.
    public func available(to actor: String, on instance: Instance, definition: WorkflowDefinition) -> [AvailableEvent] {
        guard !instance.finished, let state = definition.state(instance.state) else { return [] }
        return state.handlers.compactMap { handler in
            let branches = handler.branches.filter { instance.permits(actor, $0.by) }
            guard !branches.isEmpty else { return nil }
            var seen = Set<String>()
            let payload = handler.branches.flatMap(\.payload).filter { seen.insert($0.name).inserted }
            return AvailableEvent(name: handler.event, title: handler.branches.lazy.compactMap(\.title).first, payload: payload)
        }
    }

    /// Every event `actor` may send in some state of `definition`: what a signed link allows.
    public func events(for actor: String, on instance: Instance, definition: WorkflowDefinition) -> [String] {
        definition.states.flatMap { state in
            state.handlers.filter { h in h.branches.contains { instance.permits(actor, $0.by) } }.map(\.event)
        }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
