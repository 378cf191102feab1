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
        var text = text
        let decoded = text.withUTF8 { bytes -> Result<[String: Value], DecodingError> in
            var reader = ValueReader(bytes: bytes)
            do throws(DecodingError) { return .success(try reader.values()) } catch { return .failure(error) }
        }
        return try decoded.get()
    }
}
