import ArgumentParser

@main
struct Duban: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duban",
        abstract: "督办 Duban: supervision workflows for campaign offices, written in YAML.",
        discussion: """
        An admin describes matters, meetings, pledges and the escalation ladder of the local \
        accountability measures (问责办法) in YAML files under workflows/. Start here:

          duban validate workflows/            check every file, with line and column
          duban graph rectification            draw a workflow (Mermaid or Graphviz)
          duban simulate rectification --start 2026-04-01T09:00 --until 2026-05-15 \\
                --input unit=chengguan --input problem=占道经营
          duban calendar info 2026-10-08       workday or off, and why

        Running for real, on the embedded SQLite database (./duban.sqlite, or --db / $DUBAN_DB):

          duban deploy workflows/              register the workflows
          duban start rectification --input unit=chengguan --input problem=占道经营
          duban signal 1 acknowledge --actor chengguan
          duban tick                           from cron: fire due timers, start schedules
          duban list --overdue                 duban show 1      duban outbox      duban audit verify

        Workflow files are found in --workflows DIR (repeatable), default ./workflows.
        """,
        subcommands: [
            ValidateCommand.self, GraphCommand.self, SimulateCommand.self, CalendarCommand.self, SchemaCommand.self,
            InitCommand.self, DeployCommand.self, StartCommand.self, SignalCommand.self, TickCommand.self,
            ListCommand.self, ShowCommand.self, OutboxCommand.self, AuditCommand.self, MigrateCommand.self,
        ]
    )
}
