import ArgumentParser
import DubanEngine
import DubanLanguage
import DubanModel
import DubanRuntime
import Foundation

struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start instances of a deployed workflow; prints their ids.",
        discussion: """
        One instance from --input pairs:
          duban start rectification --input unit=chengguan --input problem=占道经营 --input deadline=2026-05-20
        Many from a CSV file whose header names the inputs (UTF-8, comma-separated):
          duban start rectification --inputs matters.csv
        All or nothing: if any row is wrong, each wrong row is reported by its row number and nothing starts.
        """
    )

    @Argument(help: "The workflow's id.")
    var workflow: String

    @Option(name: .customLong("input"), help: ArgumentHelp("An input, KEY=VALUE (repeatable).", valueName: "KEY=VALUE"))
    var inputs: [String] = []

    @Option(name: .customLong("inputs"), help: ArgumentHelp("A CSV file, one instance a row.", valueName: "FILE.csv"))
    var csv: String?

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        var rows: [[String: Value]]
        if let csv {
            guard inputs.isEmpty else { throw ValidationError("give --input or --inputs, not both") }
            guard let data = FileManager.default.contents(atPath: csv) else { throw ValidationError("cannot read \(csv)") }
            func refuse(_ problems: [(line: Int, message: String)]) -> ExitCode {
                for p in problems { printError("\(csv):\(p.line): error: \(p.message)") }
                printError("nothing was started")
                return ExitCode(dataErrorExit)
            }
            guard let text = String(data: data, encoding: .utf8) else { throw refuse([(1, "the file is not UTF-8 text; save it as UTF-8")]) }
            do { rows = try CSVTable(parsing: text).rows.map { $0.mapValues(Value.text) } } catch {
                throw refuse(error.problems)
            }
            guard !rows.isEmpty else { throw refuse([(2, "the file has a header but no rows")]) }
        } else {
            rows = [try keyValues(inputs, option: "--input")]
        }
        let rt = try runtime.runtime()
        let ids = try refusing { try rt.start(workflow, rows: rows, now: try runtime.instant()) }
        for id in ids { print(id) }
    }
}

struct SignalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signal",
        abstract: "Send an event to an instance (a unit acknowledges, reports, asks for an extension…).",
        discussion: """
        duban signal 17 acknowledge --actor chengguan
        duban signal 17 request_extension --actor chengguan --data until=2026-05-20 --data reason=雨季施工
        duban signal 17 accept --actor office

        An event the current state does not take is refused with the events it does take; an \
        actor the workflow does not allow is refused. Refused events change nothing.
        """
    )

    @Argument(help: "The instance id (see 'duban list').")
    var instance: String

    @Argument(help: "The event.")
    var event: String

    @Option(help: "Who sends it: a unit id, or office.")
    var actor: String

    @Option(name: .customLong("data"), help: ArgumentHelp("An event field, KEY=VALUE (repeatable).", valueName: "KEY=VALUE"))
    var data: [String] = []

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let payload = try keyValues(data, option: "--data")
        let rt = try runtime.runtime()
        let after = try refusing { try rt.signal(instance, Event(name: event, actor: actor, payload: payload), now: try runtime.instant()) }
        print("\(instance): \(event) by \(actor) → \(after.state)\(after.finished ? " (finished)" : "")")
    }
}

struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: "Fire every due timer and start scheduled instances; run it from cron.",
        discussion: """
        Safe to run as often as you like and to overlap: nothing fires twice. After downtime it \
        catches up, each missed timer once, in due order, with its original due time. Crontab:

          */5 * * * *  cd /srv/duban && /usr/local/bin/duban tick >> tick.log 2>&1
        """
    )

    @Option(help: ArgumentHelp("Timers per transaction.", visibility: .hidden))
    var batch = 2000

    @Flag(help: "Then deliver the queued messages (as 'duban deliver').") var deliver = false
    @Flag(help: ArgumentHelp("Fire work due longer ago than --catch-up-days (after downtime).",
                             discussion: "Without it a tick refuses such work and says how much it would do: a clock set ahead would issue documents that can never be withdrawn."))
    var catchUp = false
    @Option(help: ArgumentHelp("How far back a tick catches up without --catch-up.", valueName: "DAYS"))
    var catchUpDays = 31
    @OptionGroup(title: "Delivery (with --deliver)") var delivery: DeliveryOptions
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let now = try runtime.instant()
        let rt = try runtime.runtime()
        let span = catchUp ? nil : Int64(max(1, catchUpDays)) * 86400
        let r = try refusing { try rt.tick(now: now, batchSize: max(1, batch), catchUp: span) }
        let calendar = try refusing { try rt.calendarWarnings(today: Zone.shanghai.local(now).day) }
        for w in r.warnings + calendar { printError("warning: \(w)") }
        let next = r.nextDue.map { "; next due \(Zone.shanghai.short($0))" } ?? ""
        print("tick \(Zone.shanghai.short(now)): fired \(r.fired) timer\(r.fired == 1 ? "" : "s"), started \(r.started), queued \(r.messages) message\(r.messages == 1 ? "" : "s"), \(r.documents) document\(r.documents == 1 ? "" : "s")\(next)")
        if deliver {
            let d = try delivery.deliver(rt, clock: try runtime.clock())
            for e in d.errors { printError("warning: \(e)") }
            print(DeliveryOptions.summary(d))
        }
    }
}
