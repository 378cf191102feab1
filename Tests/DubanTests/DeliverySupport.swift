import DubanLanguage
import DubanModel
import Foundation

/// A Python oracle server (Oracles/*.py) run for one test: started on a free
/// port on 127.0.0.1, its log read back as JSON lines, stopped at the end.
final class OracleServer {
    let process = Process()
    let log: URL
    let port: Int

    init(_ script: String, in dir: URL, _ arguments: [String]) throws {
        log = dir.appendingPathComponent("\(script).log")
        let portFile = dir.appendingPathComponent("\(script).port")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Paths.tests.appendingPathComponent("Oracles/\(script).py").path,
                             "--port-file", portFile.path, "--log", log.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var port: Int?
        for _ in 0..<100 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let p = Int(text) { port = p; break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let port else { process.terminate(); throw OracleError(message: "\(script) did not start") }
        self.port = port
    }

    deinit {
        // SIGKILL: a child can inherit a mask that blocks SIGTERM from the test runner's thread.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Every logged record so far.
    var records: [[String: Any]] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

/// A project folder made by `duban init`, with units.yaml edited for a test.
struct DeliveryProject {
    let db: TempDatabase
    let dir: URL

    init(units edit: (String) -> String) throws {
        db = try TempDatabase()
        dir = db.dir.appendingPathComponent("office")
        _ = try Binary.run(["init", dir.path])
        let units = dir.appendingPathComponent("workflows/units.yaml")
        try edit(try String(contentsOf: units, encoding: .utf8)).write(to: units, atomically: false, encoding: .utf8)
    }

    /// Deployed on 1 April 2026 at 09:00, with one matter for chengguan started then (its assignment message queued).
    static func withMatter(_ units: (String) -> String) throws -> DeliveryProject {
        let p = try DeliveryProject(units: units)
        _ = try p.duban(["deploy", "--now", "2026-04-01T09:00"])
        _ = try p.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--now", "2026-04-01T09:00"])
        return p
    }

    /// Runs duban in the project with an environment of secrets.
    func duban(_ args: [String], env: [String: String] = [:]) throws -> Binary.Output {
        try Binary.run(args + ["--db", db.path], in: dir, environment: env)
    }

    /// Gives chengguan these channels (YAML flow items).
    static func chengguan(_ channels: String, top: String = "") -> (String) -> String {
        { units in
            units.replacingOccurrences(of: "units:\n  - id: chengguan", with: "\(top)units:\n  - id: chengguan")
                .replacingOccurrences(of: "    contact: { name: 孙浩, phone: \"13800000001\" }",
                                      with: "    contact: { name: 孙浩, phone: \"13800000001\" }\n    channels: [ \(channels) ]")
        }
    }
}
