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

let runtime = Runtime(store: try SQLiteStore(path: dbPath))
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

/// Runs `duban` and returns (wall seconds, the largest peak RSS of any child so far in MB, stdout).
func run(_ args: [String]) throws -> (Double, Double, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: duban)
    p.arguments = args + ["--db", dbPath]
    let pipe = Pipe()
    p.standardOutput = pipe
    let start = seconds()
    try p.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    // Foundation reaps the child itself; the children's high-water mark is ours to read.
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return (seconds() - start, Double(usage.ru_maxrss) / 1024, String(decoding: out, as: UTF8.self))
}

if CommandLine.arguments.contains("--populate-only") { exit(0) }

let size = { (try? FileManager.default.attributesOfItem(atPath: dbPath)[.size] as? Int) ?? 0 }
print(String(format: "  database %.0f MB", Double(size() ?? 0) / 1e6))

// Idle: nothing due before busyAt.
var idle: [Double] = []
for _ in 0..<5 { idle.append(try run(["tick", "--now", "2026-03-02T09:30"]).0) }
var inProcess: [Double] = []
for _ in 0..<20 {
    let s = seconds()
    _ = try runtime.tick(now: zone.parse("2026-03-02T09:30")!)
    inProcess.append(seconds() - s)
}
idle.sort(); inProcess.sort()
print(String(format: "idle tick over %d instances: duban tick %.1f ms (median of 5, whole process); Runtime.tick %.2f ms (median of 20)",
             total, idle[2] * 1000, inProcess[10] * 1000))

// Busy: B timers due.
let (busySeconds, rss, output) = try run(["tick", "--now", "2026-03-02T10:00"])
print("  " + output.trimmingCharacters(in: .whitespacesAndNewlines))
print(String(format: "busy tick: %d transitions in %.2f s = %.0f transitions/s; peak RSS %.0f MB; database %.0f MB",
             due, busySeconds, Double(due) / busySeconds, rss, Double(size() ?? 0) / 1e6))
let verify = try run(["audit", "verify"])
print("  " + verify.2.trimmingCharacters(in: .whitespacesAndNewlines) + String(format: " (%.1f s)", verify.0))
if CommandLine.arguments.contains("--keep") == false { try? FileManager.default.removeItem(atPath: dir) }
