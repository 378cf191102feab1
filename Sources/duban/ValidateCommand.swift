import ArgumentParser
import DubanLanguage
import DubanModel
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check workflow, policy, units and calendar files; report every problem.",
        discussion: """
        Reads every .yaml/.yml file under the given files and folders (default ./workflows), \
        checks each one and the references between them (spawned workflows, policies, templates, \
        units, calendars), and prints each problem as FILE:LINE:COL: error: MESSAGE with the line \
        and a caret. Changes nothing.

        Exit status: 0 when there is no error (warnings allowed), 65 when there is any error.
        """
    )

    @Argument(help: "Files or folders to check (default: ./workflows, else the current folder).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Check as if it were this date (for the warning about next year's calendar).", valueName: "YYYY-MM-DD",
                               visibility: .hidden))
    var today: String?

    func run() throws {
        let result = try ProjectFiles.load({ var o = ProjectOptions(); o.paths = paths; return o.resolved() }())
        let p = result.project
        let day = try today.map { text in
            guard let d = Day(iso: text) else { throw ValidationError("--today '\(text)' is not a date (YYYY-MM-DD)") }
            return d
        } ?? Zone.shanghai.local(Instant(seconds: Int64(Date().timeIntervalSince1970))).day
        for warning in p.nextYearCalendarWarnings(today: day) { printError("warning: \(warning)") }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        var parts = ["\(p.workflows.count) workflow\(p.workflows.count == 1 ? "" : "s")", "\(p.policies.count) polic\(p.policies.count == 1 ? "y" : "ies")"]
        if let u = p.units { parts.append("\(u.units.count) units") }
        let years = p.calendarYears.flatMap { name, ys in ys.map { "\(name)-\($0.year)" } }.sorted()
        if !years.isEmpty { parts.append("calendars \(years.joined(separator: ", "))") }
        print("ok: \(result.sources.count) file\(result.sources.count == 1 ? "" : "s") (\(parts.joined(separator: ", ")))\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
    }
}


struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the workflow language.",
        discussion: """
        Save it and point your editor at it, e.g. with yaml-language-server put this first line in a workflow file:

          # yaml-language-server: $schema=../duban.schema.json

        after running: duban schema > duban.schema.json
        """
    )

    func run() {
        print(Shape.jsonSchema(), terminator: "")
    }
}

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a workflow: states, events, timers and escalation steps.",
        discussion: """
        Mermaid renders on GitHub and in many editors; dot renders with Graphviz:

          duban graph rectification --format dot | dot -Tsvg > rectification.svg
        """
    )

    @Argument(help: "The workflow's id, or the path of its file.")
    var workflow: String

    @Option(help: "mermaid or dot.")
    var format: GraphRenderer.Format = .mermaid

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let (w, result) = try ProjectFiles.workflow(workflow, options: project)
        print(GraphRenderer(workflow: w, project: result.project).render(format), terminator: "")
    }
}

extension GraphRenderer.Format: ExpressibleByArgument {}
