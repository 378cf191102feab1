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
}
