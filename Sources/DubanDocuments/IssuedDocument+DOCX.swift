import DubanModel
import Foundation

/// DOCX laid out per GB/T 9704-2012: A4, margins 37/35/28/26 mm, 22 lines of
/// 28 characters, title 小标宋 二号 broken at words, body 仿宋_GB2312 三号, red
/// masthead and rule, 版记 between rules at the foot of the last page, page
/// numbers "— 1 —" outside on odd and even pages; letters (信函格式) with red
/// double lines, no number on page 1 and no 印发 line.
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
        zip.add("word/footer3.xml", DOCXParts.letterFirstFooter)
        return try zip.data()
    }

    func documentXML() -> String {
        let w = DOCXWriter(language: language)
        let zh = language == .zh
        var p = head(w)
        for block in blocks { p.append(w.block(block)) }
        // The 落款 never stands alone on a page: from the last line of text to the date, each keeps with the next.
        var tail: [String] = []
        if !attachments.isEmpty {
            tail.append(w.empty())
            for (i, a) in attachments.enumerated() {
                let label = i == 0 ? (zh ? "附件：" : "Attachments: ") : ""
                tail.append(w.paragraph([(label + "\(i + 1). " + a, .body)], indent: i == 0 ? .firstLine : .attachmentContinuation))
            }
        }
        if isSigned {
            let char = Double(DOCXWriter.charTwips)
            let (issuerRight, dateLeft) = signatureIndents
            tail += [w.empty(), w.paragraph([(issuer, .body)], align: "right",
                                            indent: .hanging(left: 0, hanging: 0, right: Int(issuerRight * char)))]
            if let last = p.last, last.hasPrefix("<w:p>") { p[p.count - 1] = DOCXWriter.keepingWithNext(last) }
            p += tail.map(DOCXWriter.keepingWithNext)
            p.append(w.paragraph([(dateText, .body)], align: "left", indent: .hanging(left: Int(dateLeft * char), hanging: 0, right: 0)))
        } else {
            p += tail
        }
        if let receipt {
            p.append(w.empty())
            p.append(w.paragraph([(cutHere, .record)], align: "center", indent: .none, border: .recordBottom))
            for block in BlockReader.read(receipt) { p.append(w.block(block)) }
        }
        p += record(w)
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        <w:body>
        \(p.joined(separator: "\n"))
        \(DOCXParts.section(firstPageApart: layout == .letter))
        </w:body>
        </w:document>
        """
    }

    /// 版头 to 主送: masthead, number, rule, title, addressee, per layout.
    func head(_ w: DOCXWriter) -> [String] {
        var p: [String] = []
        let fit = mastheadFit
        let before = layout == .letter ? 0 : DOCXParts.mm(35)
        p.append(w.paragraph([(masthead, .masthead(fit.points, scale: fit.scale))], align: "center", indent: .none,
                             spacingBefore: before, exactLine: false, border: layout == .letter ? .redDouble : nil))
        switch layout {
        case .letter:
            p.append(w.paragraph([(number, .body)], align: "right", indent: .none))
        case .file:
            p.append(w.empty())
            p.append(w.paragraph([(number, .body)], align: "center", indent: .none, border: .red))
        case .minutes:
            // 纪要: the number, then the issuing office and the date on one line over the rule; no signature below.
            p.append(w.empty())
            p.append(w.paragraph([(number, .body)], align: "center", indent: .none))
            p.append(w.paragraph([(issuer, .body), ("\t", .body), (dateText, .body)], indent: .none, border: .red, rightTab: true))
        }
        p.append(w.empty())
        let lines = titleLines.map { "<w:r>\(w.runProperties(.title))<w:t xml:space=\"preserve\">\(DOCXWriter.text($0))</w:t></w:r>" }
        p.append(w.paragraph(lines.joined(separator: "<w:r><w:br/></w:r>"), align: "center", style: "Title", indent: .none, exactLine: false))
        p.append(w.empty())
        if let addressee { p.append(w.paragraph([(addressee + (language == .zh ? "：" : ":"), .body)], indent: .none)) }
        return p
    }

    /// 版记 at the foot of the last page: 抄送 (continuation lines after the
    /// colon) and, but for letters, the 印发 line, between rules. Each is a
    /// frame of its own; the 抄送's stands its height above the 印发 line's.
    func record(_ w: DOCXWriter) -> [String] {
        let char = 280   // 四号, the 版记's size, in twips
        var p: [String] = []
        let printedHeight = DOCXParts.linePitch + 40            // a line and its bottom rule
        if !copies.isEmpty {
            let text = copiesLine { $0 }
            let hanging = Int(Self.width(copiesLabel) * Double(char))
            let border: DOCXWriter.Border? = printsRecord ? .recordTop : nil
            // Lines it takes: the first after one character's indent, the rest after the label.
            let first = Double(DOCXParts.textWidthTwips - 2 * char) / Double(char)
            let rest = Double(DOCXParts.textWidthTwips - 2 * char - hanging) / Double(char)
            let lines = 1 + Int(max(0, (Self.width(text) - first) / rest).rounded(.up))
            let height = lines * DOCXParts.linePitch + 75         // the lines, the rules above and below
            let foot: DOCXWriter.Foot = printsRecord ? .at(DOCXParts.textHeightTwips - printedHeight - height) : .bottom
            p.append(w.paragraph([(text, .record)], indent: .hanging(left: char + hanging, hanging: hanging, right: char),
                                 border: border, foot: foot))
        }
        if printsRecord {
            // A hairline paragraph between the frames: LibreOffice makes no frame of two framed paragraphs in a row.
            if !p.isEmpty { p.append(w.hairline()) }
            p.append(w.paragraph([(issuer, .record), ("\t", .record), (printedText, .record)], indent: .sides(1),
                                 border: copies.isEmpty ? .recordBoth : .recordBottom, rightTab: true, foot: .bottom))
        }
        return p
    }
}
