import ArgumentParser
import DubanModel
import DubanRuntime
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a working folder with the shipped workflows, calendars and a sample units file.",
        discussion: """
        Then edit DIR/workflows/units.yaml (your units, heads and contacts) and run, in DIR:

          duban deploy workflows/
          duban start rectification --input unit=chengguan --input problem=占道经营
          duban tick                 # from cron, every few minutes
        """
    )

    @Argument(help: "The folder to create (must not exist or be empty).")
    var dir: String

    func run() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir), !((try? fm.contentsOfDirectory(atPath: dir)) ?? []).isEmpty {
            throw ValidationError("\(dir) is not empty: choose a new folder")
        }
        guard let shipped = ShippedFiles.root() else {
            throw ValidationError("cannot find the shipped workflows (looked in share/duban beside the binary and in the source tree)")
        }
        let target = URL(fileURLWithPath: dir).appendingPathComponent("workflows")
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: shipped.appendingPathComponent("workflows").path).sorted() {
            try fm.copyItem(at: shipped.appendingPathComponent("workflows/\(name)"), to: target.appendingPathComponent(name))
        }
        try fm.copyItem(at: shipped.appendingPathComponent("examples/quickstart/units.yaml"), to: target.appendingPathComponent("units.yaml"))
        print("created \(dir)/workflows: the shipped workflows, policy, calendars, documents.yaml (edit the issuer and 代字) and a sample units.yaml")
        print("next: cd \(dir) && duban validate && duban deploy")
    }
}

/// The shipped workflows: installed under share/duban, or the source tree when run from .build.
enum ShippedFiles {
    static func root() -> URL? {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [exe.appendingPathComponent("../share/duban"), exe.appendingPathComponent("../../.."), exe.appendingPathComponent("../..")]
        return candidates.map(\.standardized).first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("workflows/rectification.yaml").path) }
    }
}

struct DeployCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Validate workflow files and register new versions in the database.",
        discussion: """
        Every file is checked together with what is already deployed; any error means nothing \
        is written. An unchanged file is a no-op. A changed workflow needs a higher 'version:'; \
        running instances stay on the version they started with (see 'duban migrate').
        """
    )

    @Argument(help: "Files or folders (default: ./workflows).")
    var paths: [String] = []

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let files = try ProjectFiles.read({ var o = ProjectOptions(); o.paths = paths; return o.resolved() }()).checked()
        let rt = try runtime.runtime(.create)
        let report = try refusing { try rt.deploy(files.sources, templates: files.templates, now: try runtime.instant()) }
        let warnings = report.warnings.filter { $0.severity == .warning }
        if !warnings.isEmpty { printError(DiagnosticRenderer(sources: report.sources).render(warnings)) }
        for a in report.added { print("deployed  \(a)") }
        for u in report.unchanged { print("unchanged \(u)") }
        print("\(report.added.count) deployed, \(report.unchanged.count) unchanged (database \(runtime.path))")
    }
}
