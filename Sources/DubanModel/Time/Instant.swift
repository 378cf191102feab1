/// A point in time: whole seconds since 1970-01-01T00:00:00Z.
/// The engine never reads a clock; every instant it sees is passed in.
public struct Instant: Sendable, Hashable, Comparable, Codable {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }

    public func adding(seconds s: Int64) -> Instant { Instant(seconds: seconds + s) }

    public init(from decoder: Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(seconds)
    }
}

/// A wall-clock time on a civil date, in some zone.
public struct LocalDateTime: Sendable, Hashable, Comparable {
    public var day: Day
    /// Seconds since midnight.
    public var secondOfDay: Int

    public init(day: Day, secondOfDay: Int) {
        self.day = day
        self.secondOfDay = secondOfDay
    }

    public init(day: Day, hour: Int, minute: Int, second: Int = 0) {
        self.init(day: day, secondOfDay: hour * 3600 + minute * 60 + second)
    }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { secondOfDay % 3600 / 60 }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.day, a.secondOfDay) < (b.day, b.secondOfDay)
    }
}

/// A time of day such as 18:00, used for office hours.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondOfDay: Int

    public init(hour: Int, minute: Int) { secondOfDay = hour * 3600 + minute * 60 }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        self.init(hour: h, minute: m)
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.secondOfDay < b.secondOfDay }

    public var description: String { "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2))" }
}
