import DubanEngine
import DubanModel

extension Runtime {
    /// Running matters waiting on the office: in a state where the office
    /// may send an event other than `cancel` (review, reassignment…),
    /// oldest first. The office's to-do list.
    public func awaitingOffice(now: Instant) throws -> [Matter] {
        let defs = try definitions()
        let engine = Engine(project: defs.project)
        var waiting: [Matter] = []
        for stored in defs.stored where stored.kind == .workflow {
            guard let w = defs.workflow(stored.name, version: stored.version) else { continue }
            for state in w.states where state.handlers.contains(where: { h in
                h.event != "cancel" && h.branches.contains { $0.by?.contains("office") ?? false }
            }) {
                let query = MatterQuery(workflow: w.id, state: state.name)
                waiting += try matters(query, as: .office, now: now).matters.filter { m in
                    m.instance.version == w.version
                        && engine.available(to: "office", on: m.instance, definition: w).contains { $0.name != "cancel" }
                }
            }
        }
        return waiting.sorted { ($0.instance.entered, $0.id) < ($1.instance.entered, $1.id) }
    }
}
