/// Draws a workflow as a Mermaid state diagram or a Graphviz digraph:
/// states, events (with their conditions), timers, and the escalation ladder
/// of each escalating state.
public struct GraphRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable { case mermaid, dot }

    let workflow: WorkflowDefinition
    let project: Project

    public init(workflow: WorkflowDefinition, project: Project) {
        self.workflow = workflow
        self.project = project
    }

    struct Edge { var from: String; var to: String; var label: String; var timer: Bool }

    var edges: [Edge] {
        var out: [Edge] = []
        for s in workflow.states {
            for h in s.handlers {
                for b in h.branches {
                    var label = h.event
                    if let g = b.guardExpression { label += " [\(g.source)]" }
                    out.append(Edge(from: s.name, to: b.target ?? s.name, label: label, timer: false))
                }
            }
            for t in s.timers {
                var label = t.label
                let acts = t.actions.map { describe($0) }
                if !acts.isEmpty { label += " / " + acts.joined(separator: ", ") }
                out.append(Edge(from: s.name, to: t.target ?? s.name, label: label, timer: true))
            }
        }
        return out
    }

    func describe(_ a: Action) -> String {
        switch a.kind {
        case .notify(let to, let t): return "notify \(to) (\(t))"
        case .remind(let to, _): return "remind \(to)"
        case .document(let k, _, _, _): return "document \(k)"
        case .set(let s): return "set " + s.map(\.name).joined(separator: ", ")
        case .spawn(let w, _, let each): return "spawn \(w)" + (each.map { " for each \($0.name)" } ?? "")
        case .signalParent(let e, _): return "signal parent \(e)"
        case .ledger(let k, _, _, _): return "ledger \(k.rawValue)"
        }
    }

    /// `提醒 0wd → 督办 2wd → …`
    func ladder(_ s: StateDefinition) -> String? {
        guard let e = s.escalation else { return nil }
        guard let p = project.policy(e.policy) else { return "escalate \(e.policy)" }
        return "escalate \(p.id): " + p.steps.map { "\($0.name) +\($0.after)" }.joined(separator: " → ")
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .mermaid: return mermaid()
        case .dot: return dot()
        }
    }

    func mermaid() -> String {
        func clean(_ s: String) -> String {
            s.replacingOccurrences(of: ":", with: "∶").replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "<", with: "#lt;").replacingOccurrences(of: ">", with: "#gt;")
                .replacingOccurrences(of: "{", with: "(").replacingOccurrences(of: "}", with: ")")
                .replacingOccurrences(of: ";", with: ",")
        }
        func id(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "_") }
        var lines = ["---", "title: \(clean(workflow.title)) (\(workflow.id) v\(workflow.version))", "---", "stateDiagram-v2", "    [*] --> \(id(workflow.initial))"]
        for s in workflow.states {
            if let t = s.title { lines.append("    \(id(s.name)): \(clean(s.name)) \(clean(t))") }
        }
        for e in edges {
            lines.append("    \(id(e.from)) --> \(id(e.to)): \(e.timer ? "⏱ " : "")\(clean(e.label))")
        }
        for s in workflow.states {
            if s.final { lines.append("    \(id(s.name)) --> [*]") }
            if let l = ladder(s) { lines.append("    note right of \(id(s.name)): \(clean(l))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func dot() -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = [
            "digraph \(q(workflow.id)) {",
            "    label=\(q("\(workflow.title) (\(workflow.id) v\(workflow.version))")); labelloc=t;",
            "    rankdir=LR;",
            "    node [shape=box, style=rounded, fontname=\"Noto Sans CJK SC,sans-serif\"];",
            "    edge [fontname=\"Noto Sans CJK SC,sans-serif\", fontsize=10];",
            "    \"__start\" [shape=point];",
            "    \"__start\" -> \(q(workflow.initial));",
        ]
        for s in workflow.states {
            var label = s.name + (s.title.map { "\\n\($0)" } ?? "")
            if let l = ladder(s) { label += "\\n⚑ " + l }
            var attrs = ["label=\(q(label).replacingOccurrences(of: "\\\\n", with: "\\n"))"]
            if s.final { attrs.append("peripheries=2") }
            if s.escalation != nil { attrs.append("color=red") }
            lines.append("    \(q(s.name)) [\(attrs.joined(separator: ", "))];")
        }
        for e in edges {
            lines.append("    \(q(e.from)) -> \(q(e.to)) [label=\(q(e.label))\(e.timer ? ", style=dashed" : "")];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
