import DubanModel

/// A document as issued: its number, its frame (who issues it, to whom, when)
/// and its text, fixed when it was numbered. Rendering to Markdown, HTML or
/// DOCX only lays this out, so an issued document never changes wording when
/// a template is edited later.
public struct IssuedDocument: Sendable, Hashable, Codable {
    public var kind: String
    public var layout: DocumentLayout
    public var language: DocumentLanguage
    /// 发文字号, e.g. 创文督〔2026〕12号.
    public var number: String
    /// 版头, printed in red.
    public var masthead: String
    public var title: String
    /// 主送机关 (none for minutes).
    public var addressee: String?
    /// The Markdown body after the title.
    public var body: String
    /// 附件说明.
    public var attachments: [String]
    /// 发文机关署名 and 印发机关.
    public var issuer: String
    /// 成文日期 and 印发日期.
    public var date: Day
    /// 抄送.
    public var copies: [String]
    /// A slip after the signature, cut off and sent back (the 督办通知单's
    /// 回执): Markdown, from the template's part after a `--8<--` line.
    public var receipt: String?

    public init(kind: String, layout: DocumentLayout, language: DocumentLanguage, number: String, masthead: String, title: String,
                addressee: String?, body: String, attachments: [String] = [], issuer: String, date: Day, copies: [String],
                receipt: String? = nil) {
        self.kind = kind
        self.layout = layout
        self.language = language
        self.number = number
        self.masthead = masthead
        self.title = title
        self.addressee = addressee
        self.body = body
        self.attachments = attachments
        self.issuer = issuer
        self.date = date
        self.copies = copies
        self.receipt = receipt
    }

    public var blocks: [Block] { BlockReader.read(body) }

    /// The title's lines, broken at word boundaries.
    public var titleLines: [String] { TitleLines.split(title) }

    /// The 版记's 印发 line: 文件 and 纪要 carry it; a letter (信函格式) does not.
    public var printsRecord: Bool { layout != .letter }

    /// Letters and notices are signed (署名); minutes are not.
    public var isSigned: Bool { layout != .minutes }

    /// 2026年4月8日 / 8 April 2026.
    public var dateText: String { DateText.long(date, language) }
}

/// Dates as documents write them.
public enum DateText {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    public static func long(_ day: Day, _ language: DocumentLanguage) -> String {
        let c = day.components
        return language == .zh ? "\(c.year)年\(c.month)月\(c.day)日" : "\(c.day) \(months[c.month - 1]) \(c.year)"
    }

    public static func dateTime(_ t: LocalDateTime, _ language: DocumentLanguage) -> String {
        let hm = "\(t.hour):\(t.minute < 10 ? "0" : "")\(t.minute)"
        // 2026年4月23日9时30分, 2026年4月8日9时: as 公文 write a time.
        let zh = "\(t.hour)时" + (t.minute == 0 ? "" : "\(t.minute)分")
        return language == .zh ? "\(long(t.day, language))\(zh)" : "\(long(t.day, language)), \(hm)"
    }
}
