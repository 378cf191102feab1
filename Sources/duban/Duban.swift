import ArgumentParser
import DubanRuntime

/// The release, printed by `duban --version`; raise it with each release.
let dubanVersion = "0.1.0"

@main
struct Duban: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duban",
        abstract: "督办 Duban: supervision workflows for campaign offices, written in YAML.",
        discussion: """
        An admin describes matters, meetings, pledges and the escalation ladder of
        the local accountability measures (问责办法) in YAML under workflows/.

          duban validate workflows/        check every file, by line and column
          duban graph rectification        draw a workflow (Mermaid or Graphviz)
          duban simulate rectification --start 2026-04-01T09:00 \\
                --until 2026-05-15 --input unit=chengguan --input problem=占道经营
          duban calendar info 2026-10-08   workday or off, and why

        For real, on SQLite (./duban.sqlite, or --db PATH, or $DUBAN_DB) or on
        PostgreSQL (--db postgres://USER@HOST/NAME):

          duban deploy                     register workflows/
          duban start rectification --input unit=chengguan --input problem=占道经营
          duban signal 1 acknowledge --actor chengguan
          duban tick                       from cron: fire due timers
          duban list --overdue             and: show 1, outbox, audit verify

        Documents (督办通知单, 通报, 约谈通知书, 会议纪要…) are numbered when issued:

          duban documents                  what has been issued
          duban render 1 --kind supervision-order -o 督办通知单.docx
          duban archive --out campaign.zip every document, ledger and the audit trail

        Serving the office and the units (accounts, the API, signed links):

          duban user add li.ming --office  then: duban serve --public-url https://…

        Workflow files are read from --workflows DIR (repeatable), default ./workflows.
        """,
        version: dubanVersion,
        groupedSubcommands: [
            CommandGroup(name: "Authoring", subcommands: [
                ValidateCommand.self, GraphCommand.self, SimulateCommand.self, CalendarCommand.self, SchemaCommand.self, TemplateCommand.self,
            ]),
            CommandGroup(name: "Running", subcommands: [
                InitCommand.self, DeployCommand.self, StartCommand.self, SignalCommand.self, TickCommand.self, PlayCommand.self,
                ListCommand.self, ShowCommand.self, SummaryCommand.self, OutboxCommand.self, DeliverCommand.self, AuditCommand.self, MigrateCommand.self,
                DbCommand.self,
            ]),
            CommandGroup(name: "Documents", subcommands: [
                DocumentsCommand.self, RenderCommand.self, ArchiveCommand.self,
            ]),
            CommandGroup(name: "Serving", subcommands: [
                ServeCommand.self, UserCommand.self, TokenCommand.self, LinksCommand.self,
            ]),
        ]
    )

    /// Runs the command; a runtime refusal it did not handle itself still
    /// ends with its message and a documented exit status, never a bare 1.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as RuntimeError {
            printRefusal(error)
            exit(withError: ExitCode(error.exitStatus))
        } catch let error as AccessError {
            printError("error: \(error)")
            exit(withError: ExitCode(dataErrorExit))
        } catch {
            exit(withError: error)
        }
    }
}
