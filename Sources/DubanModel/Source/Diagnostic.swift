/// One problem found in the YAML, as a clerk reads it:
/// `workflows/x.yaml:12:7: error: unknown key 'tranistions' (did you mean 'transitions'?)`.
public struct Diagnostic: Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var file: String
    public var mark: Mark?
    public var message: String

    public init(_ severity: Severity, _ message: String, file: String, at mark: Mark?) {
        self.severity = severity
        self.message = message
        self.file = file
        self.mark = mark
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.mark ?? Mark(line: 0, column: 0), a.message) < (b.file, b.mark ?? Mark(line: 0, column: 0), b.message)
    }

    public var header: String {
        let place = mark.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// A file's path and text, read by the caller: the model does no I/O.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Renders diagnostics with the offending line and a caret under the column.
public struct DiagnosticRenderer: Sendable {
    let lines: [String: [Substring]]

    public init(sources: [SourceFile]) {
        var lines: [String: [Substring]] = [:]
        for s in sources { lines[s.path] = s.text.split(separator: "\n", omittingEmptySubsequences: false) }
        self.lines = lines
    }

    public func render(_ d: Diagnostic) -> String {
        guard let mark = d.mark, let fileLines = lines[d.file], mark.line >= 1, mark.line <= fileLines.count else {
            return d.header
        }
        let line = fileLines[mark.line - 1].replacingOccurrences(of: "\r", with: "")
        // A runaway line is shown around the column, not whole.
        if line.count > Self.lineLimit {
            let start = max(0, min(mark.column - 1 - Self.lineLimit / 2, line.count - Self.lineLimit))
            let lead = start > 0 ? "…" : ""
            let window = lead + line.dropFirst(start).prefix(Self.lineLimit) + "…"
            return "\(d.header)\n\(window)\n\(String(repeating: " ", count: lead.count + mark.column - 1 - start))^"
        }
        // The caret line copies tabs and widens for CJK characters, so it lands
        // under the column in a terminal.
        var caret = ""
        for ch in line.prefix(max(0, mark.column - 1)) {
            caret += ch == "\t" ? "\t" : (ch.isWide ? "  " : " ")
        }
        return "\(d.header)\n\(line)\n\(caret)^"
    }

    /// Characters of a source line shown under a diagnostic, at most.
    static let lineLimit = 200
    /// Diagnostics shown at most; the rest are counted.
    public static let shownLimit = 100

    public func render(_ all: [Diagnostic]) -> String {
        let shown = all.prefix(Self.shownLimit).map(render)
        let more = all.count - shown.count
        return (shown + (more > 0 ? ["… and \(more) more (fix these first)"] : [])).joined(separator: "\n")
    }
}

extension Character {
    /// East Asian wide or fullwidth, for caret alignment.
    var isWide: Bool {
        guard let v = unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
