import Foundation
import Testing

/// The real binary under the failures cron and clerks cause: killed mid-tick,
/// overlapping ticks, and refused commands.
@Suite("Reliability", .serialized)
struct ReliabilityTests {
    let db: TempDatabase

    init() throws { db = try TempDatabase() }

    func duban(_ args: [String]) throws -> Binary.Output {
        try Binary.run(args + ["--db", db.path])
    }

    /// Deploys the two-timer `chain` workflow and starts `n` instances from a CSV file.
    func populate(_ n: Int) throws {
        #expect(try duban(["deploy", "Tests/DubanTests/Fixtures/runtime/chain.yaml", "--now", "2026-04-01T08:00"]).status == 0)
        let csv = db.dir.appendingPathComponent("rows.csv")
        try ("n\n" + String(repeating: "0\n", count: n)).write(to: csv, atomically: false, encoding: .utf8)
        let started = try duban(["start", "chain", "--inputs", csv.path, "--now", "2026-04-01T09:00"])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.split(separator: "\n").count == n)
    }

    /// Every instance went a → b → c with exactly two timer steps; nothing is left; the trail verifies.
    func expectExactlyOnce(_ n: Int) throws {
        #expect(try db.count("SELECT COUNT(*) FROM events WHERE kind = 'timer'") == 2 * n)
        #expect(try db.count("SELECT COUNT(*) FROM (SELECT instance FROM events WHERE kind = 'timer' GROUP BY instance HAVING COUNT(*) <> 2)") == 0)
        #expect(try db.count("SELECT COUNT(*) FROM instances WHERE finished = 1 AND state = 'c' AND \"values\" = '{\"n\":{\"int\":1}}'") == n)
        #expect(try db.count("SELECT COUNT(*) FROM timers") == 0)
        let verify = try duban(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("audit trail intact: \(3 * n) events"))
    }

    /// A tick killed with SIGKILL at several moments, then run again, fires every due timer exactly once.
    @Test func killedTick() throws {
        let n = 12_000
        try populate(n)
        var progress: [Int] = []
        for delay in [0.4, 0.7, 1.0, 1.3] {
            let p = Process()
            p.executableURL = Binary.url
            p.arguments = ["tick", "--db", db.path, "--now", "2026-04-02T09:00", "--batch", "40"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            progress.append(try db.count("SELECT COUNT(*) FROM events WHERE kind = 'timer'"))
        }
        // The kills landed mid-tick: some work done, not all of it.
        #expect(progress.contains { $0 > 0 && $0 < 2 * n }, "progress after each kill: \(progress)")
        let last = try duban(["tick", "--now", "2026-04-02T09:00"])
        #expect(last.status == 0)
        try expectExactlyOnce(n)
    }

    /// Two ticks started together fire nothing twice.
    @Test func overlappingTicks() throws {
        let n = 4_000
        try populate(n)
        let ticks = (0..<2).map { _ -> Process in
            let p = Process()
            p.executableURL = Binary.url
            p.arguments = ["tick", "--db", db.path, "--now", "2026-04-02T09:00", "--batch", "25"]
            p.standardOutput = FileHandle.nullDevice
            return p
        }
        for p in ticks { try p.run() }
        for p in ticks { p.waitUntilExit() }
        #expect(ticks.allSatisfy { $0.terminationStatus == 0 })
        try expectExactlyOnce(n)
    }

    /// Each refused command exits non-zero with a message and leaves the database byte-for-byte as it was.
    @Test func refusedCommandsChangeNothing() throws {
        #expect(try duban(["deploy", "workflows", "examples/quickstart", "--now", "2026-04-01T08:00"]).status == 0)
        let id = try duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--now", "2026-04-01T09:00"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try db.digest()
        let badCSV = db.dir.appendingPathComponent("bad.csv")
        try "unit,problem\nchengguan,a\ngongan\nnobody,c\n".write(to: badCSV, atomically: false, encoding: .utf8)
        let badWorkflow = db.dir.appendingPathComponent("bad.yaml")
        try "workflow: bad\nversion: 1\ninitial: start\nstates:\n  start: { on: { go: nowhere } }\n".write(to: badWorkflow, atomically: false, encoding: .utf8)
        let cases: [([String], String)] = [
            (["signal", "999", "acknowledge", "--actor", "chengguan"], "no instance '999'"),
            (["signal", id, "report", "--actor", "chengguan"], "'report' is not allowed in state 'assigned'; allowed now: acknowledge, return, cancel"),
            (["signal", id, "acknowledge", "--actor", "gongan"], "'gongan' may not send 'acknowledge'"),
            (["start", "rectification", "--inputs", badCSV.path], "bad.csv:3: error: 1 field, the header has 2"),
            (["start", "rectification", "--input", "unit=chengguan"], "the required input 'problem' is missing"),
            (["start", "rectifcation", "--input", "unit=chengguan"], "no workflow 'rectifcation' is deployed (did you mean 'rectification'?)"),
            (["deploy", badWorkflow.path], "state 'nowhere' is not defined"),
        ]
        for (args, message) in cases {
            let r = try duban(args + ["--now", "2026-04-02T09:00"])
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(try db.digest() == before, "\(args) changed the database")
        }
    }
}
