import ArgumentParser
import DubanEngine
import DubanModel
import DubanRuntime
import Foundation

enum TableFormat: String, ExpressibleByArgument { case table, json }

/// Left-aligned columns, widened for CJK text.
func table(_ header: [String], _ rows: [[String]]) -> String {
    func width(_ s: String) -> Int { s.reduce(0) { $0 + ($1.unicodeScalars.first.map { $0.value >= 0x1100 } == true ? 2 : 1) } }
    var widths = header.map(width)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], width(c)) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - width(c)) }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
}

func json(_ fields: [(String, String?)]) -> String {
    "{" + fields.compactMap { k, v in v.map { "\"\(k)\":\($0)" } }.joined(separator: ",") + "}"
}

func quoted(_ s: String) -> String { Value.text(s).json(in: .shanghai) }

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List instances, newest last.",
        discussion: "An instance is overdue when its deadline has passed (at --now) and it has not finished."
    )

    @Option(help: "Only this workflow.") var workflow: String?
    @Option(help: "Only instances in this state.") var state: String?
    @Option(help: "Only this unit's matters.") var unit: String?
    @Flag(help: "Only running instances past their deadline.") var overdue = false
    @Flag(help: "Include finished instances.") var all = false
    @Option(help: "table or json.") var format: TableFormat = .table
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let now = try runtime.instant()
        let rt = try runtime.runtime(.readOnly)
        let query = MatterQuery(workflow: workflow, state: state, unit: unit, includeFinished: all, overdueOnly: overdue)
        let list = try refusing { try rt.matters(query, as: .office, now: now) }.matters
        if format == .json {
            print("[" + list.map { m in
                let i = m.instance
                return json([("id", quoted(i.id)), ("workflow", quoted(i.workflow)), ("version", String(i.version)), ("state", quoted(i.state)),
                             ("finished", String(i.finished)), ("parent", i.parent.map(quoted)), ("started", quoted(Zone.shanghai.iso(i.started))),
                             ("overdue", String(m.overdue)), ("values", ValueCoding.encode(i.values))])
            }.joined(separator: ",\n") + "]")
            return
        }
        if list.isEmpty { print("no instances\(all ? "" : " running") match"); return }
        print(table(["ID", "WORKFLOW", "STATE", "UNIT", "DEADLINE", "STARTED", ""], list.map { m in
            let i = m.instance
            let unit = i.values["unit"].map { $0.display(in: .shanghai).escapingControlCharacters } ?? ""
            return [i.id, "\(i.workflow) v\(i.version)", i.state, unit, i.values["deadline"]?.display(in: .shanghai) ?? "",
                    Zone.shanghai.short(i.started), i.finished ? "finished" : m.overdue ? "OVERDUE" : ""]
        }))
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an instance: state, values, pending timers and history.")

    @Argument(help: "The instance id.") var instance: String
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let rt = try runtime.runtime(.readOnly)
        let detail: MatterDetail
        do {
            detail = try rt.matter(instance, as: .office, now: try runtime.instant())
        } catch RuntimeError.unknownInstance(let id) {
            throw ValidationError(RuntimeError.unknownInstance(id).description)
        }
        let i = detail.matter.instance
        let z = Zone.shanghai
        print("\(i.id)  \(i.workflow) v\(i.version)  state \(i.state)\(i.finished ? " (finished)" : "")")
        if let p = i.parent { print("parent      \(p)") }
        print("started     \(z.short(i.started)); in this state since \(z.short(i.entered))")
        if let e = i.escalation {
            let next = detail.matter.ladder.flatMap { l in l.next.map { "next step \(l.nextNumber) \($0)" } } ?? "every step taken"
            print("escalation  \(e.policy) for \(e.unit): \(next)")
        }
        print("\nvalues")
        for k in i.values.keys.sorted() { print("  \(k) = \(i.values[k]!.display(in: z).escapingControlCharacters)") }
        print("\npending timers")
        if i.timers.isEmpty { print("  none") }
        for (k, due) in detail.timers { print("  \(z.short(due))  \(k)") }
        print("\nhistory")
        for r in detail.history { print("  \(z.short(r.time))  #\(r.seq)  \(r.kind.rawValue) by \(r.actor)  \(r.detail)") }
    }
}

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Messages queued for delivery (reminders, notices), with their idempotency keys.",
        subcommands: [OutboxList.self, Retry.self], defaultSubcommand: OutboxList.self
    )

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a message again now (a dead-lettered one, after fixing its channel).")
        @Argument(help: "The message id ('duban outbox' lists them).") var id: Int64
        @OptionGroup var runtime: RuntimeOptions

        func run() throws {
            let m = try refusing { try runtime.runtime().retry(outbox: id) }
            print("message \(m.id) to \(m.unit) is queued again; 'duban deliver' sends it")
        }
    }
}

struct OutboxList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the messages (the default).")

    @Flag(help: "Only those not yet delivered.") var pending = false
    @Option(help: "table or json.") var format: TableFormat = .table
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let rt = try runtime.runtime(.readOnly)
        let rows = try refusing { try rt.outbox(pendingOnly: pending, as: .office) }
        if format == .json {
            print("[" + rows.map { m in
                json([("id", String(m.id)), ("key", quoted(m.key)), ("instance", quoted(m.instance)), ("kind", quoted(m.kind.rawValue)), ("unit", quoted(m.unit)),
                      ("role", quoted(m.role)), ("template", quoted(m.template)), ("created", quoted(Zone.shanghai.iso(m.created))),
                      ("status", quoted(m.status.rawValue)), ("attempts", String(m.attempts)), ("next_attempt", m.nextAttempt.map { quoted(Zone.shanghai.iso($0)) }),
                      ("last_error", m.lastError.map(quoted)), ("sent_at", m.sentAt.map { quoted(Zone.shanghai.iso($0)) })])
            }.joined(separator: ",\n") + "]")
            return
        }
        if rows.isEmpty { print("the outbox is empty"); return }
        print(table(["ID", "CREATED", "KIND", "TO", "TEMPLATE", "INSTANCE", "STATUS", "KEY"], rows.map { m in
            var status = m.status == .pending && m.attempts > 0 ? "retry \(m.attempts)" : m.status.rawValue
            // Held for quiet hours: queued out of office hours, it goes when they begin.
            if m.status == .pending, m.attempts == 0, let next = m.nextAttempt { status = "held until \(Zone.shanghai.short(next))" }
            return [String(m.id), Zone.shanghai.short(m.created), m.kind.rawValue, "\(m.unit).\(m.role)", m.template, m.instance, status, m.key]
        }))
        for m in rows where m.status == .dead { printError("dead \(m.id): \(m.lastError ?? "") — fix the channel, then 'duban outbox retry \(m.id)'") }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check the audit trail.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain of every audit row and find rows that point at missing instances; exit 65 on any problem."
        )
        @OptionGroup var runtime: RuntimeOptions

        func run() throws {
            let r = try runtime.runtime(.readOnly).verifyAudit()
            if r.problems.isEmpty {
                print("audit trail intact: \(r.events) events, last hash \(r.lastHash.prefix(16))…")
            } else {
                for p in r.problems { printError("error: \(p)") }
                printError("the audit trail has been tampered with (\(r.problems.count) problem\(r.problems.count == 1 ? "" : "s"))")
            }
            for o in r.orphans { printError("error: \(o)") }
            if !r.orphans.isEmpty {
                printError("\(r.orphans.count) row\(r.orphans.count == 1 ? " points" : "s point") at instances that are gone: restore the database from a backup")
            }
            if !r.problems.isEmpty || !r.orphans.isEmpty { throw ExitCode(dataErrorExit) }
        }
    }
}
