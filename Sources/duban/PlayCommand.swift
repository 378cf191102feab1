import ArgumentParser
import DubanDocuments
import DubanEngine
import DubanLanguage
import DubanModel
import DubanRuntime
import Foundation

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a scripted campaign on a fresh database: daily ticks plus the script's starts and signals.",
        discussion: """
        Deploys the workflows (./workflows, or --workflows) and the play file's own folder \
        (its units.yaml), then runs day by day from 'from' to 'until': `tick` at each of the \
        day's tick times and before every step, as cron would. Instance ids follow the order of \
        starts (1, 2, …), so steps can name them. With --out, every document issued is written \
        there as DOCX and Markdown, with the archive. Ends with the units' board.

          duban play examples/wenming-district/quarter.yaml --db /tmp/wenming.sqlite --out out/wenming
        """
    )

    @Argument(help: "The play file.") var file: String
    @Option(help: ArgumentHelp("Write every document and the archive to this folder.", valueName: "DIR")) var out: String?
    @Flag(help: "Print every step and every tick that fired something, not only the documents issued.") var verbose = false
    @OptionGroup var project: ProjectOptions
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("cannot read \(file)") }
        let (play, problems) = PlayReader.read(SourceFile(path: file, text: text), zone: .shanghai)
        if !problems.isEmpty { printError(DiagnosticRenderer(sources: [SourceFile(path: file, text: text)]).render(problems)) }
        guard let play, !problems.contains(where: { $0.severity == .error }) else { throw ExitCode(dataErrorExit) }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        if case .sqlite(let file) = runtime.location, FileManager.default.fileExists(atPath: file) {
            throw ValidationError("\(file) exists: play needs a fresh database (give --db NEW.sqlite)")
        }
        var files = try ProjectFiles.read(project.resolved(adding: [folder.path])).checked()
        // The play's own units (beside it) win over those of the workflows folder.
        let isUnits = { (s: SourceFile) in FileIdentity(s)?.kind == .units }
        let own = ProjectFiles.clean(folder.path + "/")
        if files.sources.contains(where: { isUnits($0) && $0.path.hasPrefix(own) }) {
            files.sources.removeAll { isUnits($0) && !$0.path.hasPrefix(own) }
        }
        let rt = try runtime.runtime(.create)
        if case .postgres = runtime.location, try !refusing({ try rt.definitions().stored.isEmpty }) {
            throw ValidationError("\(runtime.location) already holds a deployment: play needs an empty database")
        }
        let zone = Zone.shanghai
        let first = zone.instant(LocalDateTime(day: play.from, hour: 0, minute: 0))
        let report = try refusing { try rt.deploy(files.sources, templates: files.templates, now: first) }
        print("deployed \(report.added.count) files; playing \(play.from) to \(play.until), \(play.steps.count) steps")
        var ticks: [Instant] = []
        var d = play.from
        while d <= play.until {
            ticks += play.tickTimes.map { zone.instant(LocalDateTime(day: d, secondOfDay: $0.secondOfDay)) }
            d = d.adding(days: 1)
        }
        var steps = play.steps[...]
        var shown: Int64 = 0
        func tick(_ t: Instant) throws {
            let r = try refusing { try rt.tick(now: t) }
            for w in r.warnings { printError("warning: \(w)") }
            if verbose && r.fired + r.started > 0 {
                print("\(zone.short(t))  tick: fired \(r.fired), started \(r.started), \(r.messages) messages, \(r.documents) documents")
            }
            if r.documents > 0 { try showDocuments() }
        }
        // The chain as it happens: each document as it is issued.
        func showDocuments() throws {
            for d in try rt.documents(DocumentFilter()) where d.id > shown {
                shown = d.id
                guard let doc = try? Runtime.issued(d) else { continue }
                let to = doc.addressee.flatMap { doc.title.contains($0) ? nil : "（\($0)）" } ?? ""
                print("\(doc.date)  \(doc.number)  \(doc.title)\(to)")
            }
        }
        for t in ticks {
            while let step = steps.first, step.time <= t {
                steps = steps.dropFirst()
                try tick(step.time)
                try apply(step, rt, folder: folder)
                try showDocuments()
            }
            try tick(t)
        }
        for step in steps { printError("warning: line \(step.line): \(zone.short(step.time)) is after 'until'; not played") }
        if let out { try write(rt, to: out) }
        try SummaryCommand.print(rt, now: ticks.last ?? steps.last?.time ?? Instant(seconds: 0))
    }

    func apply(_ step: Play.Step, _ rt: Runtime, folder: URL) throws {
        let when = Zone.shanghai.short(step.time)
        switch step.action {
        case .start(let workflow, let inputs, let csv):
            var rows = [inputs]
            if let csv {
                let path = folder.appendingPathComponent(csv).path
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("line \(step.line): cannot read \(path)") }
                do { rows = try CSVTable(parsing: text).rows.map { $0.mapValues(Value.text).merging(inputs) { a, _ in a } } } catch {
                    for p in error.problems { printError("\(path):\(p.line): error: \(p.message)") }
                    throw ExitCode(dataErrorExit)
                }
            }
            let ids = try refusing { try rt.start(workflow, rows: rows, now: step.time) }
            if verbose { print("\(when)  start \(workflow): \(ids.count == 1 ? ids[0] : "\(ids.first!)…\(ids.last!)")") }
        case .signal(let target, let event, let actor, let data):
            var instance = target.description
            if case .open(let workflow, let unit) = target {
                guard let open = try rt.openInstance(of: workflow, unit: unit) else {
                    throw ValidationError("line \(step.line): \(unit) has no open \(workflow) at \(when)")
                }
                instance = open
            }
            let result = try refusing { try rt.signal(instance, Event(name: event, actor: actor, payload: data), now: step.time) }
            if verbose { print("\(when)  signal \(instance) \(event) by \(actor) → \(result.state)") }
        }
    }

    func write(_ rt: Runtime, to dir: String) throws {
        let fm = FileManager.default
        var count = 0
        for record in try rt.documents(DocumentFilter()) {
            guard let doc = try? Runtime.issued(record) else { continue }
            let folder = URL(fileURLWithPath: dir).appendingPathComponent(record.kind)
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            let base = folder.appendingPathComponent(fileNameSafe("\(doc.number) \(doc.title)"))
            try writeFile(try doc.docx(), to: base.appendingPathExtension("docx").path)
            try writeFile(Data(doc.markdown().utf8), to: base.appendingPathExtension("md").path)
            count += 1
        }
        let (archive, _) = try refusing { try rt.archive() }
        try writeFile(archive, to: URL(fileURLWithPath: dir).appendingPathComponent("archive.zip").path)
        print("wrote \(count) documents and archive.zip to \(dir)")
    }
}

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "The units' board: matters, closed, overdue, reminders, criticisms, interviews, referrals."
    )

    @OptionGroup var runtime: RuntimeOptions

    func run() throws { try Self.print(try runtime.runtime(.readOnly), now: try runtime.instant()) }

    static func print(_ rt: Runtime, now: Instant) throws {
        let rows = try refusing { try rt.board(as: .office, now: now) }
        Swift.print(table(["UNIT", "NAME", "MATTERS", "CLOSED", "OVERDUE", "REMINDERS", "CRITICISMS", "INTERVIEWS", "REFERRALS"], rows.map {
            [$0.unit, $0.name, String($0.matters), String($0.closed), String($0.overdue), String($0.reminders),
             String($0.criticisms), String($0.interviews), String($0.referrals)]
        }))
    }
}
