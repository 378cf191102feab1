/// A scalar as written, and its value under the YAML 1.2 core schema.
///
/// Only plain (unquoted, untagged) scalars are resolved: `"true"` stays text.
/// Under the core schema `on`, `off`, `yes`, `no` are text, unlike YAML 1.1.
public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable { case plain, quoted, block }

    public var text: String
    public var style: Style
    public var tag: String?

    public init(text: String, style: Style, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    public enum Value: Sendable, Hashable, CustomStringConvertible {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)

        public var description: String {
            switch self {
            case .null: return "null"
            case .bool(let b): return "the boolean \(b)"
            case .int(let i): return "the number \(i)"
            case .float(let d): return "the number \(d)"
            case .string(let s): return "the text '\(s)'"
            }
        }
    }

    public var resolved: Value {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:float":
            // `!!float 1` is the number 1.0, not the whole number 1.
            if case .int(let i) = Scalar.resolveCore(text) { return .float(Double(i)) }
        case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", nil:
            break
        default:
            return .string(text)
        }
        guard style == .plain || tag != nil else { return .string(text) }
        return Scalar.resolveCore(text)
    }

    /// A problem with a core-schema tag whose text is not of its kind
    /// (`!!int "abc"`, `!!bool yes`); nil when the scalar is what it says.
    public var tagMismatch: String? {
        guard let tag, tag.hasPrefix(Self.core) else { return nil }
        let kind = String(tag.dropFirst(Self.core.count))
        switch (kind, Scalar.resolveCore(text)) {
        case ("int", .int), ("bool", .bool), ("null", .null), ("float", .int), ("float", .float): return nil
        case ("int", _), ("bool", _), ("null", _), ("float", _):
            return "'\(text)' is not a valid !!\(kind)\(kind == "bool" ? " (in YAML 1.2 only true and false are)" : "")"
        default: return nil
        }
    }

    static let core = "tag:yaml.org,2002:"

    /// YAML 1.2.2 §10.3.2, the core schema's tag resolution.
    static func resolveCore(_ s: String) -> Value {
        // Every null, bool, number and infinity starts with one of these bytes;
        // other text (most of it, names and CJK titles) skips the comparisons.
        if let first = s.utf8.first, !isDigit(first), !"~nNtTfF.+-".utf8.contains(first) { return .string(s) }
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if isInteger(s), let i = Int(s) { return .int(i) }
        if s.hasPrefix("0o"), s.count > 2, let i = Int(s.dropFirst(2), radix: 8) { return .int(i) }
        if s.hasPrefix("0x"), s.count > 2, let i = Int(s.dropFirst(2), radix: 16) { return .int(i) }
        if isFloat(s), let d = Double(s) {
            return .float(d)
        }
        return .string(s)
    }

    // Hand-written rather than regex literals: those are re-parsed on every
    // use, and every plain scalar of every file passes through here.

    /// `[-+]?[0-9]+`
    static func isInteger(_ s: String) -> Bool {
        var u = Substring(s).utf8
        if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { u = u.dropFirst() }
        return !u.isEmpty && u.allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func isFloat(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { u = u.dropFirst() }
        let whole = u.prefix(while: isDigit)
        u = u.dropFirst(whole.count)
        var fraction = 0
        if u.first == UInt8(ascii: ".") {
            u = u.dropFirst()
            fraction = u.prefix(while: isDigit).count
            u = u.dropFirst(fraction)
        }
        guard whole.count > 0 || fraction > 0 else { return false }
        if let e = u.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            u = u.dropFirst()
            if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { u = u.dropFirst() }
            let exponent = u.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            u = u.dropFirst(exponent)
        }
        return u.isEmpty
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
