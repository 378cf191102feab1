/// Which day counts as the first of "N workdays from" a date.
public enum CountFrom: String, Sendable, Hashable, Codable, CaseIterable {
    /// The day of assignment does not count: N workdays from the next day (the usual rule).
    case nextDay = "next_day"
    /// The day of receipt counts as the first day, when it is a workday.
    case sameDay = "same_day"
}

/// One year of official data: public holidays and makeup workdays (调休).
public struct CalendarYear: Sendable, Hashable {
    public var year: Int
    public var holidays: [Day: String]
    public var makeupWorkdays: [Day: String]
    public var source: String?

    public init(year: Int, holidays: [Day: String], makeupWorkdays: [Day: String], source: String? = nil) {
        self.year = year
        self.holidays = holidays
        self.makeupWorkdays = makeupWorkdays
        self.source = source
    }
}

/// A value computed on the calendar, with the years it needed but had no data
/// for (those days were counted as plain weekdays).
public struct Reckoned<T: Sendable>: Sendable {
    public var value: T
    public var missingYears: Set<Int>
}

/// A business calendar: weekends and, where it has data, public holidays off and
/// makeup workdays on; office hours; a time zone. A pure value: all data is
/// loaded before, nothing is read while counting.
public struct BusinessCalendar: Sendable, Hashable {
    public var name: String
    public var zone: Zone
    public var workdayStart: TimeOfDay
    public var workdayEnd: TimeOfDay
    public var countFrom: CountFrom
    /// Whether this calendar expects yearly data (cn) or is weekdays only (weekdays).
    public var expectsData: Bool
    public private(set) var years: [Int: CalendarYear]
    /// `kind(of:)` answered ahead for every day of the data years: counting
    /// workdays asks about each day it passes, once per timer a tick sets.
    private var table = DayTable()

    public init(name: String, zone: Zone = .shanghai, years: [CalendarYear] = [], expectsData: Bool = true,
                workdayStart: TimeOfDay = TimeOfDay(hour: 9, minute: 0), workdayEnd: TimeOfDay = TimeOfDay(hour: 18, minute: 0),
                countFrom: CountFrom = .nextDay) {
        self.name = name
        self.zone = zone
        self.expectsData = expectsData
        self.workdayStart = workdayStart
        self.workdayEnd = workdayEnd
        self.countFrom = countFrom
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { $1 })
        table = DayTable(self)
    }

    /// Weekends off, nothing else: the calendar for `calendar: weekdays`.
    public static let weekdays = BusinessCalendar(name: "weekdays", expectsData: false)

    public enum DayKind: Sendable, Hashable {
        case workday
        case weekend
        case holiday(String)
        case makeupWorkday(String)
        /// A weekday in a year the calendar has no data for.
        case unknownYear
    }

    public func kind(of day: Day) -> DayKind {
        if expectsData {
            guard let data = years[day.year] else { return day.isWeekend ? .weekend : .unknownYear }
            if let name = data.holidays[day] { return .holiday(name) }
            if let name = data.makeupWorkdays[day] { return .makeupWorkday(name) }
        }
        return day.isWeekend ? .weekend : .workday
    }

    public func isWorkday(_ day: Day) -> Bool {
        if let flags = table.flags(day) { return flags & DayTable.workday != 0 }
        switch kind(of: day) {
        case .workday, .makeupWorkday, .unknownYear: return true
        case .weekend, .holiday: return false
        }
    }

    /// Years this calendar would need data for to count `day` exactly.
    func missing(_ day: Day) -> Int? {
        if let flags = table.flags(day) { return flags & DayTable.known != 0 ? nil : day.year }
        return expectsData && years[day.year] == nil ? day.year : nil
    }

    /// Whether an instant falls in office hours on a workday (both ends included).
    public func isOfficeHours(_ t: Instant) -> Bool {
        let local = zone.local(t)
        return isWorkday(local.day) && local.secondOfDay >= workdayStart.secondOfDay && local.secondOfDay <= workdayEnd.secondOfDay
    }

    /// When office hours next begin after `t`: today's start if it is a
    /// workday not yet begun, else the next workday's.
    public func nextOfficeHoursStart(after t: Instant) -> Reckoned<Instant> {
        let local = zone.local(t)
        let workday = isWorkday(local.day)
        // Before the start of a workday: that day; after its end: the next; an off day rolls forward.
        let day = workday && local.secondOfDay < workdayStart.secondOfDay
            ? Reckoned(value: local.day, missingYears: []) : addWorkdays(workday ? 1 : 0, to: local.day)
        return Reckoned(value: zone.instant(LocalDateTime(day: day.value, secondOfDay: workdayStart.secondOfDay)),
                        missingYears: day.missingYears)
    }

    /// The instant a date-only deadline falls at: the end of that day's office hours.
    public func endOfWorkday(_ day: Day) -> Instant {
        zone.instant(LocalDateTime(day: day, secondOfDay: workdayEnd.secondOfDay))
    }

    // MARK: Whole days

    /// Moves a date by `n` workdays. 0 keeps a workday and rolls an off day
    /// forward; positive counts forward per `countFrom`; negative counts back.
    public func addWorkdays(_ n: Int, to day: Day) -> Reckoned<Day> {
        var missing = Set<Int>()
        func work(_ d: Day) -> Bool {
            if let y = self.missing(d) { missing.insert(y) }
            return isWorkday(d)
        }
        var d = day
        if n == 0 {
            while !work(d) { d = d.adding(days: 1) }
        } else if n > 0 {
            var left = n
            if countFrom == .sameDay, work(d) { left -= 1 }
            while left > 0 {
                d = d.adding(days: 1)
                if work(d) { left -= 1 }
            }
        } else {
            var left = -n
            while left > 0 {
                d = d.adding(days: -1)
                if work(d) { left -= 1 }
            }
        }
        return Reckoned(value: d, missingYears: missing)
    }

    /// Adds a whole-days duration (d, w, wd) to a date.
    public func add(_ duration: WorkDuration, to day: Day) -> Reckoned<Day> {
        switch duration.unit {
        case .days: return Reckoned(value: day.adding(days: duration.amount), missingYears: [])
        case .weeks: return Reckoned(value: day.adding(days: 7 * duration.amount), missingYears: [])
        case .workdays: return addWorkdays(duration.amount, to: day)
        case .minutes, .hours, .workHours:
            return Reckoned(value: day, missingYears: [])
        }
    }

    // MARK: Instants

    public func add(_ duration: WorkDuration, to instant: Instant) -> Reckoned<Instant> {
        if let seconds = duration.fixedSeconds, duration.unit != .days, duration.unit != .weeks {
            return Reckoned(value: instant.adding(seconds: seconds), missingYears: [])
        }
        let local = zone.local(instant)
        switch duration.unit {
        case .days, .weeks:
            let days = duration.unit == .days ? duration.amount : duration.amount * 7
            return Reckoned(value: zone.instant(LocalDateTime(day: local.day.adding(days: days), secondOfDay: local.secondOfDay)), missingYears: [])
        case .workdays:
            let moved = addWorkdays(duration.amount, to: local.day)
            // Rolling an off day forward by 0wd lands at the start of office hours.
            let second = duration.amount == 0 && moved.value != local.day ? workdayStart.secondOfDay : local.secondOfDay
            return Reckoned(value: zone.instant(LocalDateTime(day: moved.value, secondOfDay: second)), missingYears: moved.missingYears)
        case .workHours:
            return addWorkHours(duration.amount, to: local)
        case .minutes, .hours:
            return Reckoned(value: instant, missingYears: [])
        }
    }

    /// Work hours run only inside office hours on workdays.
    func addWorkHours(_ hours: Int, to start: LocalDateTime) -> Reckoned<Instant> {
        var missing = Set<Int>()
        func work(_ d: Day) -> Bool {
            if let y = self.missing(d) { missing.insert(y) }
            return isWorkday(d)
        }
        let open = workdayStart.secondOfDay, close = workdayEnd.secondOfDay
        var left = abs(hours) * 3600
        var day = start.day, second = start.secondOfDay
        if hours >= 0 {
            while true {
                if !work(day) || second >= close { day = day.adding(days: 1); second = open; continue }
                second = max(second, open)
                if left <= close - second { second += left; break }
                left -= close - second
                day = day.adding(days: 1); second = open
            }
        } else {
            while true {
                if !work(day) || second <= open { day = day.adding(days: -1); second = close; continue }
                second = min(second, close)
                if left <= second - open { second -= left; break }
                left -= second - open
                day = day.adding(days: -1); second = close
            }
        }
        return Reckoned(value: zone.instant(LocalDateTime(day: day, secondOfDay: second)), missingYears: missing)
    }

    /// Workdays strictly after `from` up to and including `to` (0 when `to` is not later).
    public func workdays(from: Day, to: Day) -> Reckoned<Int> {
        var missing = Set<Int>()
        var count = 0
        var d = from
        while d < to {
            d = d.adding(days: 1)
            if let y = self.missing(d) { missing.insert(y) }
            if isWorkday(d) { count += 1 }
        }
        return Reckoned(value: count, missingYears: missing)
    }
}

/// Per-day flags from the first data year's 1 January to the last one's 31
/// December, indexed by ordinal; days outside are answered the long way.
struct DayTable: Sendable, Hashable {
    static let workday: UInt8 = 1, known: UInt8 = 2
    private var first = 0
    private var days: [UInt8] = []

    init() {}

    init(_ calendar: BusinessCalendar) {
        guard calendar.expectsData, let low = calendar.years.keys.min(), let high = calendar.years.keys.max() else { return }
        first = Day(year: low, month: 1, day: 1).ordinal
        let end = Day(year: high, month: 12, day: 31).ordinal
        days = (first...end).map { ordinal in
            let day = Day(ordinal: ordinal)
            return (calendar.isWorkday(day) ? Self.workday : 0) | (calendar.years[day.year] != nil ? Self.known : 0)
        }
    }

    func flags(_ day: Day) -> UInt8? {
        let i = day.ordinal - first
        return i >= 0 && i < days.count ? days[i] : nil
    }
}
