import DubanModel
import DubanYAML

extension NodeReader {
    mutating func workflow(_ root: Node) -> WorkflowDefinition? {
        guard let f = fields(root, Shape.named("workflow"), "the workflow") else { return nil }
        let id = name(f["workflow"], "the workflow id")
        let version = int(f["version"], "version")
        if let v = version, v < 1, let n = f["version"] { error("version must be 1 or more", at: n.mark) }
        var zone = Zone.shanghai
        if let node = f["timezone"], let z = text(node, "timezone") {
            if let parsed = Zone(z) { zone = parsed } else { error("unknown time zone '\(z)': use an IANA name such as Asia/Shanghai, or an offset such as +08:00", at: node.mark) }
        }
        var hours = OfficeHours.standard
        if let node = f["office_hours"], let text = text(node, "office_hours") {
            if let parsed = OfficeHours(text) { hours = parsed } else { error("office_hours '\(text)' must be HH:MM-HH:MM with the start before the end, e.g. 08:30-17:30", at: node.mark) }
        }
        let inputs = variables(f["inputs"], "inputs", zone: zone)
        let vars = variables(f["vars"], "vars", zone: zone)
        var seen = Set<String>()
        for v in inputs + vars {
            if !seen.insert(v.name).inserted { error("'\(v.name)' is declared both as an input and a variable", at: v.mark) }
            if TypeScope.builtins[v.name] != nil || v.name == "event" {
                error("'\(v.name)' is a built-in name (now, started, entered, event): choose another", at: v.mark)
            }
        }
        var states: [StateDefinition] = []
        if let node = f["states"] {
            for entry in namedEntries(node, "states") {
                if let s = state(entry.name, entry.value, at: entry.mark) { states.append(s) }
            }
            if node.mapping?.isEmpty == true { error("a workflow needs at least one state", at: node.mark) }
        }
        guard let id, let version, let initial = name(f["initial"], "initial") else { return nil }
        return WorkflowDefinition(
            id: id, version: version,
            title: f["title"].flatMap { text($0, "title") } ?? id,
            calendar: f["calendar"].flatMap { name($0, "calendar") } ?? "cn",
            zone: zone,
            countFrom: f["count_from"].flatMap { choice($0, "count_from", as: CountFrom.self) } ?? .nextDay,
            officeHours: hours,
            inputs: inputs, vars: vars,
            schedule: f["schedule"].flatMap { schedule($0) },
            initial: initial, states: states, file: file, mark: root.mark)
    }

    mutating func variables(_ node: Node?, _ what: String, zone: Zone) -> [VariableDecl] {
        guard let node else { return [] }
        let declared = namedEntries(node, what).compactMap { variable($0.name, $0.value, at: $0.mark, zone: zone) }
        // Files arrive with an event: a start (from a CSV row) or a variable has none.
        for d in declared where d.type == .file {
            if what != "payload" {
                error("'\(d.name)' is a file: files come with an event, so 'file' is a type for payload fields, not \(what)", at: d.mark)
            } else if d.defaultValue != nil {
                error("the file field '\(d.name)' cannot have a default: its files are the ones sent with the event", at: d.mark)
            }
        }
        return declared
    }

    mutating func variable(_ name: String, _ node: Node, at mark: Mark, zone: Zone) -> VariableDecl? {
        // `deadline: date` is short for `deadline: { type: date }`.
        let declaration: Fields?
        if node.scalar != nil {
            declaration = Fields(node: node, values: ["type": node], keyMarks: [:])
        } else {
            declaration = fields(node, Shape.named("variable"), "'\(name)'")
        }
        guard let f = declaration, let typeName = text(f["type"], "the type of '\(name)'") else { return nil }
        guard let type = valueType(typeName, f, name: name) else { return nil }
        let required = f["required"].flatMap { bool($0, "required") } ?? false
        var defaultValue: DefaultValue?
        if let d = f["default"] {
            defaultValue = self.defaultValue(d, type: type, name: name, zone: zone)
            if required { warning("'\(name)' is required and has a default: the default is never used", at: d.mark) }
        }
        return VariableDecl(name: name, type: type, required: required, defaultValue: defaultValue,
                            title: f["title"].flatMap { text($0, "title") }, mark: mark)
    }

    mutating func valueType(_ typeName: String, _ f: Fields, name: String) -> ValueType? {
        let at = f["type"]?.mark ?? f.node.mark
        switch typeName {
        case "enum":
            let values = list(f["values"], "values").compactMap { text($0, "an enum value") }
            if values.isEmpty { error("enum '\(name)' needs 'values: [a, b, …]'", at: at); return nil }
            return .enumeration(values)
        case "list":
            guard let ofNode = f["of"], let of = text(ofNode, "of") else {
                error("list '\(name)' needs 'of: TYPE', the type of each item", at: at)
                return nil
            }
            guard let item = ValueType(name: of), item != .file else {
                error("'\(of)' is not an item type: use one of text, int, bool, date, datetime, duration, unit", at: ofNode.mark)
                return nil
            }
            return .list(item)
        default:
            guard let t = ValueType(name: typeName) else {
                error("unknown type '\(typeName)'\(suggestion(typeName, ValueType.declarable)); the types are \(ValueType.declarable.joined(separator: ", "))", at: at)
                return nil
            }
            if f["of"] != nil { warning("'of' is only read for lists", at: f.keyMarks["of"]!) }
            return t
        }
    }

    mutating func defaultValue(_ node: Node, type: ValueType, name: String, zone: Zone) -> DefaultValue? {
        if let items = node.sequence, case .list(let item) = type {
            var values: [Value] = []
            for i in items {
                guard case .value(let v)? = defaultValue(i, type: item, name: name, zone: zone) else { return nil }
                values.append(v)
            }
            return .value(.list(values))
        }
        guard let scalar = node.scalar else {
            error("the default of '\(name)' must be \(type.example), not \(node.kindDescription)", at: node.mark)
            return nil
        }
        if case .date = type.base, scalar.text.hasPrefix("+"), let d = WorkDuration(scalar.text.dropFirst()) {
            guard d.isWholeDays else {
                error("a date moves by whole days: '+\(d)' should use d, w or wd", at: node.mark)
                return nil
            }
            return .afterStart(d)
        }
        if case .datetime = type.base, scalar.text.hasPrefix("+"), let d = WorkDuration(scalar.text.dropFirst()) {
            return .afterStart(d)
        }
        if scalar.resolved == .null { return .value(.null) }
        guard let v = type.parse(scalar.text, zone: zone) else {
            var hint = ""
            if type == .date || type == .datetime { hint = ", or '+5wd' for a time after the start" }
            error("the default of '\(name)' must be \(type.example)\(hint), not '\(scalar.text)'", at: node.mark)
            return nil
        }
        return .value(v)
    }

    mutating func schedule(_ node: Node) -> Schedule? {
        var cronNode = node
        var roll = ScheduleRoll.none
        var inputs: [Assignment] = []
        if node.scalar == nil {
            let shape: Shape = { if case .oneOf(let alts) = Shape.named("schedule") { return alts[1] }; return .anything }()
            guard let f = fields(node, shape, "schedule"), let c = f["cron"] else { return nil }
            cronNode = c
            roll = f["roll"].flatMap { choice($0, "roll", as: ScheduleRoll.self) } ?? .none
            inputs = assignments(f["inputs"], "schedule inputs")
        }
        guard let line = text(cronNode, "the cron line") else { return nil }
        do {
            let cron = try CronExpression(line)
            for surprise in cron.surprises { warning(surprise, at: cronNode.mark) }
            if roll == .nextWorkday && cron.firesOnConsecutiveDays {
                warning("with roll: next_workday, slots that fall on off days in a row roll onto the same workday and start one instance", at: cronNode.mark)
            }
            return Schedule(cron: cron, roll: roll, inputs: inputs, mark: node.mark)
        } catch {
            let quoted = cronNode.scalar?.style == .quoted ? 1 : 0
            self.error("bad cron line: \(error.message)", at: Mark(line: cronNode.mark.line, column: cronNode.mark.column + quoted + error.offset))
            return nil
        }
    }

    /// `name: expression` pairs for set, inputs and data.
    mutating func assignments(_ node: Node?, _ what: String) -> [Assignment] {
        guard let node else { return [] }
        return namedEntries(node, what).compactMap { entry in
            expression(entry.value, "'\(entry.name)'").map { Assignment(name: entry.name, expression: $0, mark: entry.mark) }
        }
    }
}
