import DubanEngine
import DubanModel
import DubanStore
import Synchronization

/// Carries out the engine's decisions on a store. Every step (a start, an
/// event, a timer) writes its instance, audit row, timers and outbox rows in
/// the same transaction. Time is passed in; the runtime reads no clock.
public final class Runtime: Sendable {
    let store: any Store
    /// Where evidence files are kept (nil: a runtime that takes none).
    public let evidence: EvidenceFolder?
    /// The definitions as last parsed, by the store's definitions version:
    /// a server answers many reads between deployments.
    private let parsed = Mutex<(version: String, set: DefinitionSet)?>(nil)
    /// The board as last counted (see `board(as:now:)`).
    let boardCache = Mutex(BoardCache())
    /// The link key once read: it never changes after it is made.
    let linkKeyCache = Mutex<[UInt8]?>(nil)

    /// Seconds a count of the board stands at least, however the trail
    /// moves on (0: every step shows at once).
    public let boardSpan: Int64

    public init(store: any Store, evidence: EvidenceFolder? = nil, boardSpan: Int64 = 0) {
        self.store = store
        self.evidence = evidence
        self.boardSpan = boardSpan
    }

    /// The deployed definitions, read again only after a deployment.
    public func definitions() throws -> DefinitionSet {
        let version = try read { try $0.definitionsVersion() }
        if let kept = parsedDefinitions(version) { return kept }
        return try parse(try read { try $0.definitions() }, version: version)
    }

    /// The definitions parsed at `version`, if they are the ones kept.
    func parsedDefinitions(_ version: String) -> DefinitionSet? {
        parsed.withLock { $0?.version == version ? $0?.set : nil }
    }

    /// Parses the stored definitions of `version` and keeps them.
    func parse(_ stored: [StoredDefinition], version: String) throws -> DefinitionSet {
        let set = try DefinitionSet(stored)
        parsed.withLock { $0 = (version, set) }
        return set
    }

    /// A read of the store; what it refuses reaches callers as a `RuntimeError`.
    func read<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try database { try store.read(body) }
    }

    /// A write of the store, all or nothing; refusals as in `read`.
    func write<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try database { try store.write(body) }
    }

    /// The store's housekeeping, for a server between its ticks' batches.
    public func maintain() throws { try database { try store.maintain() } }

    func database<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError { throw RuntimeError.database(error) }
    }

    /// Starts one instance per row of inputs, all or none. A dry run checks
    /// every row as a start would, then keeps nothing.
    public func start(_ workflowID: String, rows: [[String: Value]], dryRun: Bool = false, now: Instant) throws -> [String] {
        let defs = try definitions()
        guard !defs.stored.isEmpty else { throw RuntimeError.nothingDeployed }
        guard let w = defs.latest(workflowID) else {
            throw RuntimeError.unknownWorkflow(workflowID, known: defs.project.workflows.map(\.id).sorted())
        }
        let engine = Engine(project: defs.project)
        do {
            return try write { s in
                var problems: [String] = []
                var ids: [String] = []
                var applier = Applier(session: s, defs: defs, engine: engine, recorded: now)
                applier.refusesIncomplete = true
                for (i, inputs) in rows.enumerated() {
                    do {
                        try checkUnits(inputs, of: w, defs)
                        let id = String(try s.nextInstanceNumber())
                        let step = try engine.start(w, id: id, inputs: inputs, context: applier.context(w, now: now, values: inputs))
                        try applier.apply(step, w, cause: .start(by: .office), before: nil, at: now)
                        ids.append(id)
                    } catch let error as EngineError {
                        if rows.count == 1 { throw RuntimeError.refused(error) }
                        problems.append("row \(i + 2): \(error)")
                    } catch let error as RuntimeError {
                        if rows.count == 1 { throw error }
                        problems.append("row \(i + 2): \(error)")
                    }
                }
                if !problems.isEmpty { throw RuntimeError.rows(problems) }
                // Thrown, so the store rolls the starts back.
                if dryRun { throw DryRun(ids: ids) }
                return ids
            }
        } catch let dry as DryRun {
            return dry.ids
        }
    }

    private struct DryRun: Error {
        var ids: [String]
    }

    func checkUnits(_ inputs: [String: Value], of w: WorkflowDefinition, _ defs: DefinitionSet) throws {
        guard let units = defs.project.units else { return }
        for decl in w.inputs where decl.type.base == .unit {
            if case .text(let u)? = inputs[decl.name], units.unit(u) == nil {
                throw RuntimeError.unknownUnit(u, known: units.units.map(\.id))
            }
        }
    }

    /// Applies an event to an instance; refused events change nothing. A
    /// unit viewer may signal only its own matters (another's is missing);
    /// `person` and the evidence's hashes go in the audit row, the evidence
    /// (already in the evidence folder) is recorded against the matter. A
    /// payload field of type `file` lists the hashes of files among the
    /// evidence. `unchangedSince`: the matter's last audit row the sender
    /// saw; a matter that has moved on since refuses the event.
    @discardableResult
    public func signal(_ instanceID: String, _ event: Event, as viewer: Viewer = .office, person: String? = nil,
                       evidence: [Attachment] = [], unchangedSince seen: Int64? = nil, now: Instant) throws -> Instance {
        let defs = try definitions()
        let engine = Engine(project: defs.project)
        return try write { s in
            guard let instance = try s.instance(instanceID), viewer.sees(instance) else { throw RuntimeError.unknownInstance(instanceID) }
            if let seen, try s.auditRecords(instance: instanceID).last?.seq != seen { throw RuntimeError.changedSince(instanceID) }
            let sent = Set(evidence.map(\.sha256)), fileFields = Self.fileFields(event.name, instance, defs)
            for (field, value) in event.payload where fileFields.contains(field) {
                guard case .list(let hashes) = value, !hashes.isEmpty,
                      hashes.allSatisfy({ if case .text(let h) = $0 { sent.contains(h) } else { false } }) else {
                    throw AccessError.fileNotSent(field: field)
                }
            }
            if !evidence.isEmpty {
                let held = try s.attachments(instance: instanceID).reduce(0) { $0 + $1.size }
                if held + evidence.reduce(0, { $0 + $1.size }) > EvidenceFolder.matterLimit {
                    throw AccessError.matterEvidenceFull(limit: EvidenceFolder.matterLimit)
                }
            }
            guard let w = defs.workflow(instance.workflow, version: instance.version) else {
                throw RuntimeError.unknownWorkflow("\(instance.workflow) v\(instance.version)", known: defs.project.workflows.map(\.id))
            }
            if let units = defs.project.units, event.actor != "office", units.unit(event.actor) == nil {
                throw RuntimeError.unknownUnit(event.actor, known: ["office"] + units.units.map(\.id))
            }
            var applier = Applier(session: s, defs: defs, engine: engine, recorded: now)
            applier.refusesIncomplete = true
            do {
                let step = try engine.handle(event, on: instance, definition: w, context: applier.context(w, now: now, values: instance.values))
                // The event's own row is the first the step appends.
                let seq = (try s.lastAudit()?.seq ?? 0) + 1
                try applier.apply(step, w, cause: .event(event, by: person, files: evidence.map(\.sha256)), before: instance, at: now)
                for var a in evidence {
                    a.instance = instanceID
                    a.auditSeq = seq
                    try s.insert(a)
                }
                return step.instance
            } catch let error as EngineError {
                throw RuntimeError.refused(error)
            }
        }
    }
}

extension Runtime {
    /// The payload fields of type `file` that `event` declares in the matter's state.
    static func fileFields(_ event: String, _ instance: Instance, _ defs: DefinitionSet) -> Set<String> {
        let handler = defs.workflow(instance.workflow, version: instance.version)?.state(instance.state)?.handlers.first { $0.event == event }
        return Set(handler?.branches.flatMap(\.payload).filter { $0.type == .file }.map(\.name) ?? [])
    }
}
