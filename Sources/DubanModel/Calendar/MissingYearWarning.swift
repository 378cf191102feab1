/// The one sentence every place uses when a calendar lacks a year's data.
public func missingCalendarYearMessage(calendar: String, years: Set<Int>) -> String {
    let list = years.sorted().map(String.init).joined(separator: ", ")
    return "calendar '\(calendar)' has no holiday data for \(list): those days were counted as plain weekdays (add \(calendar)-\(years.sorted().first ?? 0).yaml to the calendars folder when the State Council publishes the schedule)"
}

/// From 1 December, for a calendar that has this year's data and not next
/// year's: the State Council publishes the schedule around then, and a
/// deadline in January would otherwise count plain weekdays.
public func nextYearCalendarWarning(calendar: String, years: Set<Int>, today: Day) -> String? {
    let (year, month, _) = today.components
    guard month == 12, years.contains(year), !years.contains(year + 1) else { return nil }
    return "calendar '\(calendar)' has no data for \(year + 1) yet: add \(calendar)-\(year + 1).yaml to the calendars folder "
        + "from the State Council's notice on \(year + 1)'s public holidays, or deadlines from 1 January count plain weekdays"
}

extension Project {
    /// Each calendar's warning that next year's data is missing, as of `today`.
    public func nextYearCalendarWarnings(today: Day) -> [String] {
        calendarYears.keys.sorted().compactMap { name in
            nextYearCalendarWarning(calendar: name, years: Set(calendarYears[name]!.map(\.year)), today: today)
        }
    }
}
