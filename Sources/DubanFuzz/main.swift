import DubanLanguage
import DubanModel
import Foundation

// The fuzzing harness (not a test by itself; `FuzzTests` runs it bounded):
//   DubanFuzz [--count N] [--seed S] [--seconds T] [--memory-mb M] [--out DIR]
//   DubanFuzz --replay DIR        every file in DIR, as it is
// Mutates the shipped workflows, units, calendars, play and event scripts and
// CSV files and reads each through the loader, validator and CSV reader. An
// input that crashes, takes longer than T seconds or pushes memory past M MB
// is written to DIR (a crash as crash.<ext>) and the run exits non-zero.

func option(_ name: String, _ fallback: String) -> String {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return fallback }
    return CommandLine.arguments[i + 1]
}

let out = option("--out", FileManager.default.temporaryDirectory.appendingPathComponent("duban-fuzz").path)
try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

/// The seed files, as the loader would be given them.
let seedPaths = ["workflows", "examples", "Tests/DubanTests/Fixtures/simulations"].flatMap { folder -> [String] in
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".csv") }.map { "\(folder)/\($0)" }
}.sorted()
let seeds = seedPaths.map { ($0, Array(FileManager.default.contents(atPath: $0) ?? Data())) }
let context = seeds.filter { $0.0.hasPrefix("workflows/") && $0.0.hasSuffix(".yaml") }
    .map { SourceFile(path: $0.0, text: String(decoding: $0.1, as: UTF8.self)) }

if let replay = CommandLine.arguments.firstIndex(of: "--replay").map({ CommandLine.arguments[$0 + 1] }) {
    let files = (try FileManager.default.contentsOfDirectory(atPath: replay)).sorted()
    for file in files where !file.hasPrefix(".") {
        let bytes = Array(FileManager.default.contents(atPath: "\(replay)/\(file)") ?? Data())
        Harness.run(bytes, as: Harness.Kind(path: file), path: file, context: context)
    }
    print("replayed \(files.count) inputs: none crashed")
    exit(0)
}

let count = Int(option("--count", "20000"))!
let seed = UInt64(option("--seed", "1"))!
let limit = Double(option("--seconds", "10"))!
let memory = Int(option("--memory-mb", "1024"))!
guard !seeds.isEmpty else {
    FileHandle.standardError.write(Data("no seed files: run from the project's folder\n".utf8))
    exit(66)
}
CrashCatcher.install(writingTo: "\(out)/crash.input")

/// The input in hand and when it started, for the watchdog.
final class Progress: @unchecked Sendable {
    let lock = NSLock()
    var started = Date()
    var current: (path: String, bytes: [UInt8]) = ("", [])
}
let progress = Progress()
let watchdog = Thread {
    while true {
        Thread.sleep(forTimeInterval: 0.5)
        progress.lock.lock()
        let (elapsed, current) = (Date().timeIntervalSince(progress.started), progress.current)
        progress.lock.unlock()
        if elapsed > limit {
            let file = "\(out)/hang-\(SHA256.hex(current.bytes.map { String($0) }.joined()).prefix(12))\((current.path as NSString).pathExtension.isEmpty ? "" : "." + (current.path as NSString).pathExtension)"
            FileManager.default.createFile(atPath: file, contents: Data(current.bytes))
            FileHandle.standardError.write(Data("an input derived from \(current.path) ran over \(Int(limit)) s; kept as \(file)\n".utf8))
            exit(70)
        }
    }
}
watchdog.start()

var mutator = Mutator(seed: seed)
let start = Date()
for n in 1...count {
    let (path, original) = seeds[mutator.random.below(seeds.count)]
    let input = mutator.mutate(original)
    CrashCatcher.hold(input)
    progress.lock.lock()
    progress.started = Date()
    progress.current = (path, input)
    progress.lock.unlock()
    Harness.run(input, as: Harness.Kind(path: path), path: path, context: path.hasPrefix("workflows/") && n % 10 == 0 ? context : [])
    let rss = Harness.residentMB()
    if rss > memory {
        let file = "\(out)/memory-\(n)\((path as NSString).pathExtension.isEmpty ? "" : "." + (path as NSString).pathExtension)"
        FileManager.default.createFile(atPath: file, contents: Data(input))
        FileHandle.standardError.write(Data("input \(n) (from \(path)) took memory to \(rss) MB; kept as \(file)\n".utf8))
        exit(70)
    }
    if n % 10_000 == 0 { FileHandle.standardError.write(Data("\(n) inputs, \(Int(Date().timeIntervalSince(start))) s, \(rss) MB\n".utf8)) }
}
print("\(count) inputs (seed \(seed), \(seeds.count) seed files) in \(Int(Date().timeIntervalSince(start))) s: no crash, no hang over \(Int(limit)) s, memory under \(memory) MB")
