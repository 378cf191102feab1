import DubanEngine
import DubanModel
import DubanStore

extension Runtime {
    /// Queued messages, oldest first; a unit sees those sent to it.
    public func outbox(pendingOnly: Bool = false, as viewer: Viewer) throws -> [OutboxMessage] {
        try read { try $0.outbox(pendingOnly: pendingOnly) }.filter { viewer.sees(unit: $0.unit) }
    }

    /// How many messages the outbox holds in each status (the office's count, for the metrics).
    public func outboxCounts() throws -> [DeliveryStatus: Int] {
        try read { try $0.messageCounts() }
    }

    /// Issued documents, oldest first; a unit sees those about it, to it or copied to it.
    public func documents(_ filter: DocumentFilter, as viewer: Viewer = .office) throws -> [DocumentRecord] {
        try read { try $0.documents(filter) }.filter(viewer.sees)
    }

    /// The units' ledger (台账), oldest first: every unit's for the office, a unit's own for it.
    public func ledger(as viewer: Viewer) throws -> [LedgerEntry] {
        let units = try viewer.unit.map { [$0] } ?? definitions().project.units?.units.map(\.id) ?? []
        return try read { try $0.ledger(units: units) }
    }

    /// Whether an instance exists and the viewer may see it.
    public func exists(_ id: String, as viewer: Viewer) throws -> Bool {
        try read { try $0.instance(id) }.map(viewer.sees) ?? false
    }

    /// The unit's open instance of a workflow, the latest started: how a
    /// script names "the interview of 宣传部" whichever rule started it.
    public func openInstance(of workflow: String, unit: String) throws -> String? {
        try read { try $0.instances(InstanceFilter(workflow: workflow, unit: unit, running: true)) }
            .max { ($0.started, $0.id) < ($1.started, $1.id) }?.id
    }
}
