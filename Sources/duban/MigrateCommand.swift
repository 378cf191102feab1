import ArgumentParser
import DubanRuntime

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move running instances to another deployed version of their workflow.",
        discussion: """
        Instances stay on the version they started with until you move them. Timers are \
        recomputed from when each instance entered its state; values are kept, new ones take \
        their defaults. A state the new version renamed needs --map OLD=NEW. All or nothing.

          duban migrate rectification --to 2 --dry-run
          duban migrate rectification --to 2 --map rectifying=in_progress
        """
    )

    @Argument(help: "The workflow's id.") var workflow: String
    @Option(help: "The version to move to.") var to: Int
    @Option(name: .customLong("map"), help: ArgumentHelp("A state renamed in the new version, OLD=NEW (repeatable).", valueName: "OLD=NEW"))
    var maps: [String] = []
    @Flag(help: "Show what would move; change nothing.") var dryRun = false
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        var mapping: [String: String] = [:]
        for m in maps {
            let parts = m.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw ValidationError("--map '\(m)' must be OLD=NEW") }
            mapping[parts[0]] = parts[1]
        }
        let rt = try runtime.runtime()
        let moves = try refusing { try rt.migrate(workflow, to: to, mapping: mapping, dryRun: dryRun, now: try runtime.instant()) }
        for m in moves { print("\(m.instance): \(m.from) → \(m.to)") }
        print(dryRun ? "dry run: \(moves.count) instance(s) would move; nothing changed" : "\(moves.count) instance(s) moved to version \(to)")
    }
}
