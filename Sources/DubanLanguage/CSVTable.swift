/// A CSV file (RFC 4180: quotes, doubled quotes, commas and line breaks in
/// quotes), as rows keyed by the header's names.
public struct CSVTable: Sendable {
    public var header: [String] = []
    public var rows: [[String: String]] = []

    /// Every problem found, each with its line.
    public struct ParseError: Error {
        public var problems: [(line: Int, message: String)]

        init(line: Int, message: String) { problems = [(line, message)] }
        init(_ problems: [(line: Int, message: String)]) { self.problems = problems }
    }

    public init(parsing text: String) throws(ParseError) {
        var records: [(line: Int, fields: [String])] = []
        var field = "", fields: [String] = []
        var quoted = false, line = 1, recordLine = 1
        var chars = Array(text.hasPrefix("\u{feff}") ? String(text.dropFirst()) : text)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw ParseError(line: line, message: "a quote inside an unquoted field: quote the whole field") }
                quoted = true
            } else if c == "," {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                // A lone CR ends a line too: files saved with old Mac line endings.
                fields.append(field); field = ""
                if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
                fields = []
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if quoted { throw ParseError(line: recordLine, message: "a quoted field is not closed") }
        guard let first = records.first else { throw ParseError(line: 1, message: "the file is empty: the first line names the inputs") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if let dup = header.first(where: { h in header.filter { $0 == h }.count > 1 }) {
            throw ParseError(line: 1, message: "the column '\(dup)' appears twice in the header")
        }
        var problems: [(line: Int, message: String)] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                problems.append((record.line, "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(header.count)"))
                continue
            }
            var row: [String: String] = [:]
            for (name, value) in zip(header, record.fields) where !value.isEmpty { row[name] = value }
            rows.append(row)
        }
        if !problems.isEmpty { throw ParseError(problems) }
    }
}
