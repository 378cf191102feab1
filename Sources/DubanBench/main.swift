import DubanLanguage
import DubanModel
import Foundation

// Benchmarks, run by benchmarks/runtime.sh and benchmarks/run.sh (not tests).
//   DubanBench runtime    [--instances N] [--due B] [--duban PATH] [--keep DIR] [--populate-only]
//   DubanBench escalation [--instances N] [--duban PATH] [--keep DIR] [--populate-only] [--in-process]
//                         [--db postgres://… --tickers K]
//   DubanBench ticks      (the escalation scenario's tick times, for the peers)
let scenario = CommandLine.arguments.count > 1 && !CommandLine.arguments[1].hasPrefix("-") ? CommandLine.arguments[1] : "runtime"
let duban = argument("--duban", ".build/release/duban")
let dir = argument("--keep", FileManager.default.temporaryDirectory.appendingPathComponent("duban-bench-\(getpid())").path)
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
switch scenario {
case "runtime":
    try runtimeScenario(duban: duban, total: Int(argument("--instances", "1000000"))!, due: Int(argument("--due", "100000"))!,
                        dir: dir, populateOnly: CommandLine.arguments.contains("--populate-only"))
case "ticks":
    // For the peers: the same tick times, comma-separated ISO 8601.
    let calendar = ProjectLoader.load([try read("benchmarks/workflows/cn-2026.yaml")]).project.calendar(named: "cn")
    print(escalationTicks(calendar: calendar).map { Zone.shanghai.iso($0) }.joined(separator: ","))
case "escalation":
    try escalationScenario(duban: duban, total: Int(argument("--instances", "1000"))!, dir: dir,
                           populateOnly: CommandLine.arguments.contains("--populate-only"),
                           inProcess: CommandLine.arguments.contains("--in-process"),
                           db: CommandLine.arguments.contains("--db") ? argument("--db", "") : nil, tickers: Int(argument("--tickers", "1"))!)
default:
    FileHandle.standardError.write(Data("unknown scenario '\(scenario)': runtime or escalation\n".utf8))
    exit(64)
}
if !CommandLine.arguments.contains("--keep") { try? FileManager.default.removeItem(atPath: dir) }
