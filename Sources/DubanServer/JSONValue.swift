import DubanModel

/// A matter's value in a response: dates and times as ISO 8601 text.
enum JSONValue: Encodable, Sendable {
    case null, bool(Bool), int(Int), text(String), list([JSONValue])

    init(_ v: Value, zone: Zone = .shanghai) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .datetime(let t): self = .text(zone.iso(t))
        case .list(let items): self = .list(items.map { JSONValue($0, zone: zone) })
        case .text, .date, .duration, .unit: self = .text(v.display(in: zone))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .text(let s): try c.encode(s)
        case .list(let items): try c.encode(items)
        }
    }
}

/// A time as responses give it: ISO 8601 in Asia/Shanghai.
func iso(_ t: Instant) -> String { Zone.shanghai.iso(t) }
