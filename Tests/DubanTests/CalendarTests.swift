import DubanLanguage
import DubanModel
import Testing

@Suite("The cn business calendar")
struct CalendarTests {
    static let cn: BusinessCalendar = {
        let project = try! shipped().project
        return project.calendar(named: "cn")
    }()

    /// The per-day table the calendar counts with answers as the holiday data does,
    /// at the edges of the data years and beyond them (where years are reported missing).
    @Test func dayTableAgreesWithData() {
        var d = day("2023-12-01")
        while d <= day("2027-02-28") {
            let expected = switch Self.cn.kind(of: d) {
            case .workday, .makeupWorkday, .unknownYear: true
            case .weekend, .holiday: false
            }
            #expect(Self.cn.isWorkday(d) == expected, "\(d)")
            let missing = Self.cn.workdays(from: d.adding(days: -1), to: d).missingYears
            #expect(missing == ([2024, 2025, 2026].contains(d.year) ? [] : [d.year]), "\(d)")
            d = d.adding(days: 1)
        }
    }

    /// Day kinds around Spring Festival and National Day, with their makeup weekend days.
    @Test(arguments: [
        ("2026-02-14", "makeup 春节"), ("2026-02-15", "holiday 春节"), ("2026-02-23", "holiday 春节"), ("2026-02-24", "workday"),
        ("2026-02-28", "makeup 春节"), ("2026-03-01", "weekend"), ("2026-09-20", "makeup 国庆节"), ("2026-10-01", "holiday 国庆节"),
        ("2026-10-07", "holiday 国庆节"), ("2026-10-10", "makeup 国庆节"), ("2026-10-11", "weekend"),
        ("2025-01-26", "makeup 春节"), ("2025-10-08", "holiday 国庆节、中秋节"), ("2025-10-11", "makeup 国庆节、中秋节"),
        ("2024-09-29", "makeup 国庆节"), ("2024-10-12", "makeup 国庆节"), ("2024-02-18", "makeup 春节"),
        ("2027-03-01", "unknown"), ("2027-03-06", "weekend"),
    ])
    func kinds(_ date: String, _ expected: String) {
        let kind: String
        switch Self.cn.kind(of: day(date)) {
        case .workday: kind = "workday"
        case .weekend: kind = "weekend"
        case .holiday(let n): kind = "holiday \(n)"
        case .makeupWorkday(let n): kind = "makeup \(n)"
        case .unknownYear: kind = "unknown"
        }
        #expect(kind == expected, "\(date)")
    }

    /// Workday arithmetic forwards and backwards across the festivals.
    @Test(arguments: [
        ("2026-02-13", 1, "2026-02-14"),   // Friday → makeup Saturday
        ("2026-02-14", 1, "2026-02-24"),   // over the whole Spring Festival
        ("2026-02-24", -1, "2026-02-14"),
        ("2026-02-12", 3, "2026-02-24"),
        ("2026-09-30", 1, "2026-10-08"),   // over National Day
        ("2026-10-08", 2, "2026-10-10"),   // the makeup Saturday counts
        ("2026-10-09", -1, "2026-10-08"),
        ("2026-10-08", -1, "2026-09-30"),
        ("2026-09-18", 1, "2026-09-20"),   // makeup Sunday
        ("2024-09-27", 1, "2024-09-29"),
        ("2024-09-30", 1, "2024-10-08"),
        ("2026-10-03", 0, "2026-10-08"),   // 0wd rolls an off day forward
        ("2026-10-09", 0, "2026-10-09"),
    ])
    func addWorkdays(_ from: String, _ n: Int, _ expected: String) {
        let r = Self.cn.addWorkdays(n, to: day(from))
        #expect(r.value == day(expected))
        #expect(r.missingYears.isEmpty)
    }

    /// With same_day counting, the day of receipt is the first workday.
    @Test func sameDayCounting() {
        var c = Self.cn
        c.countFrom = .sameDay
        #expect(c.addWorkdays(1, to: day("2026-05-06")).value == day("2026-05-06"))
        #expect(c.addWorkdays(5, to: day("2026-04-29")).value == day("2026-05-08"))
        // An off day is not counted even then.
        #expect(c.addWorkdays(1, to: day("2026-05-02")).value == day("2026-05-06"))
    }

    /// A year with no data is counted on weekdays and named, never silently.
    @Test func missingYear() {
        let r = Self.cn.addWorkdays(3, to: day("2026-12-30"))
        #expect(r.value == day("2027-01-04"))
        #expect(r.missingYears == [2027])
        #expect(missingCalendarYearMessage(calendar: "cn", years: [2027]).contains("2027"))
    }

    /// A datetime moved by workdays keeps its time; work hours run inside office hours only.
    @Test func instants() {
        let c = Self.cn
        #expect(c.add(WorkDuration(1, .workdays), to: at("2026-04-30T10:30")).value == at("2026-05-06T10:30"))
        #expect(c.add(WorkDuration(2, .workHours), to: at("2026-05-06T17:00")).value == at("2026-05-07T10:00"))
        #expect(c.add(WorkDuration(3, .workHours), to: at("2026-04-30T20:00")).value == at("2026-05-06T12:00"))
        #expect(c.add(WorkDuration(-2, .workHours), to: at("2026-05-06T10:00")).value == at("2026-04-30T17:00"))
        #expect(c.add(WorkDuration(0, .workdays), to: at("2026-05-02T22:00")).value == at("2026-05-06T09:00"))
        #expect(c.add(WorkDuration(3, .days), to: at("2026-04-30T10:00")).value == at("2026-05-03T10:00"))
        #expect(c.add(WorkDuration(90, .minutes), to: at("2026-04-30T23:00")).value == at("2026-05-01T00:30"))
        #expect(c.endOfWorkday(day("2026-05-06")) == at("2026-05-06T18:00"))
    }

    /// Workdays between two dates, as used for "days overdue".
    @Test func workdaysBetween() {
        #expect(Self.cn.workdays(from: day("2026-09-30"), to: day("2026-10-10")).value == 3)
        #expect(Self.cn.workdays(from: day("2026-10-10"), to: day("2026-09-30")).value == 0)
    }

    /// Civil date conversion round-trips and knows weekdays and leap years; ISO dates read back, malformed ones do not.
    @Test func days() {
        #expect(day("1970-01-01").ordinal == 0)
        #expect(day("2026-11-23").weekday == 1)
        #expect(day("2024-02-29").components == (2024, 2, 29))
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        for bad in ["", "2026-3-09", "2026-03-9", "20260309", "2026-03-09 ", "2026/03/09", "+202-03-09", "２０２６-03-09", "2026-00-10", "2026-04-31"] {
            #expect(Day(iso: bad) == nil, "\(bad)")
        }
        for o in stride(from: -800_000, through: 800_000, by: 997) {
            let d = Day(ordinal: o)
            #expect(Day(year: d.components.year, month: d.components.month, day: d.components.day) == d)
            if (1000...9999).contains(d.components.year) { #expect(Day(iso: d.description) == d) }
        }
    }

    /// Durations parse as written and reject what is not one.
    @Test func durations() {
        #expect(WorkDuration("5wd") == WorkDuration(5, .workdays))
        #expect(WorkDuration("-2wd") == WorkDuration(-2, .workdays))
        #expect(WorkDuration("30m") == WorkDuration(30, .minutes))
        #expect(WorkDuration("6wh") == WorkDuration(6, .workHours))
        #expect(WorkDuration("2 days") == nil)
        #expect(WorkDuration("wd") == nil)
        #expect(WorkDuration("1.5d") == nil)
        #expect(WorkDuration("5 wd") == WorkDuration(5, .workdays))
        #expect(WorkDuration("+3h") == WorkDuration(3, .hours))
        #expect(WorkDuration("1234567d") == nil)
        #expect(WorkDuration("5wdx") == nil)
        #expect(WorkDuration("-d") == nil)
    }

    /// Times parse with or without a zone and print as ISO 8601 with +08:00.
    @Test func zone() {
        #expect(shanghai.iso(at("2026-05-06T09:00")) == "2026-05-06T09:00:00+08:00")
        #expect(shanghai.parse("2026-05-06T01:00Z") == at("2026-05-06T09:00"))
        #expect(shanghai.parse("2026-05-06 09:00") == at("2026-05-06T09:00"))
        #expect(shanghai.parse("2026-05-06T25:00") == nil)
        #expect(Zone("Europe/Berlin")?.iso(at("2026-07-01T14:00")) == "2026-07-01T08:00:00+02:00")
    }
}
