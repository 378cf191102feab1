import DubanEngine
import DubanLanguage
import DubanModel
@testable import DubanRuntime
import DubanStore
import Foundation
import Testing

/// Ticks: catching up, batches and their chunks, timers that changed under
/// them, schedules; the batch cases run with both ways of firing a batch.
@Suite("Ticks")
struct TickTests {
    /// A tick whose deployed definitions no longer load (parsed on a thread
    /// of their own while the batch opens) says so and changes nothing.
    @Test func tickRefusesBrokenDefinitions() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("nudge", rows: [[:]], now: at("2026-04-01T09:00"))
        try db.execute("UPDATE definitions SET source = 'workflow: nudge\nversion: 1\ninitial: x\n' WHERE name = 'nudge'")
        let before = try db.digest()
        // A cron tick: a process of its own, which has parsed nothing yet.
        let cron = try db.runtime()
        let error = #expect(throws: RuntimeError.self) { try cron.tick(now: at("2026-04-01T10:30")) }
        guard case .storedDefinitionsInvalid? = error else {
            Issue.record("expected storedDefinitionsInvalid, got \(String(describing: error))")
            return
        }
        #expect(try db.digest() == before)
    }

    /// A long-lived runtime (a server's ticker) keeps the definitions it
    /// parsed until another process deploys: its next tick fires a timer of
    /// the version deployed and started there.
    @Test(arguments: StoreKind.available) func keptDefinitionsFollowDeployments(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let server = try db.runtime()
        try server.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try server.start("chain", rows: [[:]], now: at("2026-04-01T09:00"))
        #expect(try server.tick(now: at("2026-04-01T10:30")).fired == 1)
        let cli = try db.runtime()
        let chain = try #require(try deployable().first { $0.path.hasSuffix("chain.yaml") })
        let v2 = chain.text.replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(of: "in: 1h, goto: b", with: "in: 3h, goto: b")
        try cli.deploy([SourceFile(path: chain.path, text: v2)], now: at("2026-04-01T10:40"))
        let id = try cli.start("chain", rows: [[:]], now: at("2026-04-01T10:45"))[0]
        #expect(try server.tick(now: at("2026-04-01T13:45")).fired == 2)
        let moved = try server.store.read { try $0.auditRecords(instance: id) }.filter { $0.kind == .timer }
        #expect(moved.map { Zone.shanghai.short($0.time) } == ["2026-04-01 13:45"])
    }

    /// After downtime a tick fires each missed timer once, in due order, with its original due time.
    @Test(arguments: Batching.allCases) func catchUp(_ batching: Batching) throws {
        let db = try TempDatabase(batching.store)
        let rt = try db.runtime(batching.way)
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("chain", rows: [[:], [:]], now: at("2026-04-01T09:00"))
        let report = try rt.tick(now: at("2026-04-10T09:00"))
        #expect(report.fired == 4)
        let times = try rt.store.read { try $0.auditRecords(after: 0, limit: 100) }.filter { $0.kind == .timer }.map { Zone.shanghai.short($0.time) }
        #expect(times == ["2026-04-01 10:00", "2026-04-01 10:00", "2026-04-01 11:00", "2026-04-01 11:00"])
        #expect(try rt.store.read { try $0.instances(InstanceFilter()) }.allSatisfy { $0.finished && $0.values["n"] == .int(1) })
        #expect(try rt.tick(now: at("2026-04-10T09:00")).fired == 0)
    }

    /// A due timer whose instance row is gone stops the tick with an error
    /// naming both, and nothing changes; audit verify lists the orphaned row.
    /// On PostgreSQL the failed claim leaves the claim lock free for other tickers.
    @Test(arguments: Batching.allCases) func timerWithoutInstance(_ batching: Batching) throws {
        let db = try TempDatabase(batching.store)
        let rt = try db.runtime(batching.way)
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let ids = try rt.start("chain", rows: [[:], [:]], now: at("2026-04-01T09:00"))
        try db.execute("DELETE FROM instances WHERE id = \(db.kind == .postgres ? "'\(ids[1])'" : ids[1])")
        let before = try db.digest()
        let error = #expect(throws: RuntimeError.self) { try rt.tick(now: at("2026-04-01T10:30")) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("timer after.0 of instance \(ids[1])") && message.contains("nothing was fired"))
        #expect(try db.digest() == before)
        if db.kind == .postgres { #expect(try TestPostgres.claimIsFree(url: db.path)) }
        let verify = try rt.verifyAudit()
        #expect(verify.problems.isEmpty)
        #expect(verify.orphans == ["timer after.0 points at instance \(ids[1]), which the database does not hold"])
    }

    /// 300 instances with two timers each due in one tick: an instance's second
    /// timer falls in a later chunk of the batch than its first, where the
    /// instance is read as last committed; the step still sees the first
    /// step's write (n counts 2, not 1), and the next tick finds nothing due.
    @Test(arguments: Batching.allCases) func secondTimerInLaterChunk(_ batching: Batching) throws {
        let db = try TempDatabase(batching.store)
        let rt = try db.runtime(batching.way)
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("twice", rows: Array(repeating: [:], count: 300), now: at("2026-04-01T09:00"))
        #expect(try rt.tick(now: at("2026-04-01T12:00")).fired == 600)
        let all = try rt.store.read { try $0.instances(InstanceFilter(workflow: "twice")) }
        #expect(all.count == 300 && all.allSatisfy { $0.finished && $0.values["n"] == .int(2) })
        #expect(try rt.tick(now: at("2026-04-02T12:00")).fired == 0)
    }

    /// A child's timer signals its parent, whose own timer comes later in the
    /// same batch: the parent's step starts from the signal's write, so it
    /// finds that timer gone (the parent stays in `heard`, not `late`).
    @Test(arguments: Batching.allCases) func signalledParentLaterInBatch(_ batching: Batching) throws {
        let db = try TempDatabase(batching.store)
        let rt = try db.runtime(batching.way)
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let parents = try rt.start("family", rows: Array(repeating: [:], count: 3), now: at("2026-04-01T09:00"))
        // The children's timers only: each parent's was cancelled by the signal.
        #expect(try rt.tick(now: at("2026-04-01T12:00")).fired == 3)
        let states = try rt.store.read { s in try parents.map { try s.instance($0)?.state } }
        #expect(states == ["heard", "heard", "heard"])
        #expect(try rt.store.read { try $0.instances(InstanceFilter(workflow: "kid")) }.map(\.state) == ["over", "over", "over"])
    }

    /// A step that changes only timers (a reminder) leaves the instance row
    /// as it is; a step that moves the instance writes it.
    @Test(arguments: Batching.allCases) func reminderLeavesRowAlone(_ batching: Batching) throws {
        let db = try TempDatabase(batching.store)
        let rt = try db.runtime(batching.way)
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let id = try rt.start("nudge", rows: [[:]], now: at("2026-04-01T09:00"))[0]
        try db.execute(db.kind == .postgres ? """
            CREATE TABLE row_writes (n INTEGER);
            CREATE FUNCTION count_row_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO row_writes VALUES (1); RETURN NULL; END $$;
            CREATE TRIGGER count_row_writes AFTER UPDATE ON instances FOR EACH ROW EXECUTE FUNCTION count_row_write();
            """ : """
            CREATE TABLE row_writes (n INTEGER);
            CREATE TRIGGER count_row_writes AFTER UPDATE ON instances BEGIN INSERT INTO row_writes VALUES (1); END;
            """)
        #expect(try rt.tick(now: at("2026-04-01T10:30")).messages == 1)
        #expect(try db.count("SELECT count(*) FROM row_writes") == 0)
        #expect(try rt.store.read { try $0.instance(id)?.timers.count } == 1)
        #expect(try rt.tick(now: at("2026-04-01T11:30")).fired == 1)
        #expect(try db.count("SELECT count(*) FROM row_writes") == 1)
        #expect(try rt.store.read { try $0.instance(id)?.state } == "b")
    }

    /// When a store that fired timers (and so opened its reader beside the
    /// writer) is released, the WAL is copied back and removed: the database
    /// file alone holds the tick.
    @Test func closedStoreLeavesNoWAL() throws {
        let db = try TempDatabase()
        do {
            let rt = try db.runtime()
            try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
            _ = try rt.start("twice", rows: Array(repeating: [:], count: 3), now: at("2026-04-01T09:00"))
            #expect(try rt.tick(now: at("2026-04-01T12:00")).fired == 6)
            #expect(FileManager.default.fileExists(atPath: db.path + "-wal"))
        }
        #expect(!FileManager.default.fileExists(atPath: db.path + "-wal"))
    }

    /// A timer read at the start of a batch is fired only if it is still the
    /// instance's: an earlier step may have cancelled it and a new state's
    /// timer may have taken its key.
    @Test func timerKeyReusedWithinBatch() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let id = try rt.start("rekey", rows: [[:]], now: at("2026-04-01T09:00"))[0]
        #expect(try rt.tick(now: at("2026-04-01T12:00")).fired == 1)
        let moved = try #require(try rt.store.read { try $0.instance(id) })
        #expect(moved.state == "b" && moved.values["n"] == .int(0) && moved.values["m"] == .int(0))
        #expect(moved.timers == [.after(0): at("2026-04-04T10:00"), .after(1): at("2026-04-02T10:00")])
        #expect(try rt.tick(now: at("2026-04-02T11:00")).fired == 1)
        #expect(try rt.store.read { try $0.instance(id) }?.values["m"] == .int(1))
    }

    /// A schedule starts exactly one instance per slot, also when catching
    /// up over several months; without --catch-up such a tick refuses, says
    /// how much it would do, and changes nothing.
    @Test func scheduleSlots() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-01-01T00:00"))
        let before = try db.digest()
        let refusal = #expect(throws: RuntimeError.self) { try rt.tick(now: at("2026-03-15T00:00")) }
        #expect(refusal.map { "\($0)" }?.contains("would fire 0 timer(s) and start 6 scheduled instance(s)") == true)
        #expect(try db.digest() == before)
        let r1 = try rt.tick(now: at("2026-03-15T00:00"), catchUp: nil)
        #expect(r1.started == 6)   // the fixture's and the shipped monthly-scheduling's, one each per slot
        #expect(try rt.tick(now: at("2026-03-15T00:00")).started == 0)
        let months = try rt.store.read { try $0.instances(InstanceFilter(workflow: "monthly")) }.map { $0.values["month"]! }
        #expect(months == [.date(day("2026-01-04")), .date(day("2026-02-02")), .date(day("2026-03-02"))])
        #expect(try rt.tick(now: at("2026-04-01T09:00")).started == 2)
    }

    /// A leap-day schedule deployed in March fires on the next 29 February,
    /// years away; a yearly schedule that skips off days takes instance
    /// numbers only for the slots it starts (1, then 2).
    @Test func farSchedules() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        func schedule(_ name: String, _ cron: String) -> SourceFile {
            SourceFile(path: "\(name).yaml", text: """
                workflow: \(name)
                version: 1
                calendar: weekdays
                schedule: { cron: "\(cron)", roll: skip }
                initial: open
                states: { open: { final: true } }
                """)
        }
        try rt.deploy([schedule("leap", "0 9 29 2 *")], now: at("2024-03-01T09:00"))
        #expect(try rt.tick(now: at("2028-02-29T09:30")).started == 1)
        #expect(try rt.matters(MatterQuery(workflow: "leap", includeFinished: true), as: .office, now: at("2028-03-01T00:00")).total == 1)

        let other = try TempDatabase()
        let yearly = try other.runtime()
        try yearly.deploy([schedule("yearly", "0 9 3 1 *")], now: at("2024-12-01T09:00"))
        #expect(try yearly.tick(now: at("2025-01-03T10:00")).started == 1)
        for day in ["2025-01-10", "2025-06-01", "2026-01-05", "2027-01-04"] { _ = try yearly.tick(now: at("\(day)T10:00")) }
        #expect(try yearly.tick(now: at("2028-01-03T10:00")).started == 1)
        let ids = try yearly.matters(MatterQuery(includeFinished: true), as: .office, now: at("2028-01-04T00:00")).matters.map(\.id)
        #expect(ids == ["1", "2"])
    }
}
