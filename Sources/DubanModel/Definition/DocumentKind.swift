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
    /// What a document of this kind cannot be issued without.
    public var requires: [CoreFact] = []

    public static let all: [DocumentKind] = [
        DocumentKind(id: "minutes", titleZh: "会议纪要", titleEn: "Meeting minutes", code: "纪", codeEn: "MIN", layout: .minutes,
                     requires: [.subject, .time, .place]),
        DocumentKind(id: "notice", titleZh: "通报", titleEn: "Notice", code: "通", codeEn: "NTC", layout: .file),
        DocumentKind(id: "criticism-notice", titleZh: "通报批评", titleEn: "Notice of criticism", code: "批", codeEn: "CRT", layout: .file,
                     requires: [.unit, .subject]),
        DocumentKind(id: "monthly-circular", titleZh: "月度工作通报", titleEn: "Monthly circular", code: "月", codeEn: "MON", layout: .file),
        DocumentKind(id: "supervision-order", titleZh: "督办通知单", titleEn: "Supervision order", code: "督", codeEn: "SUP", layout: .letter,
                     requires: [.addressee, .unit, .subject]),
        DocumentKind(id: "interview-notice", titleZh: "约谈通知书", titleEn: "Interview notice", code: "约", codeEn: "INT", layout: .letter,
                     requires: [.addressee, .unit, .reason, .time, .place, .interviewer]),
        DocumentKind(id: "accountability-referral", titleZh: "问责建议书", titleEn: "Accountability referral", code: "问", codeEn: "ACC", layout: .letter,
                     requires: [.addressee, .unit, .subject]),
    ]

    public static func named(_ id: String) -> DocumentKind? { all.first { $0.id == id } }

    /// A kind an admin adds with a template of their own: a 文件 numbered under its own id.
    public static func custom(_ id: String) -> DocumentKind {
        DocumentKind(id: id, titleZh: id, titleEn: id, code: id, codeEn: id.uppercased(), layout: .file)
    }

    public func title(_ language: DocumentLanguage) -> String { language == .zh ? titleZh : titleEn }
}

/// A fact without which a document would go out with a blank: refused at
/// issue time, naming the fact, rather than printed with 另行通知.
public enum CoreFact: String, Sendable, CaseIterable {
    case addressee, unit, subject, reason, time, place, interviewer

    /// The values that name the matter a document is about, first found wins.
    public static let matterNames = ["problem", "task", "commitment", "subject"]

    /// The values that can give it, first found wins (`unit` and `addressee` are the document's own).
    public var valueNames: [String] {
        switch self {
        case .addressee, .unit: return []
        case .subject: return Self.matterNames + ["name", "reason"]
        case .reason: return ["reason"]
        case .time: return ["when", "time"]
        case .place: return ["place"]
        case .interviewer: return ["interviewer"]
        }
    }

    public func title(_ language: DocumentLanguage) -> String {
        switch (self, language) {
        case (.addressee, .zh): return "主送单位（to:）"
        case (.unit, .zh): return "所涉单位（unit）"
        case (.subject, .zh): return "所涉事项（problem、task、commitment 或 subject）"
        case (.reason, .zh): return "事由（reason）"
        case (.time, .zh): return "时间（when 或 time）"
        case (.place, .zh): return "地点（place）"
        case (.interviewer, .zh): return "约谈人（interviewer，或问责办法 interviewers 按职级所定）"
        case (.addressee, .en): return "the addressee (to:)"
        case (.unit, .en): return "the unit concerned (unit)"
        case (.subject, .en): return "the matter (problem, task, commitment or subject)"
        case (.reason, .en): return "the reason (reason)"
        case (.time, .en): return "the time (when or time)"
        case (.place, .en): return "the place (place)"
        case (.interviewer, .en): return "the interviewer (interviewer, or the policy's interviewers by rank)"
        }
    }
}

/// The language of the shipped templates and of dates in documents.
public enum DocumentLanguage: String, Sendable, Codable, CaseIterable {
    case zh = "zh-CN"
    case en
}
