import DubanEngine
import DubanModel

extension WriteBehindSession {
    /// The session the worker sees: writes are queued, everything that
    /// answers (including the counters and `claimSlot`) is a read.
    struct Writer: StoreSession {
        let pipe: WriteBehindSession

        public func definitions() throws -> [StoredDefinition] { try pipe.read { try $0.definitions() } }
        public func definitionsVersion() throws -> String { try pipe.read { try $0.definitionsVersion() } }
        public func insert(_ definition: StoredDefinition) throws { try pipe.enqueue { try $0.insert(definition) } }

        public func nextInstanceNumber() throws -> Int { try pipe.read { try $0.nextInstanceNumber() } }
        public func instance(_ id: String) throws -> Instance? { try pipe.read { try $0.instance(id) } }
        public func insert(_ instance: Instance) throws {
            remember(instance)
            try pipe.enqueue { try $0.insert(instance) }
        }
        /// What changed is worked out here, on the worker, which has the lighter load.
        public func update(_ instance: Instance, from before: Instance) throws {
            remember(instance)
            guard let change = RowChange(instance, from: before) else { return }
            try pipe.enqueue { try $0.update(instance, change) }
        }

        /// Keeps a written instance that a later timer of a tick's batch may
        /// fire on: the firing one if it has another timer in the batch, and
        /// any other (a parent signalled, a child spawned), which is rare.
        private func remember(_ instance: Instance) {
            guard let firing = pipe.firing else { return }
            if instance.id != firing || (!pipe.repeats.isEmpty && pipe.repeats.contains(instance.id)) {
                pipe.written[instance.id] = instance
            }
        }
        public func instances(_ filter: InstanceFilter) throws -> [Instance] { try pipe.read { try $0.instances(filter) } }
        public func countInstances(_ filter: InstanceFilter) throws -> Int { try pipe.read { try $0.countInstances(filter) } }
        public func outlines(workflow: String, _ each: (MatterOutline) throws -> Void) throws {
            // Read on the store's thread, handed over here: no board reads through a tick's batch.
            let all = try pipe.read { s in
                var all: [MatterOutline] = []
                try s.outlines(workflow: workflow) { all.append($0) }
                return all
            }
            try all.forEach(each)
        }

        public func dueTimers(at now: Instant, limit: Int) throws -> [DueTimer] { try pipe.read { try $0.dueTimers(at: now, limit: limit) } }
        public func setTimer(_ instance: String, _ key: TimerKey, due: Instant) throws { try pipe.enqueue { try $0.setTimer(instance, key, due: due) } }
        public func deleteTimer(_ instance: String, _ key: TimerKey) throws { try pipe.enqueue { try $0.deleteTimer(instance, key) } }
        public func nextDue() throws -> Instant? { try pipe.read { try $0.nextDue() } }

        public func lastAudit() throws -> (seq: Int64, hash: String)? { try pipe.read { try $0.lastAudit() } }
        public func append(_ record: AuditRecord) throws { try pipe.enqueue { try $0.append(record) } }
        public func auditRecords(after seq: Int64, limit: Int) throws -> [AuditRecord] { try pipe.read { try $0.auditRecords(after: seq, limit: limit) } }
        public func auditRecords(instance: String) throws -> [AuditRecord] { try pipe.read { try $0.auditRecords(instance: instance) } }

        public func insert(_ message: OutboxMessage) throws { try pipe.enqueue { try $0.insert(message) } }
        public func outbox(pendingOnly: Bool) throws -> [OutboxMessage] { try pipe.read { try $0.outbox(pendingOnly: pendingOnly) } }
        public func messageCounts(kind: MessageKind) throws -> [String: Int] { try pipe.read { try $0.messageCounts(kind: kind) } }
        public func messageCounts() throws -> [DeliveryStatus: Int] { try pipe.read { try $0.messageCounts() } }
        public func outboxMessage(_ id: Int64) throws -> OutboxMessage? { try pipe.read { try $0.outboxMessage(id) } }
        public func claimMessage(at now: Instant, until: Instant) throws -> OutboxMessage? {
            try pipe.read { try $0.claimMessage(at: now, until: until) }
        }
        public func deliveredChannels(outbox: Int64) throws -> Set<String> { try pipe.read { try $0.deliveredChannels(outbox: outbox) } }
        public func recordDelivery(outbox: Int64, channel: String, at: Instant) throws {
            try pipe.enqueue { try $0.recordDelivery(outbox: outbox, channel: channel, at: at) }
        }
        public func updateDelivery(_ message: OutboxMessage) throws { try pipe.enqueue { try $0.updateDelivery(message) } }
        public func insert(_ entry: LedgerEntry, instance: String) throws {
            pipe.ledgers.add(entry)
            try pipe.enqueue { try $0.insert(entry, instance: instance) }
        }
        /// Kept for the batch: a read here waits for every write queued before it.
        public func ledger(units: [String]) throws -> [LedgerEntry] {
            try pipe.ledgers.entries(units) { missing in try pipe.read { try $0.ledgerRows(units: missing) } }
        }
        public func nextDocumentNumber(kind: String, year: Int) throws -> Int { try pipe.read { try $0.nextDocumentNumber(kind: kind, year: year) } }
        public func insert(_ document: DocumentRecord) throws { try pipe.enqueue { try $0.insert(document) } }
        public func documents(_ filter: DocumentFilter) throws -> [DocumentRecord] { try pipe.read { try $0.documents(filter) } }

        public func insert(_ attachment: Attachment) throws -> Int64 { try pipe.read { try $0.insert(attachment) } }
        public func attachments(instance: String) throws -> [Attachment] { try pipe.read { try $0.attachments(instance: instance) } }

        public func schedules() throws -> [ScheduleState] { try pipe.read { try $0.schedules() } }
        public func upsert(_ schedule: ScheduleState) throws { try pipe.enqueue { try $0.upsert(schedule) } }
        public func deleteSchedule(workflow: String) throws { try pipe.enqueue { try $0.deleteSchedule(workflow: workflow) } }
        public func orphans() throws -> [Orphan] { try pipe.read { try $0.orphans() } }
        public func claimSlot(workflow: String, slot: Instant) throws -> Int? {
            try pipe.read { try $0.claimSlot(workflow: workflow, slot: slot) }
        }
        public func dueTimerCount(at now: Instant, limit: Int) throws -> Int { try pipe.read { try $0.dueTimerCount(at: now, limit: limit) } }
    }
}
