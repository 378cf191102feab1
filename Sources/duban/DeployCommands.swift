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

    @Flag(help: "Also write the example district (20 units, a quarter to play) to DIR/example.")
    var example = false

    func run() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir), !((try? fm.contentsOfDirectory(atPath: dir)) ?? []).isEmpty {
            throw ValidationError("\(dir) is not empty: choose a new folder")
        }
        let root = URL(fileURLWithPath: dir)
        var copies = ShippedFiles.paths(under: "workflows/").map { ($0, $0) }
        copies.append(("examples/quickstart/units.yaml", "workflows/units.yaml"))
        if example {
            copies += ShippedFiles.paths(under: "examples/wenming-district/").map { ($0, "example/" + ($0 as NSString).lastPathComponent) }
        }
        for (from, to) in copies {
            guard let text = ShippedFiles.text(from) else { throw ValidationError("the shipped file \(from) is missing") }
            let url = root.appendingPathComponent(to)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try writeFile(Data(text.utf8), to: url.path)
        }
        print("created \(dir)/workflows: the shipped workflows, policy, calendars, documents.yaml (edit the issuer and 代字) and a sample units.yaml")
        if example { print("and \(dir)/example: play it with 'duban play example/quarter.yaml --db example.sqlite --out out'") }
        print("next: cd \(dir) && duban validate && duban deploy")
    }
}

/// The shipped workflows, calendars and examples: files installed under
/// share/duban beside the binary (or the source tree, run from .build) win;
/// otherwise the copies built into the binary, so a `duban` copied anywhere
/// still has them.
enum ShippedFiles {
    static let folder: URL? = {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [exe.appendingPathComponent("../share/duban"), exe.appendingPathComponent("../../.."), exe.appendingPathComponent("../..")]
        return candidates.map(\.standardized).first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("workflows/rectification.yaml").path) }
    }()

    /// The shipped files under a project path such as `workflows/`.
    static func paths(under prefix: String) -> [String] {
        guard let folder else { return Embedded.files.keys.filter { $0.hasPrefix(prefix) }.sorted() }
        let base = folder.appendingPathComponent(prefix)
        let found = FileManager.default.enumerator(atPath: base.path)?.allObjects as? [String] ?? []
        return found.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path, isDirectory: &isDir) && !isDir.boolValue
        }.map { prefix + $0 }.sorted()
    }

    static func text(_ path: String) -> String? {
        guard let folder else { return Embedded.files[path] }
        return FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
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
        print("\(report.added.count) deployed, \(report.unchanged.count) unchanged (database \(runtime.location))")
    }
}
