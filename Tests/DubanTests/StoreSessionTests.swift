import DubanEngine
import DubanLanguage
import DubanModel
@testable import DubanStore
import Testing

@Suite("Store sessions")
struct StoreSessionTests {
    func record(_ seq: Int64, previousHash: String = "", hash: String = "") -> AuditRecord {
        AuditRecord(seq: seq, instance: "7", time: Instant(seconds: 100), recorded: Instant(seconds: 160), actor: "office", kind: .event,
                    detail: #"{"event":"report"}"#, previousHash: previousHash, hash: hash)
    }

    /// The store links each appended record to the head, whatever hashes the caller put
    /// there; a seq out of turn is refused and nothing of its transaction is kept.
    @Test(arguments: StoreKind.available) func appendChainsRecords(_ kind: StoreKind) throws {
        let db = try TempDatabase(kind)
        let store = try StoreLocation(db.path).open(.create)
        try store.write { s in
            try s.append(record(1, previousHash: "forged", hash: "forged"))
            try s.append(record(2))
        }
        let records = try store.read { try $0.auditRecords(after: 0, limit: 10) }
        #expect(records.count == 2)
        #expect(records[0].previousHash == AuditRecord.genesisHash && records[0].hash == records[0].computedHash)
        #expect(records[1].previousHash == records[0].hash && records[1].hash == records[1].computedHash)
        #expect(try store.read { try $0.lastAudit() }?.hash == records[1].hash)

        let before = try db.digest()
        let error = #expect(throws: StoreError.self) {
            try store.write { s in
                try s.append(record(3))
                try s.append(record(5))
            }
        }
        #expect(error?.description == "audit event 5 cannot follow event 3, the last in the trail; nothing was written, run the command again")
        #expect(try db.digest() == before)
    }

    /// Text bound without SQLite's copy (or sent ahead in PostgreSQL's pipeline) lands intact: six texts to a statement, many
    /// statements in a row, empty and CJK text, and text too long for the arena (bound with a copy).
    @Test(arguments: StoreKind.available) func boundTextLandsIntact(_ kind: StoreKind) throws {
        let db = try TempDatabase(kind)
        let store = try StoreLocation(db.path).open(.create)
        let long = String(repeating: "督办", count: 40_000)
        let messages = (0..<300).map { (n: Int) -> OutboxMessage in
            let kind: MessageKind = n % 2 == 0 ? .remind : .notify, role = n % 3 == 0 ? "" : "head", template = n == 150 ? long : "t\(n)"
            return OutboxMessage(key: "\(n)/1/0", instance: "\(n)", kind: kind, unit: "城管局\(n)", role: role, template: template,
                                 created: Instant(seconds: Int64(n)))
        }
        let values: [String: Value] = ["note": .text(long), "unit": .unit("城管局")]
        try store.write { s in
            for m in messages { try s.insert(m) }
            try s.insert(Instance(id: "1", workflow: "w", version: 1, state: "a", values: values, started: Instant(seconds: 0), entered: Instant(seconds: 0)))
        }
        let stored = try store.read { try $0.outbox(pendingOnly: false) }
        func texts(_ m: OutboxMessage) -> [String] { [m.key, m.instance, m.kind.rawValue, m.unit, m.role, m.template] }
        #expect(stored.map(texts) == messages.map(texts))
        #expect(try store.read { try $0.instance("1") }?.values == values)
    }

    /// A write refused by the database (here a second row with the same id,
    /// which PostgreSQL learns of only when the writes sent ahead are read)
    /// fails its whole transaction and keeps nothing; the next transaction
    /// on the same store, with the same statements, goes through.
    @Test(arguments: StoreKind.available) func refusedWriteKeepsNothing(_ kind: StoreKind) throws {
        let db = try TempDatabase(kind)
        let store = try StoreLocation(db.path).open(.create)
        func instance(_ id: String) -> Instance {
            Instance(id: id, workflow: "w", version: 1, state: "a", values: [:], started: Instant(seconds: 0), entered: Instant(seconds: 0))
        }
        let before = try db.digest()
        #expect(throws: StoreError.self) {
            try store.write { s in
                try s.insert(instance("1"))
                try s.insert(instance("1"))
                // Prepared after the failure, in the same pipeline: never run, so not kept as prepared.
                try s.setTimer("1", .after(0), due: Instant(seconds: 60))
                try s.append(record(1))
            }
        }
        #expect(try db.digest() == before)
        try store.write { s in
            try s.insert(instance("1"))
            try s.setTimer("1", .after(0), due: Instant(seconds: 60))
            try s.append(record(1))
        }
        #expect(try store.read { try $0.instance("1")?.timers } == [.after(0): Instant(seconds: 60)])
        #expect(try store.read { try $0.lastAudit()?.seq } == 1)
    }

    /// A batch read returns exactly the instances asked for, each with all its timers and no
    /// other's, whether their ids run in sequence, fill half their range, include a child, or lie far apart.
    @Test(arguments: [Array(1...40), Array(stride(from: 1, through: 40, by: 2)), [3, 4, 5, 6, 7, 8], [2, 39], [40, 1, 20]])
    func batchReadsExactly(_ numbers: [Int]) throws {
        let db = try TempDatabase()
        let store = try SQLiteStore(path: db.path)
        let ids = (1...40).map(String.init) + ["4.1", "4.2"]
        try store.write { s in
            for id in ids {
                try s.insert(Instance(id: id, workflow: "w", version: 1, state: "s" + id, values: [:], started: Instant(seconds: 0), entered: Instant(seconds: 0)))
                try s.setTimer(id, .after(0), due: Instant(seconds: 100))
                try s.setTimer(id, .at(1), due: Instant(seconds: 200))
            }
        }
        for asked in [numbers.map(String.init), numbers.map(String.init) + ["4.1"]] {
            let rows = try store.readBeside { try $0.storedInstances(ids: asked) }
            #expect(Set(rows.keys) == Set(asked))
            for (id, row) in rows {
                #expect(row.state == "s" + id)
                #expect(row.timers.map(\.due).sorted() == [100, 200], "timers of \(id)")
            }
        }
    }

    /// A timer row's key parses from its bytes exactly as the engine parses its text; other text is refused.
    @Test(arguments: ["after.0", "at.12", "step.3", "after.007", "step.123456789", "after", "after.", ".1", "when.1", "at.-1", "at.1x",
                      "step.1234567890", "", "at.１"])
    func timerKeyRow(_ text: String) {
        var bytes = text
        #expect(bytes.withUTF8 { TimerKey(row: $0) } == TimerKey(text))
    }
}
