import DubanModel
import DubanRuntime
import DubanStore
import Foundation

// Runtime benchmark: N instances stored (default 1,000,000), of which B
// (default 100,000) have a timer due. Measures, on the real `duban` binary:
//   - an idle tick (nothing due) over all N: wall time of the whole command,
//     and of Runtime.tick alone;
//   - the busy tick firing B timers: transitions per second and peak RSS.
// Usage: DubanBench [--instances N] [--due B] [--duban PATH] [--keep DIR] [--populate-only]

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return fallback }
    return args[i + 1]
}

let total = Int(argument("--instances", "1000000"))!
let due = Int(argument("--due", "100000"))!
let duban = argument("--duban", ".build/release/duban")
let dir = argument("--keep", FileManager.default.temporaryDirectory.appendingPathComponent("duban-bench-\(getpid())").path)
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let dbPath = dir + "/bench.sqlite"
try? FileManager.default.removeItem(atPath: dbPath)

func seconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func read(_ path: String) throws -> SourceFile { SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8)) }

let zone = Zone.shanghai
let t0 = zone.parse("2026-03-02T09:00")!
let busyAt = zone.parse("2026-03-02T10:00")!
let idleAt = zone.parse("2026-04-30T10:00")!

let store = try SQLiteStore(path: dbPath)
let runtime = Runtime(store: store)
let units = (1...20).map { "u\($0)" }
let unitsYAML = "units:\n" + units.map { "  - { id: \($0), name: 单位\($0), contact: { name: 联络员\($0) } }" }.joined(separator: "\n") + "\n"
_ = try runtime.deploy([try read("benchmarks/workflows/bench.yaml"), SourceFile(path: "units.yaml", text: unitsYAML)], now: t0)

print("populating \(total) instances (\(due) due at \(zone.short(busyAt)), the rest at \(zone.short(idleAt)))…")
let fillStart = seconds()
var made = 0
while made < total {
    let chunk = min(50_000, total - made)
    let rows: [[String: Value]] = (0..<chunk).map { i in
        let n = made + i
        return ["unit": .text(units[n % units.count]), "wait": .datetime(n < due ? busyAt : idleAt)]
    }
    _ = try runtime.start("bench", rows: rows, now: t0)
    made += chunk
}
let fillSeconds = seconds() - fillStart
print(String(format: "  started %d instances in %.1f s (%.0f starts/s)", total, fillSeconds, Double(total) / fillSeconds))

/// Runs `duban` and returns (wall seconds, its peak RSS in MB, stdout). Spawned and
/// reaped directly: Foundation's Process polls for exit in ~50 ms steps on Linux,
/// which would swamp a 10 ms command. The peak RSS comes from GNU time, which
/// forks: a child spawned straight from this large process would inherit its
/// high-water mark across exec.
func run(_ args: [String]) throws -> (Double, Double, String) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("duban-bench-\(getpid())").path
    let (out, rssFile) = (base + ".out", base + ".rss")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let timed = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
    let command = (timed ? ["/usr/bin/time", "-f", "%M", "-o", rssFile] : []) + [duban] + args + ["--db", dbPath]
    let argv = command.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = seconds()
    guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else { fatalError("cannot run \(command[0])") }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = seconds() - start
    let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    let kb = (try? String(contentsOfFile: rssFile, encoding: .utf8)).flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    try? FileManager.default.removeItem(atPath: out)
    try? FileManager.default.removeItem(atPath: rssFile)
    return (wall, (kb ?? Double(usage.ru_maxrss)) / 1024, text)
}

// What cron's ticks see: the last writer has closed and checkpointed.
try store.checkpoint()
if CommandLine.arguments.contains("--populate-only") { exit(0) }

let size = { (try? FileManager.default.attributesOfItem(atPath: dbPath)[.size] as? Int) ?? 0 }
print(String(format: "  database %.0f MB", Double(size()) / 1e6))

// Idle: nothing due before busyAt.
var idle: [Double] = []
for _ in 0..<5 { idle.append(try run(["tick", "--now", "2026-03-02T09:30"]).0) }
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

// Busy: B timers due.
let (busySeconds, rss, output) = try run(["tick", "--now", "2026-03-02T10:00"])
print("  " + output.trimmingCharacters(in: .whitespacesAndNewlines))
print(String(format: "busy tick: %d transitions in %.2f s = %.0f transitions/s; peak RSS %.0f MB; database %.0f MB",
             due, busySeconds, Double(due) / busySeconds, rss, Double(size()) / 1e6))
let verify = try run(["audit", "verify"])
print("  " + verify.2.trimmingCharacters(in: .whitespacesAndNewlines) + String(format: " (%.1f s)", verify.0))
if CommandLine.arguments.contains("--keep") == false { try? FileManager.default.removeItem(atPath: dir) }
