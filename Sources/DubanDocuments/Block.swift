import Foundation

/// A run of text in a paragraph: plain or bold (`**…**`).
public struct Run: Sendable, Hashable {
    public var text: String
    public var bold: Bool
}

/// The body of a document as blocks, read from the Markdown a template gives.
/// Headings map to the 公文 heading levels: `#` title, `##` 一、 (黑体),
/// `###` （一） (楷体), `####` 1. (仿宋 bold).
public enum Block: Sendable, Hashable {
    case heading(level: Int, [Run])
    case paragraph([Run])
    case item(marker: String, [Run])
    case table(header: [String], rows: [[String]])

    public var plainText: String {
        switch self {
        case .heading(_, let r), .paragraph(let r): return r.map(\.text).joined()
        case .item(let m, let r): return m + r.map(\.text).joined()
        case .table(let h, let rows): return ([h] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n")
        }
    }
}

/// Reads the small Markdown subset templates use: headings, paragraphs (lines
/// joined; no space between Chinese characters), `- ` and `1. ` items, pipe
/// tables, `**bold**`, backslash escapes.
public enum BlockReader {
    public static func read(_ markdown: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = []
        var table: [[String]] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            blocks.append(.paragraph(runs(join(paragraph))))
            paragraph = []
        }
        func flushTable() {
            guard !table.isEmpty else { return }
            let rows = table.filter { row in !row.allSatisfy { $0.allSatisfy { "-: ".contains($0) } && !$0.isEmpty } }
            blocks.append(.table(header: rows.first ?? [], rows: Array(rows.dropFirst())))
            table = []
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("|") {
                flushParagraph()
                table.append(cells(line))
                continue
            }
            flushTable()
            if line.isEmpty { flushParagraph(); continue }
            if let level = headingLevel(line) {
                flushParagraph()
                blocks.append(.heading(level: level, runs(String(line.drop { $0 == "#" }.drop { $0 == " " }))))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                flushParagraph()
                blocks.append(.item(marker: "", runs(String(line.dropFirst(2)))))
            } else if let dot = numberedMarker(line) {
                flushParagraph()
                blocks.append(.item(marker: String(line.prefix(dot)), runs(String(line.dropFirst(dot).drop { $0 == " " }))))
            } else {
                paragraph.append(line)
            }
        }
        flushTable()
        flushParagraph()
        return blocks
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...4).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// `12. text` → the length of "12. "'s "12." part.
    static func numberedMarker(_ line: String) -> Int? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }.count
        guard digits > 0, digits < 4 else { return nil }
        let rest = line.dropFirst(digits)
        guard rest.hasPrefix(". ") || rest.hasPrefix("、") else { return nil }
        return digits + 1
    }

    /// Lines of one paragraph: no space where both sides are CJK.
    static func join(_ lines: [String]) -> String {
        var out = ""
        for line in lines {
            if let last = out.last, let first = line.first, !(isWide(last) && isWide(first)) { out.append(" ") }
            out += line
        }
        return out
    }

    static func isWide(_ c: Character) -> Bool {
        c.unicodeScalars.first.map { $0.value >= 0x2E80 } ?? false
    }

    /// Splits on unescaped pipes; the outer ones are dropped.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for c in line.dropFirst() {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" { current.append(c); escaped = true; continue }
            if c == "|" { cells.append(current); current = ""; continue }
            current.append(c)
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { cells.append(current) }
        return cells.map { MarkdownText.unescape($0.trimmingCharacters(in: .whitespaces)[...]) }
    }

    /// `**bold**` runs; escapes resolved.
    static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var current = ""
        var bold = false
        var chars = Array(text)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "\\", let n = chars.first {
                current += MarkdownText.unescape(String([c, n])[...])
                chars = chars.dropFirst()
            } else if c == "*", chars.first == "*" {
                chars = chars.dropFirst()
                if !current.isEmpty { runs.append(Run(text: current, bold: bold)) }
                current = ""
                bold.toggle()
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { runs.append(Run(text: current, bold: bold)) }
        return runs
    }
}
