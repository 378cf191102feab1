import DubanModel
import Foundation

/// DOCX laid out per GB/T 9704-2012: A4, margins 37/35/28/26 mm, 22 lines of
/// 28 characters, title 小标宋 二号, body 仿宋_GB2312 三号, red masthead and
/// rule, 版记 between rules, page numbers "— 1 —" outside on odd and even pages.
extension IssuedDocument {
    public func docx() throws -> Data {
        var zip = ZipWriter(day: date)
        zip.add("[Content_Types].xml", DOCXParts.contentTypes)
        zip.add("_rels/.rels", DOCXParts.packageRels)
        zip.add("docProps/core.xml", DOCXParts.core(title: "\(number) \(title)", creator: issuer, date: date))
        zip.add("word/_rels/document.xml.rels", DOCXParts.documentRels)
        zip.add("word/document.xml", documentXML())
        zip.add("word/styles.xml", DOCXParts.styles(language))
        zip.add("word/settings.xml", DOCXParts.settings)
        zip.add("word/fontTable.xml", DOCXParts.fontTable)
        zip.add("word/footer1.xml", DOCXParts.footer(odd: true))
        zip.add("word/footer2.xml", DOCXParts.footer(odd: false))
        return try zip.data()
    }

    func documentXML() -> String {
        let w = DOCXWriter(language: language)
        var p: [String] = []
        // 版头: the masthead sized to fit one line of the 156 mm block, at most 小初 (36 pt).
        let mastheadPt = max(16, min(36, Int(DOCXParts.textWidthPt * 0.95 / Double(max(masthead.count, 1)))))
        let before = layout == .file ? DOCXParts.mm(35) : 0
        p.append(w.paragraph([(masthead, .masthead(mastheadPt))], align: "center", indent: .none, spacingBefore: before,
                             exactLine: false, border: layout == .letter ? .red : nil))
        if layout == .letter {
            p.append(w.paragraph([(number, .body)], align: "right", indent: .none))
        } else {
            p.append(w.empty())
            p.append(w.paragraph([(number, .body)], align: "center", indent: .none, border: .red))
        }
        p.append(w.empty())
        p.append(w.paragraph([(title, .title)], align: "center", style: "Title", indent: .none, exactLine: false))
        p.append(w.empty())
        if let addressee { p.append(w.paragraph([(addressee + (language == .zh ? "：" : ":"), .body)], indent: .none)) }
        for block in blocks { p.append(w.block(block)) }
        // The 落款 never stands alone on a page: from the last line of text to the date, each keeps with the next.
        var tail: [String] = []
        if !attachments.isEmpty {
            tail.append(w.empty())
            for (i, a) in attachments.enumerated() {
                let label = i == 0 ? (language == .zh ? "附件：" : "Attachments: ") : ""
                tail.append(w.paragraph([(label + "\(i + 1). " + a, .body)], indent: i == 0 ? .firstLine : .attachmentContinuation))
            }
        }
        tail += [w.empty(), w.empty(), w.paragraph([(issuer, .body)], align: "right", indent: .rightChars(4))]
        if let last = p.last, last.hasPrefix("<w:p>") { p[p.count - 1] = DOCXWriter.keepingWithNext(last) }
        p += tail.map(DOCXWriter.keepingWithNext)
        p.append(w.paragraph([(dateText, .body)], align: "right", indent: .rightChars(4)))
        p.append(w.empty())
        if !copies.isEmpty {
            let text = (language == .zh ? "抄送：" : "Copies to: ") + copies.joined(separator: language == .zh ? "，" : ", ") + (language == .zh ? "。" : ".")
            p.append(w.paragraph([(text, .record)], indent: .sides(1), border: .recordTop))
        }
        let printed = w.paragraph([(issuer, .record), ("\t", .record), (language == .zh ? "\(dateText)印发" : "issued \(dateText)", .record)],
                                  indent: .sides(1), border: copies.isEmpty ? .recordBoth : .recordBottom, rightTab: true)
        p.append(printed)
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        <w:body>
        \(p.joined(separator: "\n"))
        \(DOCXParts.section)
        </w:body>
        </w:document>
        """
    }
}
