/// A compact, typed JSON form of values for storage: `{"deadline":{"date":"2026-05-08"},"n":{"int":3}}`.
/// Types survive the round trip (a unit stays a unit, a date a date).
public enum ValueCoding {
    public static func encode(_ values: [String: Value]) -> String {
        var out = "{"
        for (i, key) in values.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            out += jsonString(key) + ":" + encode(values[key]!)
        }
        return out + "}"
    }

    public static func encode(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return "{\"bool\":\(b)}"
        case .int(let i): return "{\"int\":\(i)}"
        case .text(let s): return "{\"text\":\(jsonString(s))}"
        case .date(let d): return "{\"date\":\"\(d)\"}"
        case .datetime(let t): return "{\"datetime\":\(t.seconds)}"
        case .duration(let d): return "{\"duration\":\"\(d)\"}"
        case .unit(let u): return "{\"unit\":\(jsonString(u))}"
        case .list(let items): return "{\"list\":[" + items.map(encode).joined(separator: ",") + "]}"
        }
    }

    public struct DecodingError: Error, Sendable { public var message: String }

    public static func decode(_ text: String) throws(DecodingError) -> [String: Value] {
        var p = JSONReader(Array(text.utf8))
        guard case .object(let pairs) = try p.read() else { throw DecodingError(message: "expected an object") }
        var out: [String: Value] = [:]
        for (k, v) in pairs { out[k] = try value(v) }
        return out
    }

    static func value(_ j: JSONReader.JSON) throws(DecodingError) -> Value {
        guard case .object(let pairs) = j, pairs.count == 1 else {
            if case .null = j { return .null }
            throw DecodingError(message: "a stored value is malformed")
        }
        let (tag, inner) = pairs[0]
        switch (tag, inner) {
        case ("bool", .bool(let b)): return .bool(b)
        case ("int", .number(let n)): return .int(Int(n))
        case ("text", .string(let s)): return .text(s)
        case ("unit", .string(let s)): return .unit(s)
        case ("date", .string(let s)):
            guard let d = Day(iso: s) else { break }
            return .date(d)
        case ("datetime", .number(let n)): return .datetime(Instant(seconds: n))
        case ("duration", .string(let s)):
            guard let d = WorkDuration(s) else { break }
            return .duration(d)
        case ("list", .array(let items)):
            var out: [Value] = []
            for i in items { out.append(try value(i)) }
            return .list(out)
        default: break
        }
        throw DecodingError(message: "a stored value of type '\(tag)' is malformed")
    }
}

/// A small JSON reader for the forms this project writes itself.
struct JSONReader {
    indirect enum JSON {
        case null, bool(Bool), number(Int64), string(String), array([JSON]), object([(String, JSON)])
    }

    let bytes: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func skip() { while i < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[i]) { i += 1 } }

    mutating func read() throws(ValueCoding.DecodingError) -> JSON {
        skip()
        guard i < bytes.count else { throw .init(message: "unexpected end of stored JSON") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var pairs: [(String, JSON)] = []
            skip()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            while true {
                guard case .string(let key) = try read() else { throw .init(message: "expected a key") }
                skip()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw .init(message: "expected ':'") }
                i += 1
                pairs.append((key, try read()))
                skip()
                guard i < bytes.count else { throw .init(message: "unclosed object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                throw .init(message: "expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSON] = []
            skip()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(try read())
                skip()
                guard i < bytes.count else { throw .init(message: "unclosed array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw .init(message: "expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"): i += 4; return .bool(true)
        case UInt8(ascii: "f"): i += 5; return .bool(false)
        case UInt8(ascii: "n"): i += 4; return .null
        default:
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard let n = Int64(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw .init(message: "bad number in stored JSON") }
            return .number(n)
        }
    }

    mutating func readString() throws(ValueCoding.DecodingError) -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                i += 1
                switch bytes[i] {
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard i + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(i + 1)...(i + 4)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw .init(message: "bad escape in stored JSON") }
                    out += Array(String(Character(scalar)).utf8)
                    i += 4
                default: out.append(bytes[i])
                }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        guard i < bytes.count else { throw .init(message: "unclosed string in stored JSON") }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }
}
