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
        case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", nil:
            break
        default:
            return .string(text)
        }
        guard style == .plain || tag != nil else { return .string(text) }
        return Scalar.resolveCore(text)
    }

    /// YAML 1.2.2 §10.3.2, the core schema's tag resolution.
    static func resolveCore(_ s: String) -> Value {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if s.wholeMatch(of: /[-+]?[0-9]+/) != nil, let i = Int(s) { return .int(i) }
        if s.hasPrefix("0o"), s.count > 2, let i = Int(s.dropFirst(2), radix: 8) { return .int(i) }
        if s.hasPrefix("0x"), s.count > 2, let i = Int(s.dropFirst(2), radix: 16) { return .int(i) }
        if s.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil, let d = Double(s) {
            return .float(d)
        }
        return .string(s)
    }
}
