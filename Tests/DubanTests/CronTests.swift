import DubanEngine
import DubanLanguage
import DubanModel
import Testing

@Suite("Cron schedules")
struct CronTests {
    /// Bad cron lines are refused with the field at fault.
    @Test(arguments: [
        ("0 9 * *", "five fields"), ("0 24 * * *", "hour"), ("0 9 0 * *", "day of month"), ("*/0 * * * *", "step"),
        ("0 9 5-1 * *", "runs backwards"), ("0 9 * foo *", "month"),
    ])
    func refused(_ line: String, _ fragment: String) {
        do {
            _ = try CronExpression(line)
            Issue.record("'\(line)' should be refused")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    /// Next slots, including names, steps and the either-day rule.
    @Test(arguments: [
        ("0 9 1 * *", "2026-01-15T10:00", "2026-02-01T09:00"),
        ("*/15 * * * *", "2026-01-15T10:07", "2026-01-15T10:15"),
        ("30 8 * * mon-fri", "2026-01-16T09:00", "2026-01-19T08:30"),
        ("0 9 13 * 5", "2026-01-10T00:00", "2026-01-13T09:00"),     // the 13th or a Friday
        ("0 0 29 2 *", "2026-03-01T00:00", "2028-02-29T00:00"),
        ("0 9 * * 0", "2026-01-15T10:00", "2026-01-18T09:00"),     // 0 and 7 are Sunday
        ("0 9 * * 7", "2026-01-15T10:00", "2026-01-18T09:00"),
    ])
    func next(_ line: String, _ after: String, _ expected: String) throws {
        let cron = try CronExpression(line)
        #expect(cron.next(after: shanghai.local(at(after))) == shanghai.local(at(expected)))
    }

    /// `roll: next_workday` makes "09:00 on the 1st" the first workday of each month,
    /// over New Year (makeup Sunday 2026-01-04), Spring Festival and a Sunday the 1st.
    @Test func firstWorkdayOfMonth() throws {
        let schedule = Schedule(cron: try CronExpression("0 9 1 * *"), roll: .nextWorkday, inputs: [], mark: .init(line: 1, column: 1))
        let slots = ScheduleSlots(schedule: schedule, calendar: CalendarTests.cn).slots(after: at("2025-12-31T00:00"), through: at("2026-11-30T00:00"))
        #expect(slots.map { shanghai.short($0) } == [
            "2026-01-04 09:00", "2026-02-02 09:00", "2026-03-02 09:00", "2026-04-01 09:00", "2026-05-06 09:00",
            "2026-06-01 09:00", "2026-07-01 09:00", "2026-08-03 09:00", "2026-09-01 09:00", "2026-10-08 09:00", "2026-11-02 09:00",
        ])
        let skip = Schedule(cron: schedule.cron, roll: .skip, inputs: [], mark: schedule.mark)
        #expect(ScheduleSlots(schedule: skip, calendar: CalendarTests.cn).slots(after: at("2025-12-31T00:00"), through: at("2026-03-31T00:00")).isEmpty)
    }

    /// The cron edges a reader may not expect are said by validate, where
    /// they apply; tabs separate fields as spaces do.
    @Test(arguments: [
        ("0 9 31 2 *", "none", "never fires"),
        ("0 9 1 * mon", "none", "fires when either matches"),
        ("0 9 * * 1/2", "none", "reaches 7, which is Sunday"),
        ("0 9 * * *", "next_workday", "roll onto the same workday"),
        ("0\t9\t1\t*\t*", "next_workday", nil),
        ("0 9 29 2 *", "none", nil),
    ] as [(String, String, String?)])
    func cronSurprises(line: String, roll: String, warning: String?) {
        let result = load(["s.yaml": """
            workflow: s
            version: 1
            calendar: weekdays
            schedule: { cron: "\(line)", roll: \(roll) }
            initial: a
            states: { a: { final: true } }
            """])
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.header))")
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.message)
        if let warning {
            #expect(warnings.contains { $0.contains(warning) }, "\(warnings)")
        } else {
            #expect(warnings.isEmpty, "\(warnings)")
        }
    }
}
