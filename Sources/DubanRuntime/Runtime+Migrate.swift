import DubanEngine
import DubanModel
import DubanStore

/// One instance's move, as planned.
public struct MigrationMove: Sendable {
    public var instance: String
    public var from: String
    public var to: String
}

extension Runtime {
    /// Moves every running instance of `workflowID` on another version to
    /// `version`, mapping state names through `mapping` (unmapped names stay).
    /// All or nothing: an instance that cannot move stops the whole migration.
    /// With `dryRun` the plan is computed and nothing is written.
    public func migrate(_ workflowID: String, to version: Int, mapping: [String: String], dryRun: Bool, now: Instant) throws -> [MigrationMove] {
        let defs = try definitions()
        guard let target = defs.workflow(workflowID, version: version) else {
            if defs.latest(workflowID) == nil { throw RuntimeError.unknownWorkflow(workflowID, known: defs.project.workflows.map(\.id).sorted()) }
            throw RuntimeError.migration(["'\(workflowID)' has no deployed version \(version); deployed: \(defs.deployedVersions(workflowID).map(String.init).joined(separator: ", "))"])
        }
        for (old, new) in mapping where target.state(new) == nil {
            throw RuntimeError.migration(["--map \(old)=\(new): version \(version) has no state '\(new)'\(suggestion(new, target.states.map(\.name)))"])
        }
        let engine = Engine(project: defs.project)
        let plan = { (s: any StoreSession, write: Bool) throws -> [MigrationMove] in
            var moves: [MigrationMove] = []
            var problems: [String] = []
            var applier = Applier(session: s, defs: defs, engine: engine, recorded: now)
            for i in try s.instances(InstanceFilter(workflow: workflowID, running: true)) where i.version != version {
                let state = mapping[i.state] ?? i.state
                guard target.state(state) != nil else {
                    problems.append("instance \(i.id) is in '\(i.state)', which version \(version) does not have: add --map \(i.state)=STATE (states: \(target.states.map(\.name).joined(separator: ", ")))")
                    continue
                }
                do {
                    let step = try engine.migrate(i, to: target, state: state, context: try applier.context(target, now: now, values: i.values))
                    if write { try applier.apply(step, target, cause: .start(by: .migration), before: i, at: now) }
                    moves.append(MigrationMove(instance: i.id, from: "v\(i.version) \(i.state)", to: "v\(version) \(state)"))
                } catch let error as EngineError {
                    problems.append("instance \(i.id): \(error)")
                }
            }
            if !problems.isEmpty { throw RuntimeError.migration(problems) }
            return moves
        }
        return dryRun ? try read { try plan($0, false) } : try write { try plan($0, true) }
    }
}
