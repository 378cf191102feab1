import DubanModel

/// Layout decisions the DOCX and HTML writers share, in characters of the
/// 28 to a line and points, so both print the same page.
extension IssuedDocument {
    /// Width of text in characters: a CJK character is one, others half.
    static func width(_ s: String) -> Double {
        s.reduce(0) { $0 + (BlockReader.isWide($1) ? 1 : 0.5) }
    }

    /// The 发文机关署名 and 成文日期 without a seal (GB/T 9704 7.3.5.2): the
    /// issuer two characters from the right; the date on the next line,
    /// starting two characters right of the issuer's first; a date longer
    /// than the issuer sits two from the right and pushes the issuer left.
    public var signatureIndents: (issuerRight: Double, dateLeft: Double) {
        let w = Self.width(issuer), d = Self.width(dateText)
        let issuerRight = d > w ? 4 + d - w : 2
        let dateLeft = 28 - issuerRight - w + 2
        return (issuerRight, dateLeft)
    }

    /// The 版头 in points and its horizontal scale in percent: 小初 (36 pt)
    /// for a name that fits, a long name condensed to the line (never below
    /// half width), and only then smaller. Always well above the 二号 title.
    public var mastheadFit: (points: Int, scale: Int) {
        let line = 156.0 / 25.4 * 72 * 0.98
        let natural = Double(max(masthead.count, 1)) * 36
        if natural <= line { return (36, 100) }
        let scale = Int(line / natural * 100)
        if scale >= 50 { return (36, scale) }
        return (max(24, Int(line / Double(masthead.count) / 0.5)), 50)
    }

    /// The words of the frame every writer prints the same way.
    var cutHere: String { language == .zh ? "（沿此线剪下）" : "(cut here)" }
    var copiesLabel: String { language == .zh ? "抄送：" : "Copies to: " }
    var printedText: String { language == .zh ? "\(dateText)印发" : "issued \(dateText)" }

    /// 抄送：A，B。 with each name as the format writes it (escaped or not).
    func copiesLine(_ name: (String) -> String) -> String {
        copiesLabel + copies.map(name).joined(separator: language == .zh ? "，" : ", ") + (language == .zh ? "。" : ".")
    }
}
