import DubanEngine
import DubanLanguage
import DubanModel
import Foundation
import Testing

@Suite("Monthly scheduling and for-each")
struct MonthlySchedulingTests {
    let project: Project
    let engine: Engine
    let monthly: WorkflowDefinition

    init() throws {
        let units = try String(contentsOf: Paths.root.appendingPathComponent("examples/quickstart/units.yaml"), encoding: .utf8)
        project = try shipped(plus: ["workflows/units.yaml": units]).project
        engine = Engine(project: project)
        monthly = try #require(project.workflow("monthly-scheduling"))
    }

    func context(_ time: String, ledger: [LedgerEntry] = []) -> EngineContext {
        EngineContext(now: at(time), calendar: project.calendar(for: monthly), ledger: ledger)
    }

    func spawned(_ effects: [Effect]) -> [(String, [String: Value])] {
        effects.compactMap { if case .spawn(_, let w, let inputs) = $0 { return (w, inputs) }; return nil }
    }

    /// Started on the first workday of May 2026 (after Labour Day), it asks every unit for a report due on the 5th workday, and ranks the day after.
    @Test func asksEveryUnit() throws {
        let step = try engine.start(monthly, id: "s1", inputs: ["month": .text("2026-05-06")], context: context("2026-05-06T09:00"))
        let children = spawned(step.effects)
        #expect(children.map(\.0) == ["progress-report", "progress-report", "progress-report"])
        #expect(children.map { $0.1["unit"] } == [.unit("chengguan"), .unit("gongan"), .unit("jiaotong")])
        #expect(children.allSatisfy { $0.1["due"] == .date(day("2026-05-11")) })   // 6, 7, 8, 9 (makeup Saturday), 11 May
        #expect(step.effects.contains(.scheduleTimer(.after(0), due: at("2026-05-12T09:00"))))   // the next workday morning
    }

    /// Only a unit ranked last in two circulars within 62 days is interviewed; the ledger decides, unit by unit.
    @Test func interviewsTheRepeatedLast() throws {
        let start = try engine.start(monthly, id: "s1", inputs: ["month": .text("2026-05-06")], context: context("2026-05-06T09:00"))
        let ledger = [
            LedgerEntry(unit: "gongan", kind: .bottomRank, time: at("2026-04-09T09:00")),
            LedgerEntry(unit: "gongan", kind: .bottomRank, time: at("2026-05-13T09:00")),
            LedgerEntry(unit: "jiaotong", kind: .bottomRank, time: at("2026-02-09T09:00")),   // too long ago
            LedgerEntry(unit: "jiaotong", kind: .bottomRank, time: at("2026-05-13T09:00")),
        ]
        let ranking = engine.fire(.after(0), on: start.instance, definition: monthly, context: context("2026-05-13T09:00", ledger: ledger))
        #expect(ranking.effects.contains { if case .renderDocument("monthly-circular", _, _, _) = $0 { return true }; return false })
        let reviewed = engine.fire(.after(0), on: ranking.instance, definition: monthly, context: context("2026-05-13T10:00", ledger: ledger))
        let interviews = spawned(reviewed.effects)
        #expect(interviews.map(\.0) == ["interview"])
        #expect(interviews.first?.1["unit"] == .unit("gongan") && interviews.first?.1["reason"] == .text("连续两个月月调度排名末位"))
    }

    /// for_each needs a list, and 'as' or 'if' without it is refused, each where it is written.
    @Test func forEachMistakes() throws {
        let r = try shipped(plus: ["workflows/bad.yaml": """
        workflow: bad
        version: 1
        inputs: { unit: { type: unit, required: true } }
        initial: a
        states:
          a:
            enter:
              - { spawn: { workflow: pledge, for_each: unit, inputs: { unit: unit, commitment: "'x'" } } }
              - { spawn: { workflow: pledge, if: "true", inputs: { unit: unit, commitment: "'x'" } } }
              - { spawn: { workflow: pledge, for_each: "all_units()", as: u, if: "u.strikes(30d)", inputs: { unit: u, commitment: "'x'" } } }
            final: true
        """])
        let messages = r.diagnostics.filter { $0.file == "workflows/bad.yaml" && $0.severity == .error }.map { "\($0.mark!.line): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("8: for_each needs a list, but 'unit' is unit") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("9: 'as' and 'if' go with 'for_each'") })
        #expect(messages.contains { $0.hasPrefix("10: the condition must be bool") })
    }
}
