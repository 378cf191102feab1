import DubanModel
import DubanRuntime

/// A matter's history in plain words (交办、签收、催办、逾期、督办……),
/// read from its audit rows.
struct TimelineItem: Sendable {
    var when: String
    var who: String
    var what: String
    var lines: [String]
    /// The matter, on a page that lists several.
    var matter: String?
}

struct Timeline {
    let language: PageLanguage
    let defs: DefinitionSet

    func unitName(_ id: String) -> String {
        id == "office" ? language("by_office") : defs.project.units?.unit(id)?.name ?? id
    }

    func item(_ h: HistoryEntry, workflow: WorkflowDefinition?, withMatter: Bool = false) -> TimelineItem {
        let l = language
        // The handlers of the event that made the row (none for a start or a timer).
        let handlers = h.kind == .event ? workflow?.states.flatMap(\.handlers).filter { $0.event == h.trigger } ?? [] : []
        var what: String
        var who: String
        switch h.kind {
        case .start:
            what = l("assigned")
            who = l("by_office")
        case .event:
            what = l.event(h.trigger ?? "", title: handlers.lazy.flatMap(\.branches).compactMap(\.title).first)
            who = [unitName(h.actor), h.person].compactMap { $0 }.joined(separator: " ")
        default:
            what = ""
            who = l("timer")
        }
        var lines: [String] = []
        for (name, value) in h.data.sorted(by: { $0.key < $1.key }) where !h.files.contains(value.display(in: .shanghai)) {
            let title = handlers.lazy.flatMap(\.branches).flatMap(\.payload).first { $0.name == name }?.title
            lines.append("\(title ?? (name == "reason" ? l("reason") : name))：\(value.display(in: .shanghai))")
        }
        for happening in h.happenings {
            guard let line = words(happening, workflow) else { continue }
            if what.isEmpty { what = line } else { lines.append(line) }
        }
        return TimelineItem(when: Zone.shanghai.short(h.time), who: who, what: what, lines: lines,
                            matter: withMatter ? h.instance : nil)
    }

    func words(_ happening: Happening, _ w: WorkflowDefinition?) -> String? {
        let l = language
        switch happening {
        case .moved(_, let to):
            return l.fill("moved", w?.state(to)?.title ?? to)
        case .message(let kind, let unit, let role):
            let whom = unit == "office" ? l("role_office") : unitName(unit) + l.role(role)
            return l.fill(kind == .remind ? "reminded" : "notified", whom)
        case .document(let kind, let number):
            return l.fill("issued", l.documentKind(kind), number)
        case .escalated(_, let step, let clause):
            return clause.map { l.fill("escalated", step, $0) } ?? step
        case .ledger(_, let kind):
            return l.fill("ledgered", l.ledger(kind))
        case .finished:
            return l("finished")
        case .set, .spawned, .other:
            return nil
        }
    }
}
