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
        return out
    }

    /// Which workflows start which: spawned by a workflow's own actions or by
    /// the actions of a policy it escalates with.
    func spawners(of child: String) -> [WorkflowDefinition] {
        project.workflows.filter { w in
            w.states.contains { s in
                let policyActions = s.escalation.flatMap { project.policy($0.policy) }?.steps.flatMap(\.actions) ?? []
                return (s.allActions + policyActions).contains {
                    if case .spawn(let id, _) = $0.kind { return id == child }
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

extension StateDefinition {
    /// Every action the state can run.
    public var allActions: [Action] {
        enter + exit + handlers.flatMap { $0.branches.flatMap(\.actions) } + timers.flatMap(\.actions)
    }
}
