/// Control characters in text: refused where text comes in (a problem's
/// description, an event's field), and shown as `\u{1B}` where text goes out
/// to a terminal or a document, so an escape sequence can never drive a
/// terminal or hide in a 公文.
extension String {
    /// The first control character other than tab and newline (C0, DEL, C1), if any.
    public var controlCharacter: Unicode.Scalar? {
        unicodeScalars.first(where: Self.isControl)
    }

    /// The text with each control character (but tab and newline) written as `\u{XX}`.
    public var escapingControlCharacters: String {
        guard controlCharacter != nil else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if Self.isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n") || (0x7F...0x9F).contains(s.value)
    }
}

extension Value {
    /// The first control character in a text value, or in any text of a list.
    public var controlCharacter: Unicode.Scalar? {
        switch self {
        case .text(let s), .unit(let s): return s.controlCharacter
        case .list(let items): return items.lazy.compactMap(\.controlCharacter).first
        default: return nil
        }
    }
}
