import DubanModel
import DubanYAML

/// Checks what one file cannot check alone: references between workflows,
/// policies, units, templates and calendars, and the workflows' graphs and
/// expression types.
struct ProjectChecker {
    let project: Project

    func check() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for w in project.workflows {
            var c = ScopeChecker(project: project, file: w.file)
            c.check(w)
            out += c.diagnostics
        }
        for p in project.policies {
            var c = ScopeChecker(project: project, file: p.file)
            c.check(p)
            out += c.diagnostics
        }
        out += signalChecks()
        out += documentChecks()
        return out
    }

    /// Settings name kinds that exist, and no two kinds share a number series.
    func documentChecks() -> [Diagnostic] {
        let settings = project.documents
        guard let file = settings.file else { return [] }
        var out: [Diagnostic] = []
        let known = project.templates.intersection(TemplateCatalog.documents).union(project.templates.subtracting(TemplateCatalog.messages))
        for (id, k) in settings.kinds.sorted(by: { $0.key < $1.key }) where !known.contains(id) {
            out.append(Diagnostic(.error, "unknown document kind '\(id)'\(suggestion(id, Array(known))); the kinds are \(known.sorted().joined(separator: ", ")), or add templates/\(id).md.mustache", file: file, at: k.mark))
        }
        var byCode: [String: String] = [:]
        for id in known.sorted() {
            let code = settings.number(kind: id, year: 2026, seq: 1)
            if let other = byCode[code] {
                let mark = settings.kinds[id]?.mark ?? settings.kinds[other]?.mark
                out.append(Diagnostic(.error, "'\(other)' and '\(id)' are both numbered \(settings.number(kind: id, year: 2026, seq: 1)): give one of them another code, or their numbers would repeat", file: file, at: mark))
            } else {
                byCode[code] = id
            }
        }
        return out
    }

    /// Which workflows start which: spawned by a workflow's own actions or by
    /// the actions of a policy it escalates with.
    func spawners(of child: String) -> [WorkflowDefinition] {
        project.workflows.filter { w in
            w.states.contains { s in
                (s.allActions + project.policyActions(of: s)).contains {
                    if case .spawn(let id, _, _) = $0.kind { return id == child }
                    return false
                }
            }
        }
    }

    func signalChecks() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for w in project.workflows {
            for s in w.states {
                for a in s.allActions {
                    guard case .signalParent(let event, _) = a.kind else { continue }
                    let parents = spawners(of: w.id)
                    if parents.isEmpty {
                        out.append(Diagnostic(.warning, "signal_parent '\(event)': no workflow or policy here spawns '\(w.id)', so it has no parent to signal", file: w.file, at: a.mark))
                    } else if !parents.contains(where: { $0.events.contains(event) }) {
                        out.append(Diagnostic(.error, "signal_parent '\(event)': no parent of '\(w.id)' (\(parents.map(\.id).joined(separator: ", "))) handles the event '\(event)' in any state", file: w.file, at: a.mark))
                    }
                }
            }
        }
        return out
    }
}
