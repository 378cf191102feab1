import DubanEngine
import DubanModel
@testable import DubanStore
import Testing

@Suite("SQLite session")
struct StoreSessionTests {
    func record(_ seq: Int64, previousHash: String = "", hash: String = "") -> AuditRecord {
        AuditRecord(seq: seq, instance: "7", time: Instant(seconds: 100), recorded: Instant(seconds: 160), actor: "office", kind: "event",
                    detail: #"{"event":"report"}"#, previousHash: previousHash, hash: hash)
    }

    /// The store links each appended record to the head, whatever hashes the caller put
    /// there; a seq out of turn is refused and nothing of its transaction is kept.
    @Test func appendChainsRecords() throws {
        let db = try TempDatabase()
        let store = try SQLiteStore(path: db.path)
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
}
