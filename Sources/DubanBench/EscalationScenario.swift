import DubanModel
import DubanRuntime
import DubanStore
import Foundation

/// The comparison scenario: N instances of `escalation` started together,
/// then `duban tick` run as cron would (09:30, 12:00, 18:30 on each of 30
/// workdays). Prints one JSON line of metrics; with `populateOnly`, the
/// database's path and the tick times instead, the database kept. With
/// `inProcess`, the ticks run as `duban serve`'s ticker runs them: on the
/// one runtime the process holds open (engine "duban-serve"). With `db`, an
/// empty PostgreSQL database's URL, on it, each tick run by `tickers`
/// processes at once (engine "duban-pg-K").
func escalationScenario(duban path: String, total: Int, dir: String, populateOnly: Bool, inProcess: Bool = false,
                        db: String? = nil, tickers: Int = 1) throws {
    let zone = Zone.shanghai
    let t0 = zone.parse("2026-03-02T09:00")!
    let dbPath = db ?? dir + "/escalation.sqlite"
    let engine = db != nil ? "duban-pg-\(tickers)" : inProcess ? "duban-serve" : "duban"
    let (store, runtime) = try freshRuntime(dbPath, now: t0)
    let startRate = try populate(runtime, workflow: "escalation", total: total, now: t0) { n in
        ["unit": .text(benchUnits[n % benchUnits.count])]
    }
    try (store as? SQLiteStore)?.checkpoint()
    // Ticks start with the populated data on disk, as cron's do.
    sync()
    let ticks = escalationTicks(calendar: try runtime.definitions().project.calendar(named: "cn"))
    if populateOnly {
        // For timing single ticks by hand: the database stays, the tick times are listed.
        print(dbPath)
        print(ticks.map { zone.iso($0) }.joined(separator: " "))
        return
    }
    let duban = Duban(path: path, db: dbPath)
    var times: [Double] = [], idle: [Double] = [], busyTimes: [Double] = []
    var fired = 0, peak = 0.0
    for t in ticks {
        let wall: Double, rss: Double, n: Int
        if inProcess {
            let start = DispatchTime.now().uptimeNanoseconds
            n = try runtime.tick(now: t).fired
            wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            rss = Double(usage.ru_maxrss) / 1024
        } else if db != nil {
            (wall, rss, n) = try duban.runTogether(["tick", "--now", zone.iso(t)], count: tickers)
        } else {
            let out: String
            (wall, rss, out) = try duban.run(["tick", "--now", zone.iso(t)])
            n = Int(out.split(separator: " ").drop { $0 != "fired" }.dropFirst().first ?? "0") ?? 0
        }
        fired += n
        times.append(wall)
        if n == 0 { idle.append(wall) } else { busyTimes.append(wall) }
        peak = max(peak, rss)
        if n > 0 {
            FileHandle.standardError.write(String(format: "  %@: fired %d in %.2f s, peak RSS %.1f MB\n", zone.iso(t), n, wall, rss).data(using: .utf8)!)
        }
    }
    let whole = times.reduce(0, +)
    times.sort(); idle.sort()
    func pct(_ a: [Double], _ p: Double) -> Double { a.isEmpty ? 0 : a[min(a.count - 1, Int(Double(a.count) * p))] * 1000 }
    // Each cron tick is a process; its fixed cost is an idle tick's. Net
    // throughput takes that out, to compare with peers measured in-process.
    // In-process ticks have no such cost to take out.
    let net = max(1e-6, busyTimes.reduce(0, +) - (inProcess ? 0 : Double(busyTimes.count) * pct(idle, 0.5) / 1000))
    let size = Double((try? FileManager.default.attributesOfItem(atPath: dbPath)[.size] as? Int) ?? 0) / 1e6
    print(String(format: #"{"engine":"%@","n":%d,"start_per_s":%.0f,"transitions":%d,"seconds":%.3f,"transitions_per_s":%.0f,"whole_run_per_s":%.0f,"busy_ticks":%d,"tick_p50_ms":%.2f,"tick_p99_ms":%.2f,"idle_tick_ms":%.2f,"peak_rss_mb":%.1f,"db_mb":%.1f}"#,
                 engine, total, startRate, fired, net, Double(fired) / net, Double(fired) / whole, busyTimes.count, pct(times, 0.5), pct(times, 0.99), pct(idle, 0.5), peak, size))
    try? FileManager.default.removeItem(atPath: dbPath)
}

/// The cron ticks of the scenario: 09:30, 12:00 and 18:30 on 30 workdays from 2026-03-02.
func escalationTicks(calendar: BusinessCalendar) -> [Instant] {
    let zone = Zone.shanghai
    var ticks: [Instant] = []
    var day = Day(year: 2026, month: 3, day: 2)
    while ticks.count < 90 {
        if calendar.isWorkday(day) {
            for (h, m) in [(9, 30), (12, 0), (18, 30)] { ticks.append(zone.instant(LocalDateTime(day: day, hour: h, minute: m))) }
        }
        day = day.adding(days: 1)
    }
    return ticks
}
