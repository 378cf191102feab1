import DubanModel
import DubanYAML

/// Checks one workflow or policy against the project.
struct ScopeChecker {
    let project: Project
    let file: String
    var diagnostics: [Diagnostic] = []

    init(project: Project, file: String) {
        self.project = project
        self.file = file
    }

    mutating func error(_ m: String, at mark: Mark) { diagnostics.append(Diagnostic(.error, m, file: file, at: mark)) }
    mutating func warning(_ m: String, at mark: Mark) { diagnostics.append(Diagnostic(.warning, m, file: file, at: mark)) }

    /// Type-checks an expression; reports at the character at fault.
    @discardableResult
    mutating func type(_ e: Expression, _ scope: TypeScope, _ what: String, expect: [ValueType] = []) -> ValueType? {
        do {
            let t = try TypeChecker(scope: scope).check(e.ast)
            if !expect.isEmpty, !expect.contains(where: { $0.accepts(t) }) {
                error("\(what) must be \(expect.map(\.description).joined(separator: " or ")), but '\(e.source)' is \(t)", at: e.origin)
            }
            return t
        } catch {
            self.error("\(what): \(error.message)", at: Mark(line: e.origin.line, column: e.origin.column + error.offset))
            return nil
        }
    }

    /// `many`: a list of units may stand here (messages and copies go to each).
    /// `bodies`: a body of units.yaml may stand here (documents only: bodies get no messages).
    mutating func checkRecipient(_ r: Recipient, _ scope: TypeScope, at mark: Mark, many: Bool = false, bodies: Bool = false) {
        if let t = scope.names[r.base] {
            if t.base == .unit || (many && t == .list(.unit)) { return }
            let what = many ? "a unit-typed input or a list of units" : "a unit-typed input"
            error("'\(r.base)' is \(t), not a unit: a recipient here needs \(what), office, or a unit id", at: mark)
            return
        }
        if r.base == "office" || project.units?.unit(r.base) != nil { return }
        if project.units?.bodies.contains(where: { $0.id == r.base }) == true {
            if !bodies { error("'\(r.base)' is a body of \(project.units!.file), not a unit: documents go to it, messages do not", at: mark) }
            return
        }
        let unitNames = scope.names.filter { $0.value.base == .unit }.map(\.key)
        let candidates = unitNames + ["office"] + (project.units?.units.map(\.id) ?? [])
        if let near = closest(r.base, unitNames + ["office"]) {
            error("unknown recipient '\(r.base)' (did you mean '\(near)'?)", at: mark)
        } else if project.units == nil {
            warning("'\(r.base)' is not a unit-typed input; with no units.yaml loaded it is taken as a unit id unchecked", at: mark)
        } else {
            error("unknown recipient '\(r.base)'\(suggestion(r.base, candidates)): not a unit-typed input, office, or a unit in \(project.units!.file)", at: mark)
        }
    }

    mutating func checkActions(_ actions: [Action], _ scope: TypeScope, settable: [String: ValueType]) {
        for a in actions {
            let isDocument = if case .document = a.kind { true } else { false }
            for r in a.recipients { checkRecipient(r, scope, at: a.mark, many: a.fansOut(r), bodies: isDocument) }
            if let t = a.template, !project.templates.contains(t) {
                error("unknown template '\(t)'\(suggestion(t, Array(project.templates))); add templates/\(t).md or use one of \(project.templates.sorted().joined(separator: ", "))", at: a.mark)
            }
            switch a.kind {
            case .set(let assignments):
                checkAssignments(assignments, scope, settable: settable)
            case .spawn(let id, let inputs, let each):
                guard let child = project.workflow(id) else {
                    error("spawn: unknown workflow '\(id)'\(suggestion(id, project.workflows.map(\.id)))", at: a.mark)
                    continue
                }
                var inner = scope
                if let each {
                    let listType = type(each.list, scope, "for_each")
                    switch listType {
                    case .list(let item)?: inner.names[each.name] = item
                    case nil, .any?: inner.names[each.name] = .any
                    case let t?: error("for_each needs a list, but '\(each.list.source)' is \(t)", at: each.list.origin)
                    }
                    if let c = each.condition { type(c, inner, "the condition", expect: [.bool]) }
                }
                checkInputs(inputs, of: child, inner, at: a.mark, what: "spawn '\(id)'")
            case .signalParent(_, let data), .document(_, _, _, let data):
                for d in data { type(d.expression, scope, "'\(d.name)'") }
            case .ledger(_, let unit, _, let note):
                if unit.role != .unit { error("a ledger records against a unit, not '\(unit)'", at: a.mark) }
                if let note { type(note, scope, "the note", expect: [.text]) }
            case .notify, .remind:
                break
            }
        }
    }

    mutating func checkAssignments(_ assignments: [Assignment], _ scope: TypeScope, settable: [String: ValueType]) {
        for s in assignments {
            guard let target = settable[s.name] else {
                error("set: '\(s.name)' is not an input or variable\(suggestion(s.name, Array(settable.keys))); declare it under 'vars:'", at: s.mark)
                continue
            }
            type(s.expression, scope, "the new value of '\(s.name)'", expect: [target])
        }
    }

    /// The inputs given to a workflow (by spawn or schedule) exist, fit, and
    /// cover the required ones.
    mutating func checkInputs(_ given: [Assignment], of w: WorkflowDefinition, _ scope: TypeScope, at mark: Mark, what: String) {
        for g in given {
            guard let input = w.inputs.first(where: { $0.name == g.name }) else {
                error("\(what): '\(w.id)' has no input '\(g.name)'\(suggestion(g.name, w.inputs.map(\.name)))", at: g.mark)
                continue
            }
            type(g.expression, scope, "input '\(g.name)'", expect: [input.type])
        }
        for input in w.inputs where input.required && input.defaultValue == nil && !given.contains(where: { $0.name == input.name }) {
            error("\(what): the required input '\(input.name)' of '\(w.id)' is not given", at: mark)
        }
    }
}
