/// A five-field cron line: minute hour day-of-month month day-of-week,
/// with `*`, lists, ranges, steps, and names (jan…dec, mon…sun). Day of week
/// 0 and 7 are Sunday. When both day fields are restricted, either may match
/// (as in Vixie cron).
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    let daysRestricted: Bool, weekdaysRestricted: Bool

    public struct ParseError: Error, Sendable {
        public var message: String
        /// Character offset of the field at fault.
        public var offset: Int
    }

    private static let fieldNames = ["minute", "hour", "day of month", "month", "day of week"]
    private static let ranges = [0...59, 0...23, 1...31, 1...12, 0...7]
    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    public init(_ source: String) throws(ParseError) {
        self.source = source
        // Fields are separated by any run of spaces or tabs, as cron reads them.
        var fields: [(String, Int)] = []
        var current = "", start = 0
        for (offset, c) in source.enumerated() {
            if c == " " || c == "\t" {
                if !current.isEmpty { fields.append((current, start)) }
                current = ""
            } else {
                if current.isEmpty { start = offset }
                current.append(c)
            }
        }
        if !current.isEmpty { fields.append((current, start)) }
        guard fields.count == 5 else {
            throw ParseError(message: "a cron line has five fields (minute hour day-of-month month day-of-week), this one has \(fields.count): e.g. '0 9 1 * *' is 09:00 on the 1st of each month", offset: 0)
        }
        var sets: [Set<Int>] = []
        for (i, (field, at)) in fields.enumerated() {
            sets.append(try Self.parseField(field, index: i, at: at))
        }
        minutes = sets[0]; hours = sets[1]; days = sets[2]; months = sets[3]
        weekdays = Set(sets[4].map { $0 % 7 })
        daysRestricted = fields[2].0 != "*"
        weekdaysRestricted = fields[4].0 != "*"
        weekdayStepReachesSunday = fields[4].0.contains("/") && sets[4].contains(7)
    }

    /// Whether a step in the day-of-week field (`1/2`) reaches 7, which is Sunday.
    let weekdayStepReachesSunday: Bool

    /// What a reader of the line may not expect, for `validate` to say: a
    /// line that never fires, both day fields set, a step that reaches Sunday.
    public var surprises: [String] {
        var out: [String] = []
        let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if !weekdaysRestricted, !months.contains(where: { m in days.contains { $0 <= longest[m - 1] } }) {
            out.append("'\(source)' never fires: no month it names has the day it names")
        }
        if daysRestricted && weekdaysRestricted {
            out.append("'\(source)' sets both the day of month and the day of week: as in cron, it fires when either matches, not only when both do")
        }
        if weekdayStepReachesSunday {
            out.append("the step in the day-of-week field of '\(source)' reaches 7, which is Sunday (0 and 7 both are): it fires on Sundays too")
        }
        return out
    }

    /// Whether the line can fire on two days in a row: with `roll:
    /// next_workday`, the slots of a weekend or holiday then merge into one.
    public var firesOnConsecutiveDays: Bool {
        func consecutive(_ set: Set<Int>, modulo: Int?) -> Bool {
            set.contains { n in set.contains(modulo.map { (n + 1) % $0 } ?? n + 1) }
        }
        if !daysRestricted && !weekdaysRestricted { return true }
        return (weekdaysRestricted && consecutive(weekdays, modulo: 7)) || (daysRestricted && consecutive(days, modulo: nil))
    }

    private static func parseField(_ field: String, index: Int, at: Int) throws(ParseError) -> Set<Int> {
        let range = ranges[index]
        let what = fieldNames[index]
        func number(_ s: Substring) throws(ParseError) -> Int {
            let lower = s.lowercased()
            if index == 3, let m = monthNames.firstIndex(of: lower) { return m + 1 }
            if index == 4, let d = dayNames.firstIndex(of: lower) { return d }
            guard let n = Int(s), range.contains(n) else {
                throw ParseError(message: "'\(s)' is not a valid \(what): use \(range.lowerBound)-\(range.upperBound)", offset: at)
            }
            return n
        }
        var result = Set<Int>()
        for item in field.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw ParseError(message: "an empty item in the \(what) list", offset: at) }
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { throw ParseError(message: "'\(item)' has more than one '/'", offset: at) }
            var step = 1
            if stepParts.count == 2 {
                guard let s = Int(stepParts[1]), s > 0 else {
                    throw ParseError(message: "the step after '/' in '\(item)' must be a whole number above 0", offset: at)
                }
                step = s
            }
            let base = stepParts[0]
            var lo: Int, hi: Int
            if base == "*" {
                lo = range.lowerBound; hi = range.upperBound
            } else if let dash = base.firstIndex(of: "-") {
                lo = try number(base[..<dash]); hi = try number(base[base.index(after: dash)...])
                guard lo <= hi else { throw ParseError(message: "the range '\(base)' in the \(what) runs backwards", offset: at) }
            } else {
                lo = try number(base); hi = stepParts.count == 2 ? range.upperBound : lo
            }
            result.formUnion(stride(from: lo, through: hi, by: step))
        }
        return result
    }

    public func matches(_ day: Day) -> Bool {
        let (_, month, dom) = day.components
        guard months.contains(month) else { return false }
        let dow = day.weekday % 7
        switch (daysRestricted, weekdaysRestricted) {
        case (true, true): return days.contains(dom) || weekdays.contains(dow)
        case (true, false): return days.contains(dom)
        case (false, true): return weekdays.contains(dow)
        case (false, false): return true
        }
    }

    /// The first slot strictly after `time`, searched up to eight years ahead.
    public func next(after time: LocalDateTime) -> LocalDateTime? {
        var day = time.day
        for _ in 0..<(366 * 8) {
            if matches(day) {
                for h in hours.sorted() {
                    for m in minutes.sorted() {
                        let slot = LocalDateTime(day: day, hour: h, minute: m)
                        if slot > time { return slot }
                    }
                }
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    public var description: String { source }
}
