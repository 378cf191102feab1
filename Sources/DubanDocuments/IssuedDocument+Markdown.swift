import DubanModel
import Foundation

extension IssuedDocument {
    /// The whole document as Markdown: frame and body, user text escaped.
    public func markdown() -> String {
        let e = MarkdownText.escape
        let zh = language == .zh
        var out: [String] = ["**\(e(masthead))**", e(number)]
        if layout == .minutes { out.append("\(e(issuer))　　\(dateText)") }
        out += ["---", "# \(e(title))"]
        if let addressee { out.append(e(addressee) + (zh ? "：" : ":")) }
        out.append(body.trimmingCharacters(in: .whitespacesAndNewlines))
        if !attachments.isEmpty {
            let label = zh ? "附件：" : "Attachments: "
            out.append(label + attachments.enumerated().map { "\($0.offset + 1). \(e($0.element))" }.joined(separator: "  \n"))
        }
        if isSigned { out.append("\(e(issuer))  \n\(dateText)") }
        if let receipt { out += [cutHere, "---", receipt.trimmingCharacters(in: .whitespacesAndNewlines)] }
        if !copies.isEmpty || printsRecord { out.append("---") }
        if !copies.isEmpty { out.append(copiesLine(e)) }
        if printsRecord { out.append("\(e(issuer))　　" + printedText) }
        return out.joined(separator: "\n\n") + "\n"
    }
}
