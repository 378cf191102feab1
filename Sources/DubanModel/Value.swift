/// A value held by an instance variable, an input or an event payload.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case text(String)
    case date(Day)
    case datetime(Instant)
    case duration(WorkDuration)
    /// A responsible unit's id, as in units.yaml.
    case unit(String)
    case list([Value])

    public var type: ValueType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .text: return .text
        case .date: return .date
        case .datetime: return .datetime
        case .duration: return .duration
        case .unit: return .unit
        case .list(let items): return .list(items.first?.type ?? .any)
        }
    }

    /// How the value reads in a timeline or a message.
    public func display(in zone: Zone) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .text(let s): return s
        case .date(let d): return d.description
        case .datetime(let t): return zone.short(t)
        case .duration(let d): return d.description
        case .unit(let u): return u
        case .list(let items): return "[" + items.map { $0.display(in: zone) }.joined(separator: ", ") + "]"
        }
    }

    /// The value as a JSON fragment (dates and times as ISO 8601 text).
    public func json(in zone: Zone) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .datetime(let t): return jsonString(zone.iso(t))
        case .list(let items): return "[" + items.map { $0.json(in: zone) }.joined(separator: ",") + "]"
        case .text, .date, .duration, .unit: return jsonString(display(in: zone))
        }
    }
}

/// The type of a value, as declared in YAML (`type: date`, `type: list, of: unit`).
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case null, bool, int, text, date, datetime, duration, unit
    case enumeration([String])
    case list(ValueType)
    /// Files sent with an event (payload fields only): the SHA-256 of each
    /// file, kept as evidence; in expressions, a list of text.
    case file
    /// Not known statically (an empty list, a payload field with no schema).
    case any

    public static let declarable = ["text", "int", "bool", "date", "datetime", "duration", "enum", "unit", "list", "file"]

    public init?(name: String) {
        switch name {
        case "text": self = .text
        case "int": self = .int
        case "bool": self = .bool
        case "date": self = .date
        case "datetime": self = .datetime
        case "duration": self = .duration
        case "unit": self = .unit
        case "file": self = .file
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .text: return "text"
        case .date: return "date"
        case .datetime: return "datetime"
        case .duration: return "duration"
        case .unit: return "unit"
        case .enumeration(let values): return "enum(\(values.joined(separator: ", ")))"
        case .list(let t): return "list of \(t)"
        case .file: return "file"
        case .any: return "any"
        }
    }

    /// Enums behave as text in expressions.
    public var base: ValueType {
        switch self {
        case .enumeration: return .text
        case .file: return .list(.text)
        default: return self
        }
    }

    /// Whether a value of type `other` may be stored where this type is declared.
    public func accepts(_ other: ValueType) -> Bool {
        let a = base, b = other.base
        if a == .any || b == .any || b == .null { return true }
        if a == b { return true }
        if a == .unit && b == .text || a == .text && b == .unit { return true }
        if case .list(let x) = a, case .list(let y) = b { return x.accepts(y) }
        return false
    }
}

func jsonString(_ s: String) -> String {
    var out: [UInt8] = []
    out.appendJSONString(s)
    return String(decoding: out, as: UTF8.self)
}
