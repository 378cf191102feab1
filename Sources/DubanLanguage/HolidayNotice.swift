import DubanModel
import Foundation

/// The State Council's annual notice on public holidays (国务院办公厅关于YYYY年
/// 部分节假日安排的通知), read as published: its title gives the year, and each
/// numbered item (“二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）
/// 放假调休，共8天。1月26日（周日）、2月8日（周六）上班。”) the days off and the
/// makeup workdays. A sentence in an item that is neither, nor advice (鼓励…),
/// is refused with its line: a calendar read wrong is worse than none.
public struct HolidayNotice: Sendable, Hashable {
    public struct Holiday: Sendable, Hashable {
        public var name: String
        public var from: Day
        public var to: Day
    }

    public var year: Int
    /// The notice's title and document number, as the file's source.
    public var source: String
    public struct MakeupWorkday: Sendable, Hashable {
        public var day: Day
        public var holiday: String
    }

    public var holidays: [Holiday] = []
    public var makeupWorkdays: [MakeupWorkday] = []

    /// `calendar-YEAR.yaml`, as `validate` reads it.
    public func yaml(calendar: String, from file: String) -> String {
        var out = """
        # \(year) public holidays and makeup workdays (调休), read from the State Council's notice
        # by `duban calendar import \(file)`. Check it against the notice before deploying.
        calendar: \(calendar)
        year: \(year)
        source: "\(source)"
        holidays:

        """
        for h in holidays { out += "  - { name: \(h.name), from: \(h.from), to: \(h.to) }\n" }
        out += makeupWorkdays.isEmpty ? "makeup_workdays: []\n" : "makeup_workdays:\n"
        for m in makeupWorkdays { out += "  - { date: \(m.day), for: \(m.holiday) }\n" }
        return out
    }

    /// Reads the notice; every sentence it cannot read is a diagnostic at its line.
    public static func read(_ source: SourceFile) -> (notice: HolidayNotice?, diagnostics: [Diagnostic]) {
        var reader = NoticeReader(file: source.path)
        let notice = reader.read(source.text)
        return (reader.diagnostics.contains { $0.severity == .error } ? nil : notice, reader.diagnostics)
    }
}

/// The line-by-line work of reading a notice.
struct NoticeReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    mutating func error(_ message: String, line: Int, column: Int = 1) {
        diagnostics.append(Diagnostic(.error, message, file: file, at: Mark(line: line, column: column)))
    }

    mutating func read(_ text: String) -> HolidayNotice? {
        let blank = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{3000}"))
        let raw = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let lines = raw.map { $0.trimmingCharacters(in: blank) }
        // Columns count from the line as written, indentation (often 全角 spaces) included.
        let indents = raw.map { $0.prefix { $0.unicodeScalars.allSatisfy(blank.contains) }.count }
        guard let (titleLine, year) = lines.enumerated().lazy.compactMap({ i, l in Self.title(l).map { (i, $0) } }).first else {
            error("not the State Council's holiday notice: no title '国务院办公厅关于YYYY年部分节假日安排的通知'", line: 1)
            return nil
        }
        let number = lines.dropFirst(titleLine + 1).prefix(3).first { $0.contains("〔") && $0.hasSuffix("号") }
        var notice = HolidayNotice(year: year, source: lines[titleLine] + (number.map { "（\($0)）" } ?? ""))
        for (i, line) in lines.enumerated() {
            guard let (name, body, column) = Self.item(line) else { continue }
            readItem(name, body, year: year, line: i + 1, column: column + indents[i], into: &notice)
        }
        if notice.holidays.isEmpty { error("the notice lists no holidays: no item like '一、元旦：1月1日放假…'", line: titleLine + 1) }
        return notice
    }

    /// `国务院办公厅关于2025年部分节假日安排的通知` → 2025.
    static func title(_ line: String) -> Int? {
        guard line.hasPrefix("国务院办公厅关于"), line.hasSuffix("年部分节假日安排的通知") else { return nil }
        return Int(line.dropFirst("国务院办公厅关于".count).dropLast("年部分节假日安排的通知".count))
    }

    /// `二、春节：…` → ("春节", "…", column of the body).
    static func item(_ line: String) -> (String, String, Int)? {
        let numerals = "一二三四五六七八九十"
        guard let comma = line.firstIndex(of: "、"), line[..<comma].allSatisfy(numerals.contains), comma > line.startIndex,
              let colon = line.firstIndex(of: "：") else { return nil }
        let name = String(line[line.index(after: comma)..<colon])
        guard !name.isEmpty, name.count <= 12 else { return nil }
        return (name, String(line[line.index(after: colon)...]), line.distance(from: line.startIndex, to: colon) + 2)
    }

    mutating func readItem(_ name: String, _ body: String, year: Int, line: Int, column: Int, into notice: inout HolidayNotice) {
        var offset = column
        for sentence in body.split(separator: "。", omittingEmptySubsequences: true).map(String.init) {
            defer { offset += sentence.count + 1 }
            let plain = Self.withoutNotes(sentence)
            if sentence.hasPrefix("鼓励") { continue }   // advice to employers, no days
            if plain.hasSuffix("上班") {
                for day in dates(plain.dropLast(2).split(separator: "、").map(String.init), year: year, sentence, line, offset) {
                    notice.makeupWorkdays.append(.init(day: day, holiday: name))
                }
            } else if let off = plain.range(of: "放假") {
                guard let (from, to) = range(String(plain[..<off.lowerBound]), year: year, sentence, line, offset) else { continue }
                let days = to.ordinal - from.ordinal + 1
                if let total = Self.total(plain), total != days {
                    error("'\(sentence)': \(from) to \(to) is \(days) days, the sentence says \(total)", line: line, column: offset)
                    continue
                }
                notice.holidays.append(.init(name: name, from: from, to: to))
            } else {
                error("cannot read '\(sentence)': an item's sentences give days off (…放假…) or makeup workdays (…上班)", line: line, column: offset)
            }
            checkWeekdays(sentence, year: year, line: line, column: offset)
        }
    }

    /// `1月28日至2月4日` or `4月4日至6日` or `1月1日`.
    mutating func range(_ text: String, year: Int, _ sentence: String, _ line: Int, _ column: Int) -> (Day, Day)? {
        let ends = text.components(separatedBy: "至")
        guard ends.count <= 2, let from = Self.date(ends[0], year: year, month: nil) else {
            error("cannot read the dates in '\(sentence)'", line: line, column: column)
            return nil
        }
        guard ends.count == 2 else { return (from, from) }
        guard let to = Self.date(ends[1], year: year, month: from.components.month), to >= from else {
            error("cannot read the dates in '\(sentence)'", line: line, column: column)
            return nil
        }
        return (from, to)
    }

    mutating func dates(_ texts: [String], year: Int, _ sentence: String, _ line: Int, _ column: Int) -> [Day] {
        var out: [Day] = []
        for t in texts {
            guard let d = Self.date(t, year: year, month: nil) else {
                error("cannot read the date '\(t)' in '\(sentence)'", line: line, column: column)
                continue
            }
            out.append(d)
        }
        return out
    }

    /// `2月4日`, or `6日` within `month`.
    static func date(_ text: String, year: Int, month: Int?) -> Day? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.hasSuffix("日") else { return nil }
        let parts = t.dropLast().components(separatedBy: "月")
        let m = parts.count == 2 ? Int(parts[0]) : month
        guard let m, let d = Int(parts.last!), (1...12).contains(m), (1...31).contains(d) else { return nil }
        let day = Day(year: year, month: m, day: d)
        let c = day.components
        return c.year == year && c.month == m && c.day == d ? day : nil
    }

    /// `共8天` → 8.
    static func total(_ sentence: String) -> Int? {
        guard let r = sentence.range(of: "共"), let end = sentence[r.upperBound...].firstIndex(of: "天") else { return nil }
        return Int(sentence[r.upperBound..<end])
    }

    /// The sentence without its notes in full-width brackets (（农历除夕、周二）).
    static func withoutNotes(_ s: String) -> String {
        var out = ""
        var depth = 0
        for c in s {
            if c == "（" { depth += 1 } else if c == "）" { depth = max(0, depth - 1) } else if depth == 0 { out.append(c) }
        }
        return out
    }

    /// Each date followed by a weekday note (`2月8日（周六）`) must fall on that weekday.
    mutating func checkWeekdays(_ sentence: String, year: Int, line: Int, column: Int) {
        let names = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7]
        var month: Int?
        var rest = Substring(sentence)
        while let close = rest.range(of: "日（") {
            let before = rest[..<close.lowerBound]
            let digits = before.reversed().prefix { $0.isNumber || $0 == "月" }
            let text = String(digits.reversed()) + "日"
            guard let note = rest[close.upperBound...].firstIndex(of: "）") else { break }
            let inside = rest[close.upperBound..<note]
            if let d = Self.date(text, year: year, month: month) {
                month = d.components.month
                if let w = inside.components(separatedBy: CharacterSet(charactersIn: "、，")).compactMap({ part -> Int? in
                    guard part.hasPrefix("周") || part.hasPrefix("星期"), let last = part.last else { return nil }
                    return names[String(last)]
                }).first, w != d.weekday {
                    error("'\(sentence)': \(d) is a \(Day.weekdayNames[d.weekday]), not the weekday the notice gives", line: line, column: column)
                }
            }
            rest = rest[note...]
        }
    }
}
