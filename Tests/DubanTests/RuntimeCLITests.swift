import Foundation
import Testing

/// The runtime commands as the README shows them, on the real binary.
@Suite("duban runtime commands")
struct RuntimeCLITests {
    /// init → deploy → start from CSV → signal → tick (leaving no WAL) → list/show/outbox → migrate dry run.
    @Test(arguments: StoreKind.available) func newcomerFlow(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let dir = db.dir.appendingPathComponent("office")
        func duban(_ args: [String]) throws -> Binary.Output { try Binary.run(args, in: dir) }
        let initialised = try Binary.run(["init", dir.path])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("workflows/units.yaml").path))
        #expect(try Binary.run(["init", dir.path]).status == 64)   // not empty: refused

        #expect(try duban(["deploy", "--now", "2026-04-20T09:00"]).stdout.contains("15 deployed, 0 unchanged"))
        try FileManager.default.copyItem(at: Paths.root.appendingPathComponent("examples/quickstart/matters.csv"), to: dir.appendingPathComponent("matters.csv"))
        #expect(try duban(["start", "rectification", "--inputs", "matters.csv", "--now", "2026-04-22T09:00"]).stdout == "1\n2\n3\n4\n")
        #expect(try duban(["signal", "1", "acknowledge", "--actor", "chengguan", "--now", "2026-04-22T15:00"]).stdout == "1: acknowledge by chengguan → rectifying\n")
        let tick = try duban(["tick", "--now", "2026-05-07T18:30"])
        #expect(tick.stdout.hasPrefix("tick 2026-05-07 18:30: fired "))
        // The process copied its write-ahead log back: the file alone is a backup.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("duban.sqlite-wal").path))

        let overdue = try duban(["list", "--overdue", "--format", "json", "--now", "2026-05-07T18:30"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(overdue.stdout.utf8)) as? [[String: Any]])
        #expect(list.compactMap { $0["id"] as? String } == ["1", "2"])
        #expect(list.allSatisfy { $0["state"] as? String == "overdue" && $0["overdue"] as? Bool == true })

        let show = try duban(["show", "1"])
        #expect(show.stdout.contains("escalation  accountability for chengguan: next step 3 通报批评"))
        #expect(show.stdout.contains("document supervision-order 创文督〔2026〕1号"))
        #expect(try duban(["show", "99"]).status == 64)

        let outbox = try duban(["outbox", "--format", "json"])
        let messages = try #require(try JSONSerialization.jsonObject(with: Data(outbox.stdout.utf8)) as? [[String: Any]])
        #expect(Set(messages.compactMap { $0["key"] as? String }).count == messages.count)   // keys are unique
        #expect(messages.first?["template"] as? String == "assignment")

        let dry = try duban(["migrate", "rectification", "--to", "1", "--dry-run"])
        #expect(dry.stdout.contains("dry run: 0 instance(s) would move; nothing changed"))
        #expect(try duban(["migrate", "rectification", "--to", "7"]).stderr.contains("has no deployed version 7"))
        #expect(try duban(["audit", "verify"]).status == 0)
    }

    /// Commands that need a database say how to get one instead of creating an
    /// empty one (on PostgreSQL: an empty database is not set up).
    @Test(arguments: StoreKind.available) func noDatabase(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let before = try store == .postgres ? db.digest() : ""
        let r = try Binary.run(["list", "--db", db.path])
        switch store {
        case .sqlite:
            #expect(r.status == 64)
            #expect(r.stderr.contains("no database at \(db.path): run 'duban deploy workflows/' first"))
            #expect(!FileManager.default.fileExists(atPath: db.path))
        case .postgres:
            #expect(r.status == 65)
            #expect(r.stderr.contains("is not a Duban database (it holds no tables); 'duban deploy' sets up a new one"))
            #expect(try db.digest() == before)
        }
    }
}
