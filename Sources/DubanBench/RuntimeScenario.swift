import DubanModel
import DubanRuntime
import DubanStore
import Foundation

/// N instances stored, B of them with a timer due. On the real binary: an idle
/// tick over all N (whole command, and Runtime.tick alone), then the busy tick
/// firing B timers (transitions/s, peak RSS; three runs on copies, the median),
/// then `audit verify`.
func runtimeScenario(duban path: String, total: Int, due: Int, dir: String, populateOnly: Bool) throws {
    let zone = Zone.shanghai
    let t0 = zone.parse("2026-03-02T09:00")!, busyAt = zone.parse("2026-03-02T10:00")!, idleAt = zone.parse("2026-04-30T10:00")!
    let dbPath = dir + "/bench.sqlite"
    let (store, runtime) = try freshRuntime(dbPath, now: t0)
    print("populating \(total) instances (\(due) due at \(zone.short(busyAt)), the rest at \(zone.short(idleAt)))…")
    let rate = try populate(runtime, workflow: "bench", total: total, now: t0) { n in
        ["unit": .text(benchUnits[n % benchUnits.count]), "wait": .datetime(n < due ? busyAt : idleAt)]
    }
    print(String(format: "  started %d instances (%.0f starts/s)", total, rate))
    // What cron's ticks see: the last writer has closed and checkpointed.
    try (store as? SQLiteStore)?.checkpoint()
    // ...and the system has written it out, as it has long before the next cron tick.
    sync()
    if populateOnly { return }

    let duban = Duban(path: path, db: dbPath)
    let size = { (path: String) in Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1e6 }
    print(String(format: "  database %.0f MB", size(dbPath)))
    var idle: [Double] = []
    for _ in 0..<5 { idle.append(try duban.run(["tick", "--now", "2026-03-02T09:30"]).0) }
    var inProcess: [Double] = []
    for _ in 0..<20 {
        let s = seconds()
        _ = try runtime.tick(now: zone.parse("2026-03-02T09:30")!)
        inProcess.append(seconds() - s)
    }
    print("  idle ticks, each: " + idle.map { String(format: "%.1f ms", $0 * 1000) }.joined(separator: ", "))
    idle.sort(); inProcess.sort()
    print(String(format: "idle tick over %d instances: duban tick %.1f ms (median of 5, whole process); Runtime.tick %.2f ms (median of 20)",
                 total, idle[2] * 1000, inProcess[10] * 1000))
    // The busy tick, three times, each on its own copy of the populated database:
    // one run on this kind of machine can be a fifth off either way.
    let copy = dir + "/busy.sqlite"
    let busy = Duban(path: path, db: copy)
    var runs: [(seconds: Double, rss: Double)] = []
    for _ in 0..<3 {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try FileManager.default.copyItem(atPath: dbPath, toPath: copy)
        sync()
        let (seconds, rss, output) = try busy.run(["tick", "--now", "2026-03-02T10:00"])
        print("  " + output.trimmingCharacters(in: .whitespacesAndNewlines) + String(format: " (%.2f s)", seconds))
        runs.append((seconds, rss))
    }
    let median = runs.map(\.seconds).sorted()[1]
    let each = runs.map { String(format: "%.0f/s", Double(due) / $0.seconds) }.joined(separator: ", ")
    print(String(format: "busy tick: %d transitions in %.2f s (median of 3: ", due, median) + each
          + String(format: ") = %.0f transitions/s; peak RSS %.0f MB; database %.0f MB", Double(due) / median, runs.map(\.rss).max()!, size(copy)))
    let verify = try busy.run(["audit", "verify"])
    print("  " + verify.2.trimmingCharacters(in: .whitespacesAndNewlines) + String(format: " (%.1f s)", verify.0))
}
