import Foundation
import DubanModel

extension DocumentFacts {
    /// Renders the kind's template and frames it: the document as issued.
    public func issue(with templates: TemplateSet) throws -> IssuedDocument {
        let markdown = try templates.render(kind, templateContext())
        let k = settings.kind(kind)
        // The template's first `# ` line is the title; the kind's name if it has none.
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var title = k.title(language)
        if let i = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
           case .heading(1, let runs)? = BlockReader.read(lines[i]).first {
            title = runs.map(\.text).joined()
            lines.remove(at: i)
        }
        // A `--8<--` line cuts off the slip that follows the signature (回执).
        var receipt: String?
        if let cut = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == Self.cutLine }) {
            receipt = Self.tidy(Array(lines[(cut + 1)...]))
            lines = Array(lines[..<cut])
            if receipt == "\n" { receipt = nil }
        }
        let body = Self.tidy(lines)
        // A document without `to:` goes to every unit (a 通报 names its subject in the text).
        let everyone = language == .zh ? "各责任单位" : "All responsible units"
        let addressee: String? = k.layout == .minutes ? nil : to.map(unitName) ?? everyone
        // 附件说明: an `attachments` value (text, or a list of texts) names the enclosures.
        let attachments: [String] = switch values["attachments"] {
        case .list(let items)?: items.compactMap(format)
        case let v?: format(v).map { [$0] } ?? []
        case nil: []
        }
        return IssuedDocument(kind: kind, layout: k.layout, language: language, number: number,
                              masthead: settings.masthead(kind: kind, issuer: issuer), title: title, addressee: addressee,
                              body: body, attachments: attachments, issuer: issuer, date: issued.day, copies: copies.map(unitName), receipt: receipt)
    }

    /// The line in a template after which the 回执 begins.
    static let cutLine = "--8<--"

    /// Trims each line and keeps at most one blank line in a row.
    static func tidy(_ lines: [String]) -> String {
        var out: [String] = []
        for line in lines.map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
