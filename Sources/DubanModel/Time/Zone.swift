import Foundation

/// A time zone: converts between instants and wall-clock times.
///
/// Built from an IANA name through the system's tz database, or from a fixed
/// offset such as `+08:00`. The conversion reads no clock.
public struct Zone: Sendable, Hashable, CustomStringConvertible {
    public let identifier: String
    private let fixedOffset: Int?

    public static let shanghai = Zone(name: "Asia/Shanghai", fixed: 8 * 3600)

    private init(name: String, fixed: Int?) {
        identifier = name
        fixedOffset = fixed
    }

    /// `Asia/Shanghai` is kept as a fixed +08:00: China has had no daylight
    /// saving since 1991, and this avoids depending on tzdata for the default.
    public init?(_ name: String) {
        if name == "Asia/Shanghai" || name == "PRC" { self = .shanghai; return }
        if let offset = Zone.parseOffset(name) { self.init(name: name, fixed: offset); return }
        guard TimeZone(identifier: name) != nil else { return nil }
        self.init(name: name, fixed: nil)
    }

    static func parseOffset(_ s: String) -> Int? {
        if s == "Z" || s == "UTC" { return 0 }
        guard let m = s.wholeMatch(of: /([+-])(\d{2}):?(\d{2})/), let h = Int(m.2), let mm = Int(m.3), h <= 14, mm < 60 else { return nil }
        return (m.1 == "-" ? -1 : 1) * (h * 3600 + mm * 60)
    }

    public func offset(at instant: Instant) -> Int {
        if let fixedOffset { return fixedOffset }
        let tz = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)!
        return tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds)))
    }

    public func local(_ instant: Instant) -> LocalDateTime {
        let t = instant.seconds + Int64(offset(at: instant))
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        return LocalDateTime(day: Day(ordinal: Int(days)), secondOfDay: Int(t - days * 86400))
    }

    public func instant(_ local: LocalDateTime) -> Instant {
        let naive = Int64(local.day.ordinal) * 86400 + Int64(local.secondOfDay)
        // Two passes settle the offset around a daylight-saving change.
        var guess = Instant(seconds: naive - Int64(offset(at: Instant(seconds: naive))))
        guess = Instant(seconds: naive - Int64(offset(at: guess)))
        return guess
    }

    /// ISO 8601 with the zone's offset: `2026-05-06T09:00:00+08:00`.
    public func iso(_ instant: Instant) -> String {
        let l = local(instant)
        let off = offset(at: instant)
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        return "\(l.day)T\(pad(l.hour, 2)):\(pad(l.minute, 2)):\(pad(l.secondOfDay % 60, 2))\(sign)\(pad(a / 3600, 2)):\(pad(a % 3600 / 60, 2))"
    }

    /// `2026-05-06 09:00`, for people.
    public func short(_ instant: Instant) -> String {
        let l = local(instant)
        return "\(l.day) \(pad(l.hour, 2)):\(pad(l.minute, 2))"
    }

    /// Reads `2026-05-06`, `2026-05-06T09:00`, `2026-05-06 09:00:30`, with an
    /// optional `Z` or `+08:00`; without one the time is in this zone.
    public func parse(_ text: String) -> Instant? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let day = Day(iso: s) { return instant(LocalDateTime(day: day, secondOfDay: 0)) }
        guard let m = s.wholeMatch(of: /(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?/),
              let day = Day(iso: m.1), let h = Int(m.2), let mi = Int(m.3), h < 24, mi < 60 else { return nil }
        let sec = m.4.flatMap { Int($0) } ?? 0
        guard sec < 60 else { return nil }
        let local = LocalDateTime(day: day, hour: h, minute: mi, second: sec)
        if let z = m.5 {
            // An offset that is not one (+99:99) is refused, not read as local time.
            guard let off = Zone.parseOffset(String(z)) else { return nil }
            return Instant(seconds: Int64(day.ordinal) * 86400 + Int64(local.secondOfDay) - Int64(off))
        }
        return instant(local)
    }

    public var description: String { identifier }
}
