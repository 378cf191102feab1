import ArgumentParser
import DubanLanguage
import DubanModel
import Foundation

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Workday arithmetic on the business calendar (holidays and makeup workdays).",
        discussion: """
        Holiday data is one file a year, e.g. workflows/calendars/cn-2026.yaml, taken from the \
        State Council's notice. Add next year's file each December ('duban calendar import \
        NOTICE.txt' writes it from the notice's text); a date in a year with no file is counted \
        on plain weekdays, with a warning, and from 1 December tick and validate warn that \
        next year's file is missing.
        """,
        subcommands: [Add.self, Info.self, Import.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The calendar: cn (holidays from data files) or weekdays.")
        var calendar = "cn"

        @Option(help: ArgumentHelp("The folder of calendar files (default: ./workflows/calendars, ./calendars, then the shipped ones: installed beside duban, else built into it).", valueName: "DIR"))
        var calendars: String?

        @Option(help: "Time zone, an IANA name or an offset.")
        var timezone = "Asia/Shanghai"

        @Option(help: ArgumentHelp("Office hours, for work hours (wh) and 0wd.", valueName: "HH:MM-HH:MM"))
        var officeHours = OfficeHours.standard.description

        func load(countFrom: CountFrom = .nextDay) throws -> BusinessCalendar {
            guard let zone = Zone(timezone) else { throw ValidationError("unknown time zone '\(timezone)'") }
            guard let hours = OfficeHours(officeHours) else { throw ValidationError("--office-hours must be HH:MM-HH:MM, e.g. 08:30-17:30") }
            var project = Project()
            if calendar != "weekdays" {
                let folder = calendars ?? Self.localFolder()
                if let folder {
                    project = try ProjectFiles.load([folder], quietWarnings: true).project
                } else {
                    // The shipped calendars: installed beside the binary, else built into it.
                    let files = ShippedFiles.paths(under: "workflows/calendars/").filter { $0.hasSuffix(".yaml") }
                    project = ProjectLoader.load(files.compactMap { p in ShippedFiles.text(p).map { SourceFile(path: p, text: $0) } }).project
                }
                let dir = folder ?? "the shipped calendars"
                guard project.calendarYears[calendar] != nil else {
                    let known = project.calendarNames.joined(separator: ", ")
                    throw ValidationError("no data for calendar '\(calendar)' in \(dir)\(suggestion(calendar, project.calendarNames)); known: \(known)")
                }
            }
            return project.calendar(named: calendar, zone: zone, countFrom: countFrom, hours: hours)
        }

        /// A project's own calendar folder, in the current folder.
        static func localFolder() -> String? {
            ["workflows/calendars", "calendars"].first { FileManager.default.fileExists(atPath: $0) }
        }
    }

    static func warnMissing(_ years: Set<Int>, _ calendar: BusinessCalendar) {
        if !years.isEmpty { printError("warning: " + missingCalendarYearMessage(calendar: calendar.name, years: years)) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a duration to a date or a date-time and print the result.",
            discussion: """
            Examples:
              duban calendar add 2026-09-30 1wd          → 2026-10-08 (over National Day)
              duban calendar add 2026-04-30T10:00 -2wd   → 2026-04-28T10:00:00+08:00
              duban calendar add 2026-05-06T17:00 2wh    → 2026-05-07T10:00:00+08:00 (office hours 09:00–18:00)

            The day of assignment does not count unless --count-from same_day.
            """
        )

        @Argument(help: "YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a date-time.")
        var date: String

        // Collected unparsed so that a negative duration such as -2wd is not taken for a flag.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("30m, 4h, 3d, 2w, 5wd (workdays), 6wh (work hours); negative counts back.", valueName: "duration"))
        var durationWords: [String] = []

        @Option(help: "next_day (the day given does not count) or same_day.")
        var countFrom: String = CountFrom.nextDay.rawValue

        @OptionGroup var options: Options

        func run() throws {
            guard durationWords.count == 1, let duration = durationWords.first else {
                throw ValidationError("give one duration after the date, e.g. 5wd or -2wd")
            }
            guard let d = WorkDuration(duration) else { throw ValidationError("'\(duration)' is not a duration: \(WorkDuration.syntaxHelp)") }
            guard let from = CountFrom(rawValue: countFrom) else { throw ValidationError("--count-from is next_day or same_day") }
            let calendar = try options.load(countFrom: from)
            if let day = Day(iso: date), d.isWholeDays {
                let r = calendar.add(d, to: day)
                warnMissing(r.missingYears, calendar)
                print(r.value)
            } else {
                guard let t = calendar.zone.parse(date) else { throw ValidationError("'\(date)' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)") }
                let r = calendar.add(d, to: t)
                warnMissing(r.missingYears, calendar)
                print(calendar.zone.iso(r.value))
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether a date is a workday or off, and why.")

        @Argument(help: "YYYY-MM-DD.")
        var date: String

        @OptionGroup var options: Options

        func run() throws {
            guard let day = Day(iso: date) else { throw ValidationError("'\(date)' is not a date (YYYY-MM-DD)") }
            let calendar = try options.load()
            let name = "\(day) \(Day.weekdayNames[day.weekday])"
            switch calendar.kind(of: day) {
            case .workday: print("workday — \(name), a weekday")
            case .weekend: print("off — \(name), weekend")
            case .holiday(let h): print("off — \(name), public holiday \(h)")
            case .makeupWorkday(let h): print("workday — \(name), makeup workday (调休) for \(h)")
            case .unknownYear:
                print("workday — \(name), a weekday (no holiday data for \(day.year))")
                warnMissing([day.year], calendar)
            }
        }
    }
}
