import DubanModel
import Foundation

extension IssuedDocument {
    /// The whole document as Markdown: frame and body, user text escaped.
    public func markdown() -> String {
        let e = MarkdownText.escape
        var out: [String] = ["**\(e(masthead))**", e(number), "---", "# \(e(title))"]
        if let addressee { out.append(e(addressee) + (language == .zh ? "：" : ":")) }
        out.append(body.trimmingCharacters(in: .whitespacesAndNewlines))
        if !attachments.isEmpty {
            let label = language == .zh ? "附件：" : "Attachments: "
            out.append(label + attachments.enumerated().map { "\($0.offset + 1). \(e($0.element))" }.joined(separator: "  \n"))
        }
        out.append("\(e(issuer))  \n\(dateText)")
        out.append("---")
        if !copies.isEmpty { out.append((language == .zh ? "抄送：" : "Copies to: ") + copies.map(e).joined(separator: language == .zh ? "，" : ", ") + (language == .zh ? "。" : ".")) }
        out.append("\(e(issuer))　　" + (language == .zh ? "\(dateText)印发" : "issued \(dateText)"))
        return out.joined(separator: "\n\n") + "\n"
    }
}
