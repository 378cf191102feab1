import DubanEngine
import DubanLanguage
import DubanModel
@testable import DubanStore
import GRDB
import Testing

@Suite("Store migrations")
struct StoreMigrationTests {
    /// Ids stored as text before v5 (top-level "9", "10", children "10.1", "10.10", "10.2") come out of v5
    /// as the same ids: found one by one, with their parent, timers and audit rows, and every hash still matching.
    @Test func textIdsBecomeNumbers() throws {
        let db = try TempDatabase()
        let queue = try DatabaseQueue(path: db.path)
        try SQLiteStore.migrator.migrate(queue, upTo: "v4: instances indexed by workflow alone")
        let ids = ["9", "10", "10.1", "10.10", "10.2"]
        var previous = "", records: [AuditRecord] = []
        for (n, id) in ids.enumerated() {
            var r = AuditRecord(seq: Int64(n + 1), instance: id, time: Instant(seconds: 100), recorded: Instant(seconds: 100), actor: "office",
                                kind: .start, detail: "{}", previousHash: previous, hash: "")
            r.hash = r.computedHash
            previous = r.hash
            records.append(r)
        }
        try queue.write { db in
            for (n, id) in ids.enumerated() {
                try db.execute(sql: """
                    INSERT INTO instances (id, workflow, version, state, "values", started, entered, parent, children)
                    VALUES (?, 'w', 1, ?, '{}', 100, 100, ?, 0)
                    """, arguments: [id, "s\(n)", id.contains(".") ? "10" : nil])
                try db.execute(sql: "INSERT INTO timers (instance, key, due) VALUES (?, 'after.0', ?)", arguments: [id, 200 + n])
            }
            for r in records {
                try db.execute(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [r.seq, r.instance, 100, 100, r.actor, r.kind.rawValue, r.detail, r.previousHash, r.hash])
            }
            try db.execute(sql: "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", arguments: [records.last!.seq, records.last!.hash])
        }
        try queue.close()

        let store = try SQLiteStore(path: db.path)
        try store.read { s in
            for (n, id) in ids.enumerated() {
                let found = try #require(try s.instance(id))
                #expect(found.id == id && found.state == "s\(n)")
                #expect(found.parent == (id.contains(".") ? "10" : nil))
                #expect(found.timers.values.map(\.seconds) == [Int64(200 + n)])
                #expect(try s.auditRecords(instance: id).map(\.seq) == [Int64(n + 1)])
            }
            #expect(Set(try s.instances(InstanceFilter(parent: "10")).map(\.id)) == ["10.1", "10.10", "10.2"])
            let migrated = try s.auditRecords(after: 0, limit: 10)
            #expect(migrated == records)
            #expect(migrated.allSatisfy { $0.computedHash == $0.hash })
        }
        #expect(try db.count("SELECT count(*) FROM instances WHERE typeof(id) = 'integer'") == 2)
        #expect(try db.count("SELECT count(*) FROM timers WHERE typeof(instance) = 'integer'") == 2)
        #expect(try db.count("SELECT count(*) FROM events WHERE typeof(instance) = 'integer'") == 2)
    }

    /// Instances started one after another sit in start order, not in the order of their ids' text.
    @Test func instancesSitInStartOrder() throws {
        let db = try TempDatabase()
        let store = try SQLiteStore(path: db.path)
        try store.write { s in
            for n in [1, 2, 10, 11, 100] {
                try s.insert(Instance(id: String(n), workflow: "w", version: 1, state: "a", values: [:], started: Instant(seconds: 0),
                                      entered: Instant(seconds: 0)))
            }
        }
        let order = try DatabaseQueue(path: db.path).read { try String.fetchAll($0, sql: "SELECT CAST(id AS TEXT) FROM instances") }
        #expect(order == ["1", "2", "10", "11", "100"])
    }
}
