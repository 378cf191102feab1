import DubanLanguage
import Foundation
import Testing

/// End-to-end: the real `duban` binary, as a clerk or an admin runs it.
@Suite("duban command line")
struct CLITests {
    /// The help teaches: subcommands listed, validate's exit statuses explained.
    @Test func help() throws {
        let top = try Binary.run(["--help"])
        #expect(top.status == 0)
        for word in ["validate", "graph", "simulate", "calendar", "schema"] { #expect(top.stdout.contains(word)) }
        let validate = try Binary.run(["validate", "--help"])
        #expect(validate.stdout.replacingOccurrences(of: "\n", with: " ").contains("65 when there is any error"))
    }

    /// `--version` answers with the release number alone, as a clerk checking an install expects.
    @Test func version() throws {
        let r = try Binary.run(["--version"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+\n$"#, options: .regularExpression) != nil, "\(r.stdout)")
    }

    /// The shipped workflows validate clean, with a one-line summary.
    @Test func validateShipped() throws {
        let r = try Binary.run(["validate", "workflows", "examples/quickstart"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("ok: 16 files (7 workflows, 3 policies, 3 units, calendars cn-2024, cn-2025, cn-2026)"))
        #expect(r.stderr.isEmpty)
    }

    /// Every mistake is reported as FILE:LINE:COL with the line and a caret; exit 65; nothing written.
    @Test func validateMistakes() throws {
        let dir = "Tests/DubanTests/Fixtures/validation/many-mistakes"
        let before = try FileManager.default.contentsOfDirectory(atPath: Paths.root.appendingPathComponent(dir).path).sorted()
        let r = try Binary.run(["validate", dir])
        #expect(r.status == 65)
        #expect(r.stderr.contains("""
        \(dir)/broken.yaml:17:20: error: state 'rectifyng' is not defined (did you mean 'rectifying'?); the states are assigned, rectifying, overdue, reviewing, limbo, closed
              acknowledge: rectifyng
                           ^
        """))
        #expect(r.stderr.contains("22 errors: nothing was done"))
        #expect(r.stdout.isEmpty)
        let after = try FileManager.default.contentsOfDirectory(atPath: Paths.root.appendingPathComponent(dir).path).sorted()
        #expect(before == after)
    }

    /// A path that does not exist is a usage error, named.
    @Test func validateMissingPath() throws {
        let r = try Binary.run(["validate", "no/such/dir"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("no such file or folder: no/such/dir"))
    }

    /// The JSON Schema is valid JSON and an independent validator (Python jsonschema, reading
    /// YAML 1.2 style) accepts every shipped file and rejects a misspelt key.
    @Test func schema() throws {
        let r = try Binary.run(["schema"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["definitions"] != nil)
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("duban-schema-\(UUID().uuidString).json")
        try r.stdout.write(to: tmp, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let oracle = Paths.tests.appendingPathComponent("Oracles/check_schema.py").path
        let good = try python([oracle, tmp.path, "workflows", "examples/quickstart/units.yaml"])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("valid: 15"))
        let bad = try python([oracle, tmp.path, "Tests/DubanTests/Fixtures/validation/many-mistakes/broken.yaml"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("tranistions"))
    }


    /// graph draws states, events, timers and the ladder, in both formats; an unknown workflow is named.
    @Test func graph() throws {
        let mermaid = try Binary.run(["graph", "rectification"])
        #expect(mermaid.status == 0)
        #expect(mermaid.stdout.contains("stateDiagram-v2"))
        #expect(mermaid.stdout.contains("rectifying --> overdue: ⏱ at deadline"))
        #expect(mermaid.stdout.contains("note right of overdue: escalate accountability∶ 提醒 +0wd → 督办 +2wd"))
        let dot = try Binary.run(["graph", "workflows/interview.yaml", "--format", "dot"])
        #expect(dot.stdout.contains("\"noticed\" -> \"follow_up\" [label=\"held\"];"))
        let unknown = try Binary.run(["graph", "rectifcation"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no workflow 'rectifcation' (did you mean 'rectification'?)"))
    }

    /// calendar info and add answer with reasons, warn for a year without data, refuse bad input.
    @Test func calendar() throws {
        #expect(try Binary.run(["calendar", "info", "2026-10-10"]).stdout == "workday — 2026-10-10 Sat, makeup workday (调休) for 国庆节\n")
        #expect(try Binary.run(["calendar", "info", "2026-10-01"]).stdout == "off — 2026-10-01 Thu, public holiday 国庆节\n")
        #expect(try Binary.run(["calendar", "info", "2026-11-22"]).stdout == "off — 2026-11-22 Sun, weekend\n")
        #expect(try Binary.run(["calendar", "add", "2026-09-30", "1wd"]).stdout == "2026-10-08\n")
        #expect(try Binary.run(["calendar", "add", "2026-10-08", "-1wd"]).stdout == "2026-09-30\n")
        #expect(try Binary.run(["calendar", "add", "2026-04-30T10:00", "1wd"]).stdout == "2026-05-06T10:00:00+08:00\n")
        #expect(try Binary.run(["calendar", "add", "2026-04-30", "1wd", "--calendar", "weekdays"]).stdout == "2026-05-01\n")
        #expect(try Binary.run(["calendar", "add", "2026-05-06T17:00", "2wh", "--office-hours", "08:30-17:30"]).stdout == "2026-05-07T10:00:00+08:00\n")
        let future = try Binary.run(["calendar", "add", "2026-12-30", "3wd"])
        #expect(future.stdout == "2027-01-04\n")
        #expect(future.stderr.contains("no holiday data for 2027"))
        let bad = try Binary.run(["calendar", "add", "2026-04-30", "2 days"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'2 days' is not a duration"))
        #expect(try Binary.run(["calendar", "info", "2026-02-30"]).status == 64)
    }

    /// simulate --format json prints one object a line with time (with offset), kind, instance, from/to or detail.
    @Test func simulateJSON() throws {
        let r = try Binary.run(["simulate", "rectification", "--workflows", "workflows", "--workflows", "examples/quickstart",
                                "--start", "2026-04-22T09:00", "--until", "2026-06-30", "--input", "unit=chengguan", "--input", "problem=占道经营",
                                "--events", "examples/quickstart/events.yaml", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count > 20)
        var kinds = Set<String>()
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(o["time"]?.hasSuffix("+08:00") == true)
            #expect(o["instance"] != nil)
            #expect(o["to"] != nil || o["detail"] != nil)
            kinds.insert(o["kind"] ?? "")
        }
        #expect(kinds.isSuperset(of: ["start", "transition", "timer", "remind", "escalate", "document", "ledger", "finish"]))
        #expect(r.stdout.contains(#"{"time":"2026-05-14T18:00:00+08:00","kind":"escalate","instance":"main","detail":"accountability step 2 督办"#))
    }

    /// Wrong inputs and a broken events file are refused with exit 65 and a message that names them.
    @Test func simulateRefusals() throws {
        let noInput = try Binary.run(["simulate", "rectification", "--start", "2026-04-22T09:00", "--until", "2026-05-01"])
        #expect(noInput.status == 65)
        #expect(noInput.stdout.contains("the required input 'unit' is missing"))
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("duban-events-\(UUID().uuidString).yaml")
        try "events:\n  - { time: \"2026-04-23 10:00\", evnt: acknowledge }\n".write(to: tmp, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let badScript = try Binary.run(["simulate", "rectification", "--start", "2026-04-22T09:00", "--until", "2026-05-01",
                                        "--input", "unit=chengguan", "--input", "problem=x", "--events", tmp.path])
        #expect(badScript.status == 65)
        #expect(badScript.stderr.contains("\(tmp.path):2:33: error: unknown key 'evnt' in an event (did you mean 'event'?)"))
        let badTime = try Binary.run(["simulate", "rectification", "--start", "tomorrow", "--until", "2026-05-01"])
        #expect(badTime.status == 64)
        #expect(badTime.stderr.contains("--start 'tomorrow' is not a date-time"))
    }

    /// Every worked example in `calendar add --help` gives the date it says.
    @Test func calendarHelpExamples() throws {
        let help = try Binary.run(["calendar", "add", "--help"]).stdout
        let examples = help.split(separator: "\n").compactMap { line -> (String, String, String)? in
            let parts = line.split(separator: " ").map(String.init)
            guard let at = parts.firstIndex(of: "add"), parts.count > at + 4, parts[at + 3] == "→", !parts[at + 1].hasPrefix("-") else { return nil }
            return (parts[at + 1], parts[at + 2], parts[at + 4])
        }
        #expect(examples.count >= 2)
        for (date, duration, expected) in examples {
            let r = try Binary.run(["calendar", "add", date, duration])
            #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(expected), "\(date) \(duration): \(r.stdout)")
        }
    }

    /// The binary alone is enough: copied to an empty folder, it sets up a
    /// working folder (with the example) and answers calendar questions from
    /// the files built into it, which match the shipped ones.
    @Test(arguments: StoreKind.available) func binaryAlone(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let generated = ["Sources/duban/Embedded.swift", "Sources/DubanServer/OpenAPIDocument.swift", "Sources/DubanServer/Pages/WebAssets.swift"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Paths.root.appendingPathComponent("scripts/embed").path]
            + generated.indices.map { db.dir.appendingPathComponent("embedded-\($0).swift").path }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        for (n, path) in generated.enumerated() {
            let committed = try String(contentsOf: Paths.root.appendingPathComponent(path), encoding: .utf8)
            let made = try String(contentsOf: db.dir.appendingPathComponent("embedded-\(n).swift"), encoding: .utf8)
            #expect(made == committed, "run 'bash scripts/embed' after changing workflows/, examples/, docs/api/openapi.yaml or web/ (\(path))")
        }

        let copy = db.dir.appendingPathComponent("duban")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        func run(_ args: [String], in dir: URL) throws -> Binary.Output {
            let p = Process()
            p.executableURL = copy
            p.arguments = args
            p.currentDirectoryURL = dir
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return Binary.Output(status: p.terminationStatus, stdout: o, stderr: e)
        }
        let initialised = try run(["init", "office", "--example"], in: db.dir)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let office = db.dir.appendingPathComponent("office")
        for file in ["workflows/rectification.yaml", "workflows/calendars/cn-2026.yaml", "workflows/units.yaml", "example/quarter.yaml"] {
            #expect(FileManager.default.fileExists(atPath: office.appendingPathComponent(file).path), "\(file)")
        }
        #expect(try run(["validate"], in: office).status == 0)
        let info = try run(["calendar", "info", "2026-10-10"], in: db.dir)
        #expect(info.stdout.contains("makeup workday"), "\(info.stdout)\(info.stderr)")
    }

    /// From 1 December, validate and tick warn that next year's calendar is
    /// missing (the shipped files end with 2026); in November they do not.
    @Test func nextYearCalendarWarning() throws {
        let missing = "calendar 'cn' has no data for 2027 yet"
        #expect(try Binary.run(["validate", "--today", "2026-12-01"]).stderr.contains(missing))
        #expect(try !Binary.run(["validate", "--today", "2026-11-30"]).stderr.contains(missing))
        let db = try TempDatabase()
        _ = try Binary.run(["deploy", "workflows", "examples/quickstart", "--db", db.path, "--now", "2026-11-20T09:00"])
        #expect(try !Binary.run(["tick", "--db", db.path, "--now", "2026-11-30T09:00"]).stderr.contains(missing))
        #expect(try Binary.run(["tick", "--db", db.path, "--now", "2026-12-02T09:00"]).stderr.contains(missing))
    }

    /// `calendar import` reads the State Council's notices for 2024–2026 into files that give the same days
    /// off and makeup workdays as the shipped calendars.
    @Test(arguments: [2024, 2025, 2026]) func calendarImport(_ year: Int) throws {
        let db = try TempDatabase()
        let notice = Paths.fixtures.appendingPathComponent("notices/\(year).txt").path
        let r = try Binary.run(["calendar", "import", notice, "--out", db.dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let written = try sources([db.dir.appendingPathComponent("cn-\(year).yaml")])
        let shipped = try sources([Paths.workflows.appendingPathComponent("calendars/cn-\(year).yaml")])
        let mine = try #require(ProjectLoader.load(written).project.calendarYears["cn"]?.first)
        let theirs = try #require(ProjectLoader.load(shipped).project.calendarYears["cn"]?.first)
        #expect(mine.holidays == theirs.holidays && mine.makeupWorkdays == theirs.makeupWorkdays)
        // The file is there now: a second import does not replace it unasked.
        let again = try Binary.run(["calendar", "import", notice, "--out", db.dir.path])
        #expect(again.status != 0 && again.stderr.contains("--force"))
    }

    /// A sentence the importer cannot read, a day count or a weekday that does not match its dates: each is
    /// refused at its line and column, and nothing is written.
    @Test func calendarImportRefuses() throws {
        let db = try TempDatabase()
        let text = try String(contentsOf: Paths.fixtures.appendingPathComponent("notices/2025.txt"), encoding: .utf8)
            .replacingOccurrences(of: "4月27日（周日）上班", with: "4月27日（周六）上班")
            .replacingOccurrences(of: "共8天。1月26日", with: "共9天。1月26日")
            .replacingOccurrences(of: "放假，共3天。\n　　六", with: "放假，共3天。另行通知。\n　　六")
        let bad = db.dir.appendingPathComponent("bad.txt")
        try text.write(to: bad, atomically: false, encoding: .utf8)
        let r = try Binary.run(["calendar", "import", bad.path, "--out", db.dir.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.txt:7:8: error:") && r.stderr.contains("is 8 days, the sentence says 9"))
        #expect(r.stderr.contains("bad.txt:9:33: error:") && r.stderr.contains("2025-04-27 is a Sun"))
        #expect(r.stderr.contains("bad.txt:10:34: error: cannot read '另行通知'"))
        #expect(!FileManager.default.fileExists(atPath: db.dir.appendingPathComponent("cn-2025.yaml").path))
    }
}
