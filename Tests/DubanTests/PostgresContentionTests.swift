import DubanEngine
import DubanModel
@testable import DubanRuntime
@testable import DubanStore
import Foundation
import Testing

/// Several processes on one PostgreSQL database at once.
@Suite("PostgreSQL under contention", .serialized)
struct PostgresContentionTests {
    static let instances = 20_000
    static let now = "2026-04-01T12:30"

    /// Four `duban tick` processes and signals from this one at the same time,
    /// over 20,000 instances with 60,000 timers due; one ticker is killed with
    /// SIGKILL mid-batch and another started in its place. Every timer fired
    /// exactly once, each instance's in due order (n reads 1, 2, 3 with the
    /// signals' 9s between), every accepted signal counted once, one reminder
    /// per instance with a key of its own, and the audit trail verifies.
    @Test func exactlyOnceUnderContention() throws {
        guard StoreKind.available.contains(.postgres) else { return }
        let db = try TempDatabase(.postgres)
        let rt = try db.runtime()
        let contend = try sources([Paths.fixtures.appendingPathComponent("contention")])
        try rt.deploy(try deployable() + contend, now: at("2026-04-01T09:00"))
        let ids = try rt.start("contend", rows: Array(repeating: [:], count: Self.instances), now: at("2026-04-01T09:00"))

        var tickers = try (0..<4).map { _ in try Self.tick(db.path) }
        var killedAt: Int?
        /// Once the tickers are well under way, the first dies without a word and another takes its place.
        func killOnceUnderWay() throws {
            guard killedAt == nil else { return }
            let fired = try db.count("SELECT count(*) FROM events WHERE kind = 'timer'")
            guard fired >= 3_000 else { return }
            kill(tickers[0].processIdentifier, SIGKILL)
            tickers[0].waitUntilExit()
            killedAt = fired
            tickers.append(try Self.tick(db.path))
        }
        // Signals meanwhile, each to an instance the tickers may hold.
        var accepted: [String: Int] = [:]
        var generator = SeededGenerator(seed: 7)
        for (n, id) in ids.shuffled(using: &generator).prefix(150).enumerated() {
            if (try? rt.signal(id, Event(name: "poke", actor: "office"), now: at(Self.now))) != nil { accepted[id, default: 0] += 1 }
            if n % 5 == 0 { try killOnceUnderWay() }
        }
        while killedAt == nil && tickers[0].isRunning {
            Thread.sleep(forTimeInterval: 0.02)
            try killOnceUnderWay()
        }
        for t in tickers { t.waitUntilExit() }
        #expect(killedAt.map { $0 < 3 * Self.instances } == true, "the ticker was killed after the run had ended: \(String(describing: killedAt))")
        #expect(tickers.dropFirst().allSatisfy { $0.terminationStatus == 0 })
        // Whatever the killed ticker held is due again, and fires now.
        _ = try rt.tick(now: at(Self.now))

        #expect(try db.count("SELECT count(*) FROM events WHERE kind = 'timer'") == 3 * Self.instances)
        #expect(try db.count("SELECT count(*) FROM timers") == 0)
        #expect(try db.count("SELECT count(*) FROM instances WHERE state = 'b' AND finished = 1") == Self.instances)
        var misordered: [String] = []
        var nines = 0
        for instance in try rt.store.read({ try $0.instances(InstanceFilter(workflow: "contend")) }) {
            guard case .int(let n)? = instance.values["n"] else { misordered.append(instance.id); continue }
            let digits = String(n)
            nines += digits.filter { $0 == "9" }.count
            if digits.filter({ $0 != "9" }) != "123" || digits.filter({ $0 == "9" }).count != accepted[instance.id, default: 0] {
                misordered.append("\(instance.id): \(n)")
            }
        }
        #expect(misordered.isEmpty, "instances whose timers fired out of order, twice or not at all: \(misordered.prefix(10))")
        #expect(nines == accepted.values.reduce(0, +) && nines > 0)
        #expect(try db.count("SELECT count(*) FROM outbox") == Self.instances)
        #expect(try db.count("SELECT count(DISTINCT key) FROM outbox") == Self.instances)
        let verify = try rt.verifyAudit()
        #expect(verify.problems.isEmpty && verify.orphans.isEmpty)
    }

    /// Tickers take turns to claim: while another holds the claim lock (it
    /// has claimed a batch and waits for the audit head), a tick waits rather
    /// than look past that batch for one of its own, and fires once the lock
    /// is let go.
    @Test func tickWaitsForItsTurnToClaim() throws {
        guard StoreKind.available.contains(.postgres) else { return }
        let db = try TempDatabase(.postgres)
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("chain", rows: Array(repeating: [:], count: 5), now: at("2026-04-01T09:00"))
        let holder = try TestPostgres.hold(.claim, url: db.path)
        let fired = Locked<Int?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let report = try? rt.tick(now: at("2026-04-01T10:30"))
            fired.mutate { $0 = report?.fired ?? -1 }
            done.signal()
        }
        let early = done.wait(timeout: .now() + 0.5)
        #expect(early == .timedOut, "the tick did not wait for the claim lock")
        #expect(try db.count("SELECT count(*) FROM events WHERE kind = 'timer'") == 0)
        try holder.query("SELECT pg_advisory_unlock_all()", [])
        if early == .timedOut { #expect(done.wait(timeout: .now() + 30) == .success) }
        let timers = try db.count("SELECT count(*) FROM events WHERE kind = 'timer'")
        #expect(timers >= 5 && fired.value == timers)
    }

    static func tick(_ url: String) throws -> Process {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["tick", "--db", url, "--now", now, "--batch", "200"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }
}

/// A repeatable shuffle.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 11 ^ state
    }
}
