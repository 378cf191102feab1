import DubanLanguage
import DubanModel
import DubanRuntime
import DubanStore
import Foundation
import Testing

/// The example campaign, played by the real binary on a fresh database.
struct WenmingPlay {
    let db: TempDatabase
    let runtime: Runtime
    let output: Binary.Output

    /// `policy`: rewrites workflows/accountability.yaml first (in a copy of workflows/).
    init(policy edit: ((String) -> String)? = nil) throws {
        db = try TempDatabase()
        var workflows = Paths.workflows
        if let edit {
            workflows = db.dir.appendingPathComponent("workflows")
            try FileManager.default.copyItem(at: Paths.workflows, to: workflows)
            let policy = workflows.appendingPathComponent("accountability.yaml")
            try edit(try String(contentsOf: policy, encoding: .utf8)).write(to: policy, atomically: false, encoding: .utf8)
        }
        output = try Binary.run(["play", "examples/wenming-district/quarter.yaml", "--db", db.path, "--workflows", workflows.path])
        runtime = try db.runtime()
    }

    /// Day by day, what each unit met: reminders, documents, and ledger lines, with the instance.
    func escalations() throws -> [String] {
        let zone = Zone.shanghai
        func day(_ t: Instant) -> String { let d = zone.local(t).day; return "\(d) \(Day.weekdayNames[d.weekday])" }
        var lines: [String] = []
        for m in try runtime.outbox(as: .office) where m.kind == .remind {
            lines.append("\(day(m.created))  \(m.unit)  remind \(m.role) (\(m.instance))")
        }
        for d in try runtime.documents(DocumentFilter()) {
            lines.append("\(day(d.created))  \(d.unit ?? "-")  \(d.kind) \(d.year)-\(d.number) (\(d.instance))")
        }
        for e in try runtime.ledger(as: .office) {
            lines.append("\(day(e.time))  \(e.unit)  ledger \(e.kind.rawValue)\(e.clause.map { " \($0)" } ?? "")")
        }
        return lines.sorted()
    }
}

@Suite("The example campaign, day by day") struct WenmingTests {
    /// The whole quarter plays clean, and its escalations, day by day, match the golden file.
    @Test func quarter() throws {
        let play = try WenmingPlay()
        #expect(play.output.status == 0, "\(play.output.stderr)")
        #expect(play.output.stderr.isEmpty, "\(play.output.stderr)")
        let (expected, actual) = try golden(try play.escalations().joined(separator: "\n") + "\n",
                                            Paths.fixtures.appendingPathComponent("wenming/escalations.txt"))
        #expect(actual == expected, "rerun with DUBAN_UPDATE_GOLDEN=1 and read the diff")
        #expect(play.output.stdout.contains("chengguan   区城市管理委员会        5        0       5"))
    }

    /// Across Qingming and Labour Day: who was reminded, criticised, interviewed and referred, on which workday.
    @Test func ladderAcrossHolidays() throws {
        let lines = try WenmingPlay().escalations()
        func has(_ s: String) -> Bool { lines.contains(s) }
        // Task 1, due Friday 3 April and never signed for: 督办 two workdays later skips Qingming (4–6 April).
        #expect(has("2026-04-08 Wed  chengguan  supervision-order 2026-1 (1)"))
        #expect(has("2026-04-13 Mon  chengguan  criticism-notice 2026-1 (1)"))
        #expect(has("2026-04-20 Mon  chengguan  interview-notice 2026-1 (1.1)"))
        // 20 workdays: the makeup Sunday 26 April counts, 1–5 May do not.
        #expect(has("2026-05-07 Thu  chengguan  accountability-referral 2026-1 (1)"))
        // 公安分局 reports task 9 after its supervision order and before criticism: no more.
        #expect(has("2026-04-10 Fri  gongan  supervision-order 2026-2 (9)"))
        #expect(!lines.contains { $0.contains("gongan  criticism-notice") })
        // A repeat offender (two strikes in a year) starts at 约谈 the day task 3 falls overdue.
        #expect(has("2026-04-24 Fri  chengguan  interview-notice 2026-2 (3.1)"))
        #expect(!lines.contains { ($0.contains("supervision-order") || $0.contains("criticism-notice")) && $0.hasSuffix("(3)") })
        // Task 12, due Friday 8 May: the makeup Saturday 9 May is the first workday after.
        #expect(has("2026-05-11 Mon  jiaotong  supervision-order 2026-5 (12)"))
        // 月调度: never reporting, reporting late, ranked last twice running, then interviewed.
        #expect(has("2026-04-08 Wed  chengguan  ledger missed_report"))
        #expect(has("2026-04-10 Fri  jiaotong  ledger late_report"))
        #expect(has("2026-04-09 Thu  chengguan  ledger bottom_rank 创文月〔2026〕1号"))
        #expect(has("2026-05-12 Tue  chengguan  ledger bottom_rank 创文月〔2026〕2号"))
        #expect(has("2026-05-12 Tue  chengguan  interview-notice 2026-5 (33.21)"))
    }

    /// A change to the policy changes who is escalated when: 督办 after one workday instead of two.
    @Test func policyChangeShows() throws {
        let faster = try WenmingPlay { $0.replacingOccurrences(of: "    after: 2wd\n    clause: 第五条", with: "    after: 1wd\n    clause: 第五条") }
        let lines = try faster.escalations()
        #expect(lines.contains("2026-04-07 Tue  chengguan  supervision-order 2026-1 (1)"))
        #expect(lines.contains("2026-04-09 Thu  gongan  supervision-order 2026-2 (9)"))
    }
}
