/// Text written straight into a byte buffer: a tick writes an audit record
/// (JSON detail, then the hashed line) for every step, and Swift's string
/// appends cost more than the bytes they add.
extension Array where Element == UInt8 {
    /// `s` as a JSON string literal.
    public mutating func appendJSONString(_ s: String) {
        append(0x22)
        appendJSONEscaped(s)
        append(0x22)
    }

    /// `s` as the inside of a JSON string literal. Escaped byte by byte: only
    /// ASCII needs escaping, and the bytes of other characters pass through as UTF-8.
    public mutating func appendJSONEscaped(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            for b in bytes {
                switch b {
                case 0x22, 0x5c: append(0x5c); append(b)
                case 0x0a: append(0x5c); append(UInt8(ascii: "n"))
                case 0x0d: append(0x5c); append(UInt8(ascii: "r"))
                case 0x09: append(0x5c); append(UInt8(ascii: "t"))
                case ..<0x20:
                    append(contentsOf: "\\u00".utf8)
                    append(Self.hexDigits[Int(b >> 4)])
                    append(Self.hexDigits[Int(b & 15)])
                default: append(b)
                }
            }
        }
    }

    /// `n` in decimal. The digits come last first, so they are written from
    /// the end of a stack buffer and appended in one go (a tick writes several
    /// per audit row; appending digit by digit and reversing cost 3× as much).
    public mutating func appendDecimal(_ n: Int64) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &buffer) { d in
            var m = n.magnitude, i = d.count
            repeat {
                i -= 1
                d[i] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            if n < 0 {
                i -= 1
                d[i] = UInt8(ascii: "-")
            }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: d[i...]))
        }
    }

    /// `s`'s UTF-8 bytes.
    public mutating func appendText(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
