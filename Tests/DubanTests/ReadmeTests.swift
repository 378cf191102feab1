import DubanEngine
import DubanLanguage
import DubanModel
import Foundation
import Testing

@Suite("README")
struct ReadmeTests {
    /// The README's 15-line workflow validates and does what the README says on the days it says.
    @Test func exampleWorkflow() throws {
        let readme = try String(contentsOf: Paths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## A workflow in 15 lines"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```yaml\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        let yaml = String(rest[start.upperBound..<end.lowerBound])
        let result = try shipped(plus: ["quick-fix.yaml": yaml])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.header))")
        let w = try #require(result.project.workflow("quick-fix"))
        let trace = Simulator(project: result.project).run(w, inputs: ["unit": .text("chengguan")], from: at("2026-09-29T09:00"), until: at("2026-10-31T00:00"), script: [])
        func when(_ kind: TraceEntry.Kind, _ detail: String) -> String? {
            trace.first { $0.kind == kind && $0.detail.contains(detail) }.map { shanghai.short($0.time) }
        }
        #expect(trace.first?.detail.contains("deadline=2026-10-09") == true)
        #expect(when(.remind, "[reminder]") == "2026-10-08 18:00")
        #expect(when(.transition, "at deadline") == "2026-10-09 18:00")
        #expect(when(.escalate, "督办") == "2026-10-12 18:00")
        #expect(when(.escalate, "通报批评") == "2026-10-15 18:00")
    }

    /// Every `duban` command and subcommand the binary has is named in the
    /// command-line reference, as `duban PATH` in code.
    @Test func commandLineReference() throws {
        let dump = try Binary.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var paths: [String] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            guard let name = command["commandName"] as? String, name != "help" else { return }
            let here = path + [name]
            paths.append(here.joined(separator: " "))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, here) }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        #expect(paths.count > 20)
        let reference = try String(contentsOf: Paths.root.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        for path in paths.dropFirst() {
            #expect([" ", "`", " ["].contains { reference.contains("`\(path)\($0)") }, "docs/cli.md does not name `\(path)`")
        }
    }

    /// The README links each reference page, and each link leads to a file that exists.
    @Test func referenceLinks() throws {
        let readme = try String(contentsOf: Paths.root.appendingPathComponent("README.md"), encoding: .utf8)
        for page in ["cli", "language", "operations", "documents", "delivery", "campaign", "performance", "design", "testing"] {
            #expect(readme.contains("](docs/\(page).md"), "README does not link docs/\(page).md")
            #expect(FileManager.default.fileExists(atPath: Paths.root.appendingPathComponent("docs/\(page).md").path))
        }
    }
}
