import DubanEngine
import DubanLanguage
import DubanModel
@testable import DubanRuntime
import DubanStore
import Foundation
import Testing

@Suite("Runtime on SQLite")
struct RuntimeTests {
    /// Deploy registers every file once; again is a no-op; a changed workflow needs a new version.
    @Test func deployVersions() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        let files = try deployable()
        let first = try rt.deploy(files, now: at("2026-04-01T09:00"))
        #expect(first.added.count == files.count)
        let again = try rt.deploy(files, now: at("2026-04-01T09:05"))
        #expect(again.added.isEmpty && again.unchanged.count == files.count)
        let chain = try #require(files.first { $0.path.hasSuffix("chain.yaml") })
        var edited = chain
        edited.text = chain.text.replacingOccurrences(of: "in: 1h, goto: b", with: "in: 2h, goto: b")
        #expect(throws: RuntimeError.self) { try rt.deploy([edited], now: at("2026-04-01T09:10")) }
        edited.text = edited.text.replacingOccurrences(of: "version: 1", with: "version: 2")
        #expect(try rt.deploy([edited], now: at("2026-04-01T09:10")).added == ["\(chain.path) (workflow chain v2)"])
        #expect(try rt.definitions().deployedVersions("chain") == [1, 2])
    }

    /// A broken file deploys nothing.
    @Test func deployBroken() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let before = try db.digest()
        let broken = SourceFile(path: "bad.yaml", text: "workflow: bad\nversion: 1\ninitial: x\nstates: { y: { final: true } }\n")
        #expect(throws: RuntimeError.self) { try rt.deploy([broken], now: at("2026-04-01T10:00")) }
        #expect(try db.digest() == before)
    }

    /// A tick whose deployed definitions no longer load (parsed on a thread
    /// of their own while the batch opens) says so and changes nothing.
    @Test func tickRefusesBrokenDefinitions() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("nudge", rows: [[:]], now: at("2026-04-01T09:00"))
        try db.execute("UPDATE definitions SET source = 'workflow: nudge\nversion: 1\ninitial: x\n' WHERE name = 'nudge'")
        let before = try db.digest()
        let error = #expect(throws: RuntimeError.self) { try rt.tick(now: at("2026-04-01T10:30")) }
        guard case .storedDefinitionsInvalid? = error else {
            Issue.record("expected storedDefinitionsInvalid, got \(String(describing: error))")
            return
        }
        #expect(try db.digest() == before)
    }

    /// A running instance stays on its version when a new one is deployed.
    @Test func instancesKeepTheirVersion() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let old = try rt.start("chain", rows: [[:]], now: at("2026-04-01T09:00"))
        let v2 = try #require(try deployable().first { $0.path.hasSuffix("chain.yaml") })
        try rt.deploy([SourceFile(path: v2.path, text: v2.text.replacingOccurrences(of: "version: 1", with: "version: 2").replacingOccurrences(of: "in: 1h, goto: b", with: "in: 5h, goto: b"))], now: at("2026-04-01T09:30"))
        let new = try rt.start("chain", rows: [[:]], now: at("2026-04-01T10:00"))
        let (a, b) = try rt.store.read { s in (try s.instance(old[0])!, try s.instance(new[0])!) }
        #expect(a.version == 1 && a.timers[.after(0)] == at("2026-04-01T10:00"))
        #expect(b.version == 2 && b.timers[.after(0)] == at("2026-04-01T15:00"))
    }

    /// After downtime a tick fires each missed timer once, in due order, with its original due time.
    @Test(arguments: Batching.allCases) func catchUp(_ batching: Batching) throws {
        let db = try TempDatabase()
        let rt = try db.runtime(batching)
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
    @Test(arguments: Batching.allCases) func timerWithoutInstance(_ batching: Batching) throws {
        let db = try TempDatabase()
        let rt = try db.runtime(batching)
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let ids = try rt.start("chain", rows: [[:], [:]], now: at("2026-04-01T09:00"))
        try db.execute("DELETE FROM instances WHERE id = \(ids[1])")
        let before = try db.digest()
        let error = #expect(throws: RuntimeError.self) { try rt.tick(now: at("2026-04-01T10:30")) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("timer after.0 of instance \(ids[1])") && message.contains("nothing was fired"))
        #expect(try db.digest() == before)
        let verify = try rt.verifyAudit()
        #expect(verify.problems.isEmpty)
        #expect(verify.orphans == ["timer after.0 points at instance \(ids[1]), which the database does not hold"])
    }

    /// 300 instances with two timers each due in one tick: an instance's second
    /// timer falls in a later chunk of the batch than its first, where the
    /// instance is read as last committed; the step still sees the first
    /// step's write (n counts 2, not 1), and the next tick finds nothing due.
    @Test(arguments: Batching.allCases) func secondTimerInLaterChunk(_ batching: Batching) throws {
        let db = try TempDatabase()
        let rt = try db.runtime(batching)
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
        let db = try TempDatabase()
        let rt = try db.runtime(batching)
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
        let db = try TempDatabase()
        let rt = try db.runtime(batching)
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let id = try rt.start("nudge", rows: [[:]], now: at("2026-04-01T09:00"))[0]
        try db.execute("""
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

    /// Each step's audit row lists its effects in order, as text escaped for
    /// JSON: a start, a set with quotes in it, a move, an escalation step with
    /// its clause and the reminder it sends.
    @Test func auditDetailListsEffects() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        let files = [
            SourceFile(path: "p2.yaml", text: """
            policy: p2
            steps:
              - { after: 0wd, name: 提醒, clause: 第四条, do: [ remind ] }
            """),
            SourceFile(path: "logged.yaml", text: """
            workflow: logged
            version: 1
            calendar: weekdays
            inputs: { unit: { type: unit, required: true } }
            vars: { note: { type: text } }
            initial: open
            states:
              open: { on: { note: { by: [office], set: { note: "'说 \\"好\\"'" }, goto: late } } }
              late: { escalate: p2, on: { done: end } }
              end: { final: true }
            """),
        ]
        try rt.deploy(try deployable() + files, now: at("2026-04-01T08:00"))
        let id = try rt.start("logged", rows: [["unit": .text("chengguan")]], now: at("2026-04-01T09:00"))[0]
        try rt.signal(id, Event(name: "note", actor: "office"), now: at("2026-04-01T10:00"))
        _ = try rt.tick(now: at("2026-04-01T10:00"))
        let details = try rt.store.read { try $0.auditRecords(instance: id) }.map(\.detail)
        #expect(details == [
            #"{"effects":["-> open (start)"]}"#,
            #"{"event":"note","effects":["set note = 说 \"好\"","open -> late (note)"]}"#,
            #"{"timer":"step.0","due":1775008800,"effects":["escalate p2 提醒 chengguan 第四条","remind chengguan.contact reminder"]}"#,
        ])
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

    /// A CSV start is all or nothing, each bad row named by its row number.
    @Test func startRows() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let before = try db.digest()
        let rows: [[String: Value]] = [
            ["unit": .text("chengguan"), "problem": .text("a")],
            ["unit": .text("nobody"), "problem": .text("b")],
            ["unit": .text("gongan")],
        ]
        do {
            _ = try rt.start("rectification", rows: rows, now: at("2026-04-01T09:00"))
            Issue.record("should be refused")
        } catch let error as RuntimeError {
            #expect(error.description.contains("row 3: unknown unit 'nobody'"))
            #expect(error.description.contains("row 4: cannot start 'rectification': the required input 'problem' is missing"))
        }
        #expect(try db.digest() == before)
        #expect(try rt.start("rectification", rows: [rows[0]], now: at("2026-04-01T09:00")) == ["1"])
    }

    /// An edited, deleted or inserted audit row is found by verify.
    @Test func auditTampering() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("chain", rows: [[:], [:], [:]], now: at("2026-04-01T09:00"))
        _ = try rt.tick(now: at("2026-04-02T09:00"))
        #expect(try rt.verifyAudit().problems.isEmpty)
        #expect(try rt.verifyAudit().events == 9)
        // The database refuses edits of the trail outright…
        #expect(throws: (any Error).self) { try db.execute("UPDATE events SET actor = 'x' WHERE seq = 4") }
        // …so an attacker drops the guards first; verify still sees it.
        try db.execute("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete")
        try db.execute("UPDATE events SET actor = 'someone' WHERE seq = 4")
        let edited = try rt.verifyAudit().problems
        #expect(edited == ["event 4 (instance 1, timer by someone) does not match its hash: it was edited"])
        let db2 = try TempDatabase()
        let rt2 = try db2.runtime()
        try rt2.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt2.start("chain", rows: [[:], [:], [:]], now: at("2026-04-01T09:00"))
        try db2.execute("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 2")
        #expect(try rt2.verifyAudit().problems.first == "events 2…2 are missing: rows were deleted")
        try db2.execute("DELETE FROM events WHERE seq = 3")
        #expect(try rt2.verifyAudit().problems.contains("the trail ends at event 1 but its recorded head is event 3: rows were removed from the end"))
    }

    /// Refused events change nothing: not allowed, wrong actor, unknown instance, bad data.
    @Test func refusals() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let id = try rt.start("rectification", rows: [["unit": .text("chengguan"), "problem": .text("a")]], now: at("2026-04-01T09:00"))[0]
        let before = try db.digest()
        #expect(throws: RuntimeError.self) { try rt.signal(id, Event(name: "report", actor: "chengguan"), now: at("2026-04-01T10:00")) }
        #expect(throws: RuntimeError.self) { try rt.signal(id, Event(name: "acknowledge", actor: "gongan"), now: at("2026-04-01T10:00")) }
        #expect(throws: RuntimeError.self) { try rt.signal("999", Event(name: "acknowledge", actor: "chengguan"), now: at("2026-04-01T10:00")) }
        #expect(throws: RuntimeError.self) { try rt.signal(id, Event(name: "acknowledge", actor: "nobody"), now: at("2026-04-01T10:00")) }
        #expect(try db.digest() == before)
        try rt.signal(id, Event(name: "acknowledge", actor: "chengguan"), now: at("2026-04-01T10:00"))
        #expect(try db.digest() != before)
    }
}

@Suite("Migration")
struct MigrationTests {
    /// A renamed state needs a mapping; a dry run changes nothing; the move recomputes timers from the state's entry.
    @Test func migrate() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        let v1 = try #require(try deployable().first { $0.path.hasSuffix("chain.yaml") })
        try rt.deploy([v1], now: at("2026-04-01T08:00"))
        let ids = try rt.start("chain", rows: [[:], [:]], now: at("2026-04-01T09:00"))
        let v2 = SourceFile(path: v1.path, text: v1.text
            .replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(of: "initial: a", with: "initial: first")
            .replacingOccurrences(of: "  a:\n    after: [ { in: 1h, goto: b } ]", with: "  first:\n    after: [ { in: 3h, goto: b } ]"))
        try rt.deploy([v2], now: at("2026-04-01T09:10"))
        do {
            _ = try rt.migrate("chain", to: 2, mapping: [:], dryRun: false, now: at("2026-04-01T09:20"))
            Issue.record("should be refused")
        } catch let error as RuntimeError {
            #expect(error.description.contains("instance 1 is in 'a', which version 2 does not have: add --map a=STATE"))
        }
        let before = try db.digest()
        let plan = try rt.migrate("chain", to: 2, mapping: ["a": "first"], dryRun: true, now: at("2026-04-01T09:20"))
        #expect(plan.map(\.to) == ["v2 first", "v2 first"])
        #expect(try db.digest() == before)
        _ = try rt.migrate("chain", to: 2, mapping: ["a": "first"], dryRun: false, now: at("2026-04-01T09:20"))
        let moved = try rt.store.read { try $0.instance(ids[0]) }
        #expect(moved?.version == 2 && moved?.state == "first")
        #expect(moved?.timers == [.after(0): at("2026-04-01T12:00")])   // entered 09:00 + 3h
        #expect(try rt.verifyAudit().problems.isEmpty)
        #expect(try rt.tick(now: at("2026-04-01T14:00")).fired == 4)
    }
}

@Suite("Ledger in the runtime")
struct LedgerRuntimeTests {
    /// A workflow's own guard that reads the unit's ledger sees the entries the runtime recorded.
    @Test func guardReadsLedger() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        let gate = SourceFile(path: "gate.yaml", text: """
        workflow: gate
        version: 1
        calendar: weekdays
        inputs: { unit: { type: unit, required: true } }
        initial: open
        states:
          open:
            on:
              strike: { by: [office], do: [ { ledger: strike } ] }
              close:
                - { if: "unit.strikes(365d) >= 1", goto: flagged }
                - { goto: clean }
          flagged: { final: true }
          clean: { final: true }
        """)
        try rt.deploy(try deployable() + [gate], now: at("2026-04-01T08:00"))
        let ids = try rt.start("gate", rows: [["unit": .text("chengguan")], ["unit": .text("gongan")]], now: at("2026-04-01T09:00"))
        try rt.signal(ids[0], Event(name: "strike", actor: "office"), now: at("2026-04-01T10:00"))
        #expect(try rt.signal(ids[0], Event(name: "close", actor: "office"), now: at("2026-04-01T11:00")).state == "flagged")
        #expect(try rt.signal(ids[1], Event(name: "close", actor: "office"), now: at("2026-04-01T11:00")).state == "clean")
    }

    /// A repeat offender is recognised at start, when the initial state escalates.
    @Test func repeatOffenderAtStart() throws {
        let db = try TempDatabase()
        let rt = try db.runtime()
        let files = [
            SourceFile(path: "strikes.yaml", text: """
            workflow: strikes
            version: 1
            calendar: weekdays
            inputs: { unit: { type: unit, required: true } }
            initial: open
            states:
              open: { on: { strike: { do: [ { ledger: strike } ] }, done: end } }
              end: { final: true }
            """),
            SourceFile(path: "p.yaml", text: """
            policy: p
            steps:
              - { after: 0wd, name: first, do: [ remind ] }
              - { after: 5wd, name: second, do: [ remind ] }
            repeat_offence:
              - { if: "unit.strikes(365d) >= 1", start_at: second }
            """),
            SourceFile(path: "late.yaml", text: """
            workflow: late
            version: 1
            calendar: weekdays
            inputs: { unit: { type: unit, required: true } }
            initial: late
            states:
              late: { escalate: p, on: { done: end } }
              end: { final: true }
            """),
        ]
        try rt.deploy(try deployable() + files, now: at("2026-04-01T08:00"))
        let s = try rt.start("strikes", rows: [["unit": .text("chengguan")]], now: at("2026-04-01T09:00"))
        try rt.signal(s[0], Event(name: "strike", actor: "office"), now: at("2026-04-01T09:30"))
        let ids = try rt.start("late", rows: [["unit": .text("chengguan")], ["unit": .text("gongan")]], now: at("2026-04-01T10:00"))
        let (offender, first) = try rt.store.read { s in (try s.instance(ids[0])!, try s.instance(ids[1])!) }
        #expect(offender.timers == [.step(1): at("2026-04-01T10:00")])
        #expect(first.timers == [.step(0): at("2026-04-01T10:00")])
    }
}
