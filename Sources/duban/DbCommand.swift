import ArgumentParser
import DubanRuntime

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Move an office's database between SQLite and PostgreSQL.",
        subcommands: [DbCopyCommand.self]
    )
}

struct DbCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy everything in the database into an empty one, and check the copy.",
        discussion: """
        Every row is copied in one transaction: workflows, matters, timers, the audit trail \
        with its hashes, the outbox, ledger, documents, accounts and sessions. The audit \
        trail must verify before the copy and on both sides after it, and both sides must \
        hold the same rows; the target must hold nothing yet. Stop 'duban serve' and the \
        cron tick first: what they write during the copy is not in it.

          duban db copy --db duban.sqlite --to postgres://duban@db.example/duban
          duban db copy --db postgres://duban@db.example/duban --to back.sqlite

        Evidence files are not in the database: copy the evidence folder too, or point \
        the new servers at it with --evidence.
        """
    )

    @Option(help: ArgumentHelp("The empty database to copy into: a new SQLite file, or a postgres:// URL.", valueName: "PATH|URL"))
    var to: String
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let source = try runtime.runtime(.readOnly)
        var target = runtime
        target.db = to
        guard "\(target.location)" != "\(runtime.location)" else { throw ValidationError("--to names the database being copied") }
        let report = try refusing { try source.copy(to: try target.copyTarget(), named: "\(target.location)") }
        print("copied \(report.rows) rows from \(runtime.location) to \(target.location)")
        print("audit trail intact on both: \(report.events) events, last hash \(report.head.prefix(16))…")
        print("evidence files stay in \(runtime.evidenceFolder.path): copy that folder too, or give the new servers --evidence")
    }
}
