import Foundation

/// A multipart/form-data body (RFC 7578): its text fields and its files.
struct Multipart {
    struct Part {
        var name: String
        var filename: String?
        var body: [UInt8]
    }

    var parts: [Part] = []

    /// The file field whose files are kept beside an event, not in its payload.
    static let evidenceField = "evidence"

    /// The boundary of a `multipart/form-data; boundary=…` content type.
    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for piece in contentType.split(separator: ";").dropFirst() {
            let kv = piece.trimmingCharacters(in: .whitespaces)
            if kv.lowercased().hasPrefix("boundary=") {
                return String(kv.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// Splits `body`; nil when it is not well formed.
    init?(_ body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var i = 0
        while let found = Self.find(delimiter, in: body, from: i) {
            positions.append(found)
            i = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        for (start, end) in zip(positions, positions.dropFirst()) {
            // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
            let from = start + delimiter.count + 2
            let to = end - 2
            guard from <= to, let split = Self.find(Array("\r\n\r\n".utf8), in: body, from: from), split <= to else { return nil }
            let headers = String(decoding: body[from..<split], as: UTF8.self)
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = Self.parameter("name", in: disposition) else { return nil }
            parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition), body: Array(body[(split + 4)..<to])))
        }
    }

    var fields: [String: String] {
        Dictionary(parts.filter { $0.filename == nil }.map { ($0.name, String(decoding: $0.body, as: UTF8.self)) }) { a, _ in a }
    }

    /// The files sent; a browser sends an empty part for a file input left empty.
    var files: [Part] { parts.filter { $0.filename != nil && !($0.filename!.isEmpty && $0.body.isEmpty) } }

    private static func parameter(_ key: String, in header: Substring) -> String? {
        for piece in header.split(separator: ";") {
            let kv = piece.trimmingCharacters(in: .whitespaces)
            guard kv.hasPrefix(key + "=") else { continue }
            return String(kv.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= hay.count - needle.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
