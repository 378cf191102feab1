import DubanEngine
import DubanLanguage
import DubanModel
import Foundation

/// Paths of the repository and the test fixtures, found from this file.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let workflows = root.appendingPathComponent("workflows")
}

/// Every YAML file under the folders, read as the CLI reads them.
func sources(_ folders: [URL]) throws -> [SourceFile] {
    var out: [SourceFile] = []
    for folder in folders {
        if folder.pathExtension == "yaml" {
            out.append(SourceFile(path: folder.path, text: try String(contentsOf: folder, encoding: .utf8)))
            continue
        }
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL { if ["yaml", "yml"].contains(url.pathExtension) { files.append(url) } }
        for url in files.sorted(by: { $0.path < $1.path }) {
            out.append(SourceFile(path: url.path, text: try String(contentsOf: url, encoding: .utf8)))
        }
    }
    return out
}

/// Loads YAML text given inline, under made-up file names.
func load(_ files: [String: String]) -> LoadResult {
    ProjectLoader.load(files.keys.sorted().map { SourceFile(path: $0, text: files[$0]!) })
}

/// The shipped workflows, policies and calendars, plus extra inline files.
/// What `duban init` ships: the workflows and the sample units.yaml (whose
/// deciding bodies the referrals go to).
func shipped(plus files: [String: String] = [:]) throws -> LoadResult {
    let units = Paths.root.appendingPathComponent("examples/quickstart/units.yaml")
    return ProjectLoader.load(try sources([Paths.workflows, units]) + files.keys.sorted().map { SourceFile(path: $0, text: files[$0]!) })
}

let shanghai = Zone.shanghai

func at(_ text: String) -> Instant {
    guard let t = shanghai.parse(text) else { fatalError("bad time in a test: \(text)") }
    return t
}

func day(_ text: String) -> Day {
    guard let d = Day(iso: text) else { fatalError("bad date in a test: \(text)") }
    return d
}

/// Runs the real `duban` binary, built beside the test bundle.
enum Binary {
    static let url: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("duban")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Paths.root.appendingPathComponent(".build/debug/duban")
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `environment`: added to this process's own.
    /// `through`: a command line that runs the binary (`/usr/bin/time -f %M -o FILE`).
    /// `binary`: another copy of duban to run.
    /// `input`: what standard input reads (default: nothing).
    static func run(_ arguments: [String], in directory: URL = Paths.root, environment: [String: String] = [:],
                    through: [String] = [], binary: URL = url, input: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = through.first.map(URL.init(fileURLWithPath:)) ?? binary
        process.arguments = through.isEmpty ? arguments : Array(through.dropFirst()) + [binary.path] + arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("duban-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("out"), err = tmp.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let input {
            let file = tmp.appendingPathComponent("in")
            try input.write(to: file, atomically: false, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: file)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

/// Compares against a golden file; `DUBAN_UPDATE_GOLDEN=1` rewrites it instead
/// (then read the diff before committing it).
func golden(_ actual: String, _ file: URL) throws -> (expected: String, actual: String) {
    if ProcessInfo.processInfo.environment["DUBAN_UPDATE_GOLDEN"] == "1" {
        try actual.write(to: file, atomically: false, encoding: .utf8)
    }
    return (try String(contentsOf: file, encoding: .utf8), actual)
}

/// Runs python3 (a test oracle) from the repository root.
func python(_ args: [String]) throws -> Binary.Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + args
    process.currentDirectoryURL = Paths.root
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Binary.Output(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
