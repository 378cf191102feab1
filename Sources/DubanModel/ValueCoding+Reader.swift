/// Reads `ValueCoding`'s JSON straight into values, in one pass over the
/// bytes: a tick decodes every instance it fires, so no tree in between.
struct ValueReader {
    typealias DecodingError = ValueCoding.DecodingError
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// `{"name":VALUE,...}`
    mutating func values() throws(DecodingError) -> [String: Value] {
        try expect("{")
        // Room for a typical instance's few values without growing.
        var out = [String: Value](minimumCapacity: 8)
        if try closes("}") { return out }
        repeat {
            let name = try string()
            try expect(":")
            out[name] = try value()
        } while try more(closing: "}")
        return out
    }

    /// `null` or `{"TYPE":PAYLOAD}`
    mutating func value() throws(DecodingError) -> Value {
        skip()
        if i < bytes.count, bytes[i] == UInt8(ascii: "n") {
            try word("null")
            return .null
        }
        try expect("{")
        let tag = try string()
        try expect(":")
        let decoded: Value
        switch tag {
        case "bool": decoded = .bool(try bool())
        case "int": decoded = .int(Int(try number()))
        case "text": decoded = .text(try string())
        case "unit": decoded = .unit(try string())
        case "datetime": decoded = .datetime(Instant(seconds: try number()))
        case "date":
            guard let d = Day(iso: try string()) else { throw malformed(tag) }
            decoded = .date(d)
        case "duration":
            guard let d = WorkDuration(try string()) else { throw malformed(tag) }
            decoded = .duration(d)
        case "list":
            try expect("[")
            var items: [Value] = []
            if try !closes("]") {
                repeat { items.append(try value()) } while try more(closing: "]")
            }
            decoded = .list(items)
        default: throw malformed(tag)
        }
        try expect("}")
        return decoded
    }

    func malformed(_ tag: String) -> DecodingError { DecodingError(message: "a stored value of type '\(tag)' is malformed") }

    mutating func skip() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0a || bytes[i] == 0x0d || bytes[i] == 0x09 { i += 1 }
    }

    mutating func expect(_ c: Unicode.Scalar) throws(DecodingError) {
        skip()
        guard i < bytes.count, bytes[i] == UInt8(ascii: c) else {
            throw DecodingError(message: i < bytes.count ? "expected '\(c)' at byte \(i)" : "unexpected end of stored JSON")
        }
        i += 1
    }

    /// Takes `closing` if it comes next: an empty object or list.
    mutating func closes(_ closing: Unicode.Scalar) throws(DecodingError) -> Bool {
        skip()
        guard i < bytes.count else { throw DecodingError(message: "unexpected end of stored JSON") }
        if bytes[i] == UInt8(ascii: closing) { i += 1; return true }
        return false
    }

    /// After an item: true at ',', false at `closing`.
    mutating func more(closing: Unicode.Scalar) throws(DecodingError) -> Bool {
        if try closes(closing) { return false }
        try expect(",")
        return true
    }

    mutating func word(_ w: StaticString) throws(DecodingError) {
        let n = w.utf8CodeUnitCount
        guard i + n <= bytes.count, (0..<n).allSatisfy({ bytes[i + $0] == w.utf8Start[$0] }) else {
            throw DecodingError(message: "expected '\(w)' at byte \(i)")
        }
        i += n
    }

    mutating func bool() throws(DecodingError) -> Bool {
        skip()
        if i < bytes.count, bytes[i] == UInt8(ascii: "t") { try word("true"); return true }
        try word("false")
        return false
    }

    mutating func number() throws(DecodingError) -> Int64 {
        skip()
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        var n: Int64 = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (times, o1) = n.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.subtractingReportingOverflow(Int64(bytes[i] - 0x30))
            guard !o1, !o2 else { throw DecodingError(message: "number out of range in stored JSON") }
            n = sum
            i += 1
        }
        guard i > start else { throw DecodingError(message: "bad number in stored JSON") }
        // Accumulated negative, so Int64.min reads back too.
        if negative { return n }
        guard n != .min else { throw DecodingError(message: "number out of range in stored JSON") }
        return -n
    }

    /// A string as `jsonString` writes it; without escapes, one copy of the bytes.
    mutating func string() throws(DecodingError) -> String {
        try expect("\"")
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count else { throw DecodingError(message: "unclosed string in stored JSON") }
        if bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                i += 1
                switch bytes[i] {
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard i + 4 < bytes.count,
                          let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)...(i + 4)]), as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw DecodingError(message: "bad escape in stored JSON") }
                    out += Array(String(Character(scalar)).utf8)
                    i += 4
                default: out.append(bytes[i])
                }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        guard i < bytes.count else { throw DecodingError(message: "unclosed string in stored JSON") }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }
}
