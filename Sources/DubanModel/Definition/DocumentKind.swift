/// How a kind is laid out on paper (GB/T 9704-2012 §10): a 文件 with a red
/// masthead and rule, a 纪要 with its own masthead and no addressee, or a
/// form-like 通知单/通知书 that carries the issuer's name as its masthead.
public enum DocumentLayout: String, Sendable, Codable {
    case file, minutes, letter
}

/// A document kind the engine knows: its default title, number code and layout.
public struct DocumentKind: Sendable, Hashable {
    public var id: String
    public var titleZh: String
    public var titleEn: String
    /// The 代字 in the number, after the office's prefix: 创文 + 督 → 创文督〔2026〕12号.
    public var code: String
    /// The same in English numbers: CW-SUP [2026] No. 12.
    public var codeEn: String
    public var layout: DocumentLayout

    public static let all: [DocumentKind] = [
        DocumentKind(id: "minutes", titleZh: "会议纪要", titleEn: "Meeting minutes", code: "纪", codeEn: "MIN", layout: .minutes),
        DocumentKind(id: "notice", titleZh: "通报", titleEn: "Notice", code: "通", codeEn: "NTC", layout: .file),
        DocumentKind(id: "criticism-notice", titleZh: "通报批评", titleEn: "Notice of criticism", code: "批", codeEn: "CRT", layout: .file),
        DocumentKind(id: "monthly-circular", titleZh: "月度工作通报", titleEn: "Monthly circular", code: "月", codeEn: "MON", layout: .file),
        DocumentKind(id: "supervision-order", titleZh: "督办通知单", titleEn: "Supervision order", code: "督", codeEn: "SUP", layout: .letter),
        DocumentKind(id: "interview-notice", titleZh: "约谈通知书", titleEn: "Interview notice", code: "约", codeEn: "INT", layout: .letter),
        DocumentKind(id: "accountability-referral", titleZh: "问责建议书", titleEn: "Accountability referral", code: "问", codeEn: "ACC", layout: .letter),
    ]

    public static func named(_ id: String) -> DocumentKind? { all.first { $0.id == id } }

    /// A kind an admin adds with a template of their own: a 文件 numbered under its own id.
    public static func custom(_ id: String) -> DocumentKind {
        DocumentKind(id: id, titleZh: id, titleEn: id, code: id, codeEn: id.uppercased(), layout: .file)
    }

    public func title(_ language: DocumentLanguage) -> String { language == .zh ? titleZh : titleEn }
}

/// The language of the shipped templates and of dates in documents.
public enum DocumentLanguage: String, Sendable, Codable, CaseIterable {
    case zh = "zh-CN"
    case en
}
