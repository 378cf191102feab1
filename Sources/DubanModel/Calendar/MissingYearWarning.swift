/// The one sentence every place uses when a calendar lacks a year's data.
public func missingCalendarYearMessage(calendar: String, years: Set<Int>) -> String {
    let list = years.sorted().map(String.init).joined(separator: ", ")
    return "calendar '\(calendar)' has no holiday data for \(list): those days were counted as plain weekdays (add \(calendar)-\(years.sorted().first ?? 0).yaml to the calendars folder when the State Council publishes the schedule)"
}
