/// How the office's documents are headed and numbered: `documents.yaml`.
/// Every field has a default, so a project without the file still issues
/// documents (headed by the office's name from units.yaml).
public struct DocumentSettings: Sendable {
    /// "zh-CN" or "en": which shipped templates, and how dates are written.
    public var language: String = "zh-CN"
    /// 发文机关: signs (落款) and prints (印发) every document.
    public var issuer: String?
    /// The red 版头 of 文件-style documents (default: issuer + 文件).
    public var masthead: String?
    /// The office's 代字 before each kind's code: 创文 + 督 → 创文督〔2026〕12号.
    public var prefix: String = ""
    public var kinds: [String: KindSettings] = [:]
    public var file: String?

    public struct KindSettings: Sendable {
        public var code: String?
        public var title: String?
        public var masthead: String?
        public var mark: Mark?

        public init(code: String? = nil, title: String? = nil, masthead: String? = nil, mark: Mark? = nil) {
            self.code = code
            self.title = title
            self.masthead = masthead
            self.mark = mark
        }
    }

    public init() {}

    public static let languages = ["zh-CN", "en"]
}

extension DocumentSettings {
    public var lang: DocumentLanguage { DocumentLanguage(rawValue: language) ?? .zh }

    public func kind(_ id: String) -> DocumentKind {
        var k = DocumentKind.named(id) ?? .custom(id)
        if let o = kinds[id] {
            if let c = o.code { k.code = c; k.codeEn = c }
            if let t = o.title { k.titleZh = t; k.titleEn = t }
        }
        return k
    }

    /// 发文字号: 创文督〔2026〕12号, or "CW-SUP [2026] No. 12" in English.
    public func number(kind id: String, year: Int, seq: Int) -> String {
        let k = kind(id)
        if lang == .zh { return "\(prefix)\(k.code)〔\(year)〕\(seq)号" }
        return "\(prefix.isEmpty ? "" : prefix + "-")\(k.codeEn) [\(year)] No. \(seq)"
    }

    /// The red 版头: the kind's own, else issuer + 文件 (纪要 for minutes).
    public func masthead(kind id: String, issuer: String) -> String {
        if let m = kinds[id]?.masthead { return m }
        let k = kind(id)
        switch k.layout {
        case .minutes: return lang == .zh ? "\(issuer)会议纪要" : "\(issuer) — Minutes"
        case .file: return masthead ?? (lang == .zh ? "\(issuer)文件" : issuer)
        case .letter: return issuer
        }
    }
}
