import DubanModel
import DubanRuntime
import DubanStore
import Foundation

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return fallback }
    return args[i + 1]
}

func seconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func read(_ path: String) throws -> SourceFile { SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8)) }

/// The `duban` binary under test, and the database it is pointed at.
struct Duban {
    let path: String
    let db: String

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
        let command = (timed ? ["/usr/bin/time", "-f", "%M", "-o", rssFile] : []) + [path] + args + ["--db", db]
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

    /// Runs `count` copies of `duban` at once (tickers on one database) and
    /// returns (wall seconds until the last ends, the largest peak RSS in MB,
    /// the timers they fired together).
    func runTogether(_ args: [String], count: Int) throws -> (Double, Double, Int) {
        let start = seconds()
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("duban-bench-\(getpid())").path
        let outs = (0..<count).map { "\(base)-\($0).out" }
        var pids: [pid_t] = []
        for out in outs {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            // Through GNU time, as `run`: a child of this large process would report its high-water mark.
            let command = ["/usr/bin/time", "-f", "%M", "-o", out + ".rss", path] + args + ["--db", db]
            let argv = command.map { strdup($0) } + [nil]
            var pid: pid_t = 0
            guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else { fatalError("cannot run \(command[0])") }
            argv.forEach { free($0) }
            posix_spawn_file_actions_destroy(&actions)
            pids.append(pid)
        }
        for pid in pids {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        let wall = seconds() - start
        var peak = 0.0, fired = 0
        for out in outs {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            fired += Int(text.split(separator: " ").drop { $0 != "fired" }.dropFirst().first ?? "0") ?? 0
            let kb = (try? String(contentsOfFile: out + ".rss", encoding: .utf8)).flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            peak = max(peak, (kb ?? 0) / 1024)
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: out + ".rss")
        }
        return (wall, peak, fired)
    }
}

/// A fresh database with the benchmark workflows and 20 units deployed:
/// an SQLite file made anew, or an empty PostgreSQL database given by URL.
func freshRuntime(_ dbPath: String, now: Instant) throws -> (any Store, Runtime) {
    if case .sqlite(let file) = StoreLocation(dbPath) { try? FileManager.default.removeItem(atPath: file) }
    let store = try StoreLocation(dbPath).open(.create)
    let runtime = Runtime(store: store)
    let unitsYAML = "units:\n" + benchUnits.map { "  - { id: \($0), name: 单位\($0), head: 局长\($0), contact: { name: 联络员\($0) } }" }.joined(separator: "\n") + "\n"
    let files = try FileManager.default.contentsOfDirectory(atPath: "benchmarks/workflows").sorted().filter { $0.hasSuffix(".yaml") }
    _ = try runtime.deploy(try files.map { try read("benchmarks/workflows/\($0)") } + [SourceFile(path: "units.yaml", text: unitsYAML)], now: now)
    return (store, runtime)
}

let benchUnits = (1...20).map { "u\($0)" }

/// Starts `total` instances in chunks of 50,000; returns starts per second.
func populate(_ runtime: Runtime, workflow: String, total: Int, now: Instant, row: (Int) -> [String: Value]) throws -> Double {
    let start = seconds()
    var made = 0
    while made < total {
        let chunk = min(50_000, total - made)
        _ = try runtime.start(workflow, rows: (made..<made + chunk).map(row), now: now)
        made += chunk
    }
    return Double(total) / (seconds() - start)
}
