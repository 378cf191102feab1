import DubanModel
import DubanYAML

extension NodeReader {
    static let actionKeys = ["notify", "remind", "document", "set", "spawn", "signal_parent", "ledger"]

    /// The object form of one action's value, from the shape table.
    static func actionShape(_ key: String) -> Shape {
        guard case .oneOf(let alternatives) = Shape.named("action") else { return .anything }
        for case .object(let fields, _) in alternatives {
            guard let field = fields.first(where: { $0.name == key }) else { continue }
            if case .oneOf(let inner) = field.shape {
                return inner.first { if case .object = $0 { return true }; return false } ?? .anything
            }
            return field.shape
        }
        return .anything
    }

    mutating func actions(_ node: Node?, _ what: String) -> [Action] {
        list(node, what).compactMap { action($0) }
    }

    mutating func action(_ node: Node) -> Action? {
        if let word = node.text, node.scalar != nil {
            guard word == "remind" else {
                error("'\(word)' is not an action on its own\(suggestion(word, ["remind"])); write one of \(Self.actionKeys.joined(separator: ", ")) as a mapping, e.g. { notify: { to: unit, template: assignment } }", at: node.mark)
                return nil
            }
            return Action(.remind(to: .defaultReminder, template: MessageTemplate.reminder.rawValue), at: node.mark)
        }
        guard let pairs = node.mapping else {
            error("an action must be a mapping such as { remind: { to: unit.contact } }, not \(node.kindDescription)", at: node.mark)
            return nil
        }
        guard pairs.count == 1, let key = pairs[0].key.text else {
            error("an action has exactly one key, one of \(Self.actionKeys.joined(separator: ", ")); this one has \(pairs.count)", at: node.mark)
            return nil
        }
        let value = pairs[0].value
        let at = pairs[0].key.mark
        switch key {
        case "notify":
            guard let f = fields(value, Self.actionShape(key), "notify"), let to = recipient(f["to"]),
                  let template = name(f["template"], "template") else { return nil }
            var action = Action(.notify(to: to, template: template), at: at)
            action.urgent = f["urgent"].flatMap { bool($0, "urgent") } ?? false
            return action
        case "remind":
            if value.scalar?.resolved == .null { return Action(.remind(to: .defaultReminder, template: MessageTemplate.reminder.rawValue), at: at) }
            guard let f = fields(value, Self.actionShape(key), "remind") else { return nil }
            let to = f["to"] == nil ? .defaultReminder : recipient(f["to"])
            guard let to else { return nil }
            var action = Action(.remind(to: to, template: f["template"].flatMap { name($0, "template") } ?? MessageTemplate.reminder.rawValue), at: at)
            action.urgent = f["urgent"].flatMap { bool($0, "urgent") } ?? false
            return action
        case "document":
            if value.scalar != nil {
                return name(value, "the document kind").map { Action(.document(kind: $0, to: nil, cc: [], with: []), at: at) }
            }
            guard let f = fields(value, Self.actionShape(key), "document"), let kind = name(f["kind"], "kind") else { return nil }
            let cc = list(f["cc"], "cc").compactMap { recipient($0) }
            return Action(.document(kind: kind, to: f["to"].flatMap { recipient($0) }, cc: cc, with: assignments(f["with"], "with")), at: at)
        case "set":
            return Action(.set(assignments(value, "set")), at: at)
        case "spawn":
            guard let f = fields(value, Self.actionShape(key), "spawn"), let workflow = name(f["workflow"], "workflow") else { return nil }
            var each: ForEach?
            if let list = f["for_each"] {
                guard let e = expression(list, "for_each") else { return nil }
                each = ForEach(list: e, name: f["as"].flatMap { name($0, "as") } ?? "item", condition: f["if"].flatMap { expression($0, "if") })
            } else if let stray = f["as"] ?? f["if"] {
                error("'as' and 'if' go with 'for_each': one child per item of a list", at: stray.mark)
            }
            return Action(.spawn(workflow: workflow, inputs: assignments(f["inputs"], "inputs"), each: each), at: at)
        case "signal_parent":
            if value.scalar != nil {
                return name(value, "the event").map { Action(.signalParent(event: $0, data: []), at: at) }
            }
            guard let f = fields(value, Self.actionShape(key), "signal_parent"), let event = name(f["event"], "event") else { return nil }
            return Action(.signalParent(event: event, data: assignments(f["data"], "data")), at: at)
        case "ledger":
            if value.scalar != nil {
                return choice(value, "the ledger kind", as: LedgerKind.self).map { Action(.ledger(kind: $0, unit: Recipient(base: "unit", role: .unit), clause: nil), at: at) }
            }
            guard let f = fields(value, Self.actionShape(key), "ledger"),
                  let kind = choice(f["kind"], "kind", as: LedgerKind.self) else { return nil }
            let unit = f["unit"] == nil ? Recipient(base: "unit", role: .unit) : recipient(f["unit"])
            guard let unit else { return nil }
            if f["clause"] != nil, f["note"] != nil { error("a ledger line cites a clause or a note, not both", at: at) }
            return Action(.ledger(kind: kind, unit: unit, clause: f["clause"].flatMap { text($0, "clause") },
                                  note: expression(f["note"], "note")), at: at)
        default:
            error("unknown action '\(key)'\(suggestion(key, Self.actionKeys)); the actions are \(Self.actionKeys.joined(separator: ", "))", at: at)
            return nil
        }
    }

    mutating func recipient(_ node: Node?) -> Recipient? {
        guard let node, let s = text(node, "the recipient") else { return nil }
        guard let r = Recipient(parsing: s) else {
            error("'\(s)' is not a recipient: write unit, unit.contact, unit.head (any unit-typed input), office, or a unit id", at: node.mark)
            return nil
        }
        return r
    }
}
