import DubanModel
import DubanRuntime
import Foundation

/// N instances stored, B of them with a timer due. On the real binary: an idle
/// tick over all N (whole command, and Runtime.tick alone), then the busy tick
/// firing B timers (transitions/s, peak RSS), then `audit verify`.
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
    try store.checkpoint()
    // ...and the system has written it out, as it has long before the next cron tick.
    sync()
    if populateOnly { return }

    let duban = Duban(path: path, db: dbPath)
    let size = { Double((try? FileManager.default.attributesOfItem(atPath: dbPath)[.size] as? Int) ?? 0) / 1e6 }
    print(String(format: "  database %.0f MB", size()))
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
    let (busySeconds, rss, output) = try duban.run(["tick", "--now", "2026-03-02T10:00"])
    print("  " + output.trimmingCharacters(in: .whitespacesAndNewlines))
    print(String(format: "busy tick: %d transitions in %.2f s = %.0f transitions/s; peak RSS %.0f MB; database %.0f MB",
                 due, busySeconds, Double(due) / busySeconds, rss, size()))
    let verify = try duban.run(["audit", "verify"])
    print("  " + verify.2.trimmingCharacters(in: .whitespacesAndNewlines) + String(format: " (%.1f s)", verify.0))
}
