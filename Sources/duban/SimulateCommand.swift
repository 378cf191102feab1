import ArgumentParser
import DubanEngine
import DubanLanguage
import DubanModel
import Foundation

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a workflow in memory over a span of time and print its timeline.",
        discussion: """
        Nothing is stored. Timers fire on their days (workdays through the calendar), children \
        are spawned and simulated too, and scripted events arrive at their times. A workflow \
        with a schedule: starts an instance at each slot in the span.

        An events file looks like:

          events:
            - { time: "2026-04-02 10:00", event: acknowledge, actor: chengguan }
            - { time: "2026-04-20 15:00", event: request_extension, actor: chengguan,
                payload: { until: 2026-05-15, reason: 雨季施工 } }
            - { time: "2026-05-06 09:00", instance: main.1, event: held, actor: office }

        instance defaults to main (the first instance); children are main.1, main.2, …
        An optional ledger: list gives the units' history before the span, e.g.
            ledger:
              - { unit: chengguan, kind: strike, time: "2026-01-10 18:00" }
        """
    )

    @Argument(help: "The workflow's id, or the path of its file.")
    var workflow: String

    @Option(help: "When to start: YYYY-MM-DDTHH:MM (the workflow's time zone).")
    var start: String

    @Option(help: "When to stop: YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
    var until: String

    @Option(name: .customLong("input"), help: ArgumentHelp("An input, KEY=VALUE (repeatable).", valueName: "KEY=VALUE"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("A YAML file of scripted events.", valueName: "FILE"))
    var events: String?

    @Option(help: "text or json (one JSON object a line).")
    var format: OutputFormat = .text

    @OptionGroup var project: ProjectOptions

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let (w, result) = try ProjectFiles.workflow(workflow, options: project)
        let zone = w.zone
        guard let from = zone.parse(start) else { throw ValidationError("--start '\(start)' is not a date-time (YYYY-MM-DDTHH:MM)") }
        guard var to = zone.parse(until) else { throw ValidationError("--until '\(until)' is not a date or date-time") }
        if Day(iso: until) != nil { to = to.adding(seconds: 86399) }
        guard from <= to else { throw ValidationError("--until is before --start") }
        let values = try keyValues(inputs, option: "--input")
        var script: [ScriptedEvent] = []
        var ledger: [LedgerEntry] = []
        if let events {
            guard let data = FileManager.default.contents(atPath: events), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read the events file \(events)")
            }
            let source = SourceFile(path: events, text: text)
            let (read, diagnostics) = ScriptReader.read(source, zone: zone)
            if !diagnostics.isEmpty { printError(DiagnosticRenderer(sources: [source]).render(diagnostics)) }
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(dataErrorExit) }
            ledger = read.ledger
            script = read.lines.map { ScriptedEvent(time: $0.time, instance: $0.instance, event: Event(name: $0.event, actor: $0.actor, payload: $0.payload)) }
        }
        let trace = Simulator(project: result.project).run(w, inputs: values, from: from, until: to, script: script, ledger: ledger)
        for entry in trace {
            print(format == .json ? entry.json(zone: zone) : entry.text(zone: zone))
        }
        // A refused start means the inputs were wrong: say so in the exit status.
        if let first = trace.first, first.kind == .refused, first.instance == "main" { throw ExitCode(dataErrorExit) }
    }
}
