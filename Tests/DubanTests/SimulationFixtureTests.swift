import DubanEngine
import DubanLanguage
import DubanModel
import DubanYAML
import Foundation
import Testing

/// Data-driven: each folder under Fixtures/simulations holds a `run.yaml`
/// (workflow, start, until, inputs, whether to load the shipped workflows), an
/// optional `events.yaml`, any extra workflow files, and `expected.txt`, the
/// timeline `duban simulate` prints. A `notice-YEAR.txt` is imported as the calendar for its year.
@Suite("Simulation fixtures")
struct SimulationFixtureTests {
    static let cases: [String] = {
        let dir = Paths.fixtures.appendingPathComponent("simulations")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }()

    /// The workflow walks through its timers, events, children and escalation steps on the expected days.
    @Test(arguments: cases)
    func timeline(_ name: String) throws {
        let dir = Paths.fixtures.appendingPathComponent("simulations/\(name)")
        let run = try #require(YAML.parse(try String(contentsOf: dir.appendingPathComponent("run.yaml"), encoding: .utf8)).root)
        var folders = [dir]
        if run["shipped"]?.scalar?.resolved == .bool(true) { folders.append(Paths.workflows) }
        var files = try sources(folders).filter { !["run.yaml", "events.yaml"].contains(URL(fileURLWithPath: $0.path).lastPathComponent) }
        // A holiday notice beside the workflow gives its calendar, as `duban calendar import` reads it.
        for notice in try FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasPrefix("notice-") }) {
            let text = try String(contentsOf: dir.appendingPathComponent(notice), encoding: .utf8)
            let read = try #require(HolidayNotice.read(SourceFile(path: notice, text: text)).notice)
            files.append(SourceFile(path: "cn-\(read.year).yaml", text: read.yaml(calendar: "cn", from: notice)))
        }
        let result = ProjectLoader.load(files)
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.header))")
        let id = try #require(run["workflow"]?.text)
        let workflow = try #require(result.project.workflow(id))
        var inputs: [String: Value] = [:]
        for pair in run["inputs"]?.mapping ?? [] { inputs[pair.key.text!] = .text(pair.value.text!) }
        var script = Script()
        let eventsFile = dir.appendingPathComponent("events.yaml")
        if FileManager.default.fileExists(atPath: eventsFile.path) {
            let read = ScriptReader.read(SourceFile(path: "events.yaml", text: try String(contentsOf: eventsFile, encoding: .utf8)), zone: workflow.zone)
            #expect(read.diagnostics.isEmpty)
            script = read.script
        }
        let start = try #require(run["start"]?.text), until = try #require(run["until"]?.text)
        let trace = Simulator(project: result.project).run(
            workflow, inputs: inputs, from: at(start), until: at(until),
            script: script.lines.map { ScriptedEvent(time: $0.time, instance: $0.instance, event: Event(name: $0.event, actor: $0.actor, payload: $0.payload)) },
            ledger: script.ledger)
        let text = trace.map { $0.text(zone: workflow.zone) }.joined(separator: "\n") + "\n"
        let (expected, actual) = try golden(text, dir.appendingPathComponent("expected.txt"))
        #expect(actual == expected)
    }
}
