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
    @Test(arguments: StoreKind.available) func deployVersions(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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
    @Test(arguments: StoreKind.available) func deployBroken(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let before = try db.digest()
        let broken = SourceFile(path: "bad.yaml", text: "workflow: bad\nversion: 1\ninitial: x\nstates: { y: { final: true } }\n")
        #expect(throws: RuntimeError.self) { try rt.deploy([broken], now: at("2026-04-01T10:00")) }
        #expect(try db.digest() == before)
    }

    /// A running instance stays on its version when a new one is deployed.
    @Test(arguments: StoreKind.available) func instancesKeepTheirVersion(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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

    /// Each step's audit row lists its effects in order, as text escaped for
    /// JSON: a start, a set with quotes in it, a move, an escalation step with
    /// its clause and the reminder it sends.
    @Test(arguments: StoreKind.available) func auditDetailListsEffects(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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

    /// A CSV start is all or nothing, each bad row named by its row number.
    @Test(arguments: StoreKind.available) func startRows(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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
    @Test(arguments: StoreKind.available) func auditTampering(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("chain", rows: [[:], [:], [:]], now: at("2026-04-01T09:00"))
        _ = try rt.tick(now: at("2026-04-02T09:00"))
        #expect(try rt.verifyAudit().problems.isEmpty)
        #expect(try rt.verifyAudit().events == 9)
        // The database refuses edits of the trail outright…
        #expect(throws: (any Error).self) { try db.execute("UPDATE events SET actor = 'x' WHERE seq = 4") }
        // …so an attacker drops the guards first; verify still sees it.
        try db.dropAuditGuards()
        try db.execute("UPDATE events SET actor = 'someone' WHERE seq = 4")
        let edited = try rt.verifyAudit().problems
        #expect(edited == ["event 4 (instance 1, timer by someone) does not match its hash: it was edited"])
        let db2 = try TempDatabase(store)
        let rt2 = try db2.runtime()
        try rt2.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt2.start("chain", rows: [[:], [:], [:]], now: at("2026-04-01T09:00"))
        try db2.dropAuditGuards()
        try db2.execute("DELETE FROM events WHERE seq = 2")
        #expect(try rt2.verifyAudit().problems.first == "events 2…2 are missing: rows were deleted")
        try db2.execute("DELETE FROM events WHERE seq = 3")
        #expect(try rt2.verifyAudit().problems.contains("the trail ends at event 1 but its recorded head is event 3: rows were removed from the end"))
    }

    /// Refused events change nothing: not allowed, wrong actor, unknown instance, bad data.
    @Test(arguments: StoreKind.available) func refusals(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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
    @Test(arguments: StoreKind.available) func migrate(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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
    @Test(arguments: StoreKind.available) func guardReadsLedger(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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

    /// In one tick's batch, each step reads the unit's ledger as the steps
    /// before it in the batch left it (the batch keeps what it read and adds
    /// what it writes): three matters of one unit count 0, 1 and 2 strikes.
    @Test(arguments: Batching.allCases) func batchReadsItsOwnLedgerWrites(_ batching: Batching) throws {
        let db = try TempDatabase(batching.store)
        let rt = try db.runtime(batching.way)
        let tally = SourceFile(path: "tally.yaml", text: """
        workflow: tally
        version: 1
        calendar: weekdays
        inputs: { unit: { type: unit, required: true } }
        vars: { seen: { type: int } }
        initial: open
        states:
          open:
            after:
              - { in: 1h, do: [ { set: { seen: "unit.strikes(365d)" } }, { ledger: strike } ], goto: done }
          done: { final: true }
        """)
        try rt.deploy(try deployable() + [tally], now: at("2026-04-01T08:00"))
        let rows: [[String: Value]] = [["unit": .text("chengguan")], ["unit": .text("gongan")], ["unit": .text("chengguan")], ["unit": .text("chengguan")]]
        let ids = try rt.start("tally", rows: rows, now: at("2026-04-01T09:00"))
        #expect(try rt.tick(now: at("2026-04-01T10:30")).fired == 4)
        let seen = try rt.store.read { s in try ids.map { try s.instance($0)!.values["seen"] } }
        #expect(seen == [.int(0), .int(0), .int(1), .int(2)])
    }

    /// A repeat offender is recognised at start, when the initial state escalates.
    @Test(arguments: StoreKind.available) func repeatOffenderAtStart(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
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
