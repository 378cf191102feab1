/// A span written in workflow YAML: `30m`, `4h`, `3d` (calendar days), `2w`
/// (weeks), `5wd` (workdays) or `6wh` (work hours inside office hours).
/// A negative amount counts backwards.
public struct WorkDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        case minutes = "m", hours = "h", days = "d", weeks = "w", workdays = "wd", workHours = "wh"
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public init?(_ text: some StringProtocol) {
        // `[+-]?\d{1,6} *(wd|wh|m|h|d|w)`, scanned by hand: a regex literal is re-parsed on every use.
        let s = text.trimmingCharacters(in: .whitespaces)
        var rest = Substring(s)
        var sign = ""
        if let f = rest.first, f == "+" || f == "-" { sign = String(f); rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard (1...6).contains(digits.count), let n = Int(sign + digits) else { return nil }
        rest = rest.dropFirst(digits.count).drop { $0 == " " }
        guard let unit = Unit(rawValue: String(rest)) else { return nil }
        self.init(n, unit)
    }

    public static let syntaxHelp = "a duration is a whole number and a unit: 30m, 4h, 3d (calendar days), 2w, 5wd (workdays), 6wh (work hours)"

    public var negated: WorkDuration { WorkDuration(-amount, unit) }

    /// Whether it counts on the business calendar.
    public var isWorkTime: Bool { unit == .workdays || unit == .workHours }

    /// True for units that move a date by whole days.
    public var isWholeDays: Bool { unit == .days || unit == .weeks || unit == .workdays }

    /// Fixed seconds for clock units; nil for calendar-dependent ones.
    public var fixedSeconds: Int64? {
        switch unit {
        case .minutes: return Int64(amount) * 60
        case .hours: return Int64(amount) * 3600
        case .days: return Int64(amount) * 86400
        case .weeks: return Int64(amount) * 7 * 86400
        case .workdays, .workHours: return nil
        }
    }

    public var description: String { "\(amount)\(unit.rawValue)" }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = WorkDuration(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a duration: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
