import DubanModel

/// Paragraph and table XML for the body of a 公文 DOCX. Every piece of text
/// goes through `DOCXWriter.text`, which escapes it and drops characters XML
/// cannot carry.
struct DOCXWriter {
    let language: DocumentLanguage

    enum Font {
        case body, title, heading1, heading2, heading3, record, table
        /// Size in points and horizontal scale in percent: a long name is condensed, not shrunk.
        case masthead(Int, scale: Int)
    }

    enum Indent {
        case firstLine, none, rightChars(Int), sides(Int), attachmentContinuation
        /// In twips from the left; the first line starts `hanging` to the left of the rest
        /// (a 抄送： or 出席： label, its continuation lines aligned after the colon).
        case hanging(left: Int, hanging: Int, right: Int)
    }

    enum Border {
        case red, recordTop, recordBottom, recordBoth
        /// 信函格式: the red double line under the masthead, thick over thin.
        case redDouble
    }

    /// Where a frame at the foot of the page sits: at the bottom of the text block, or `y` twips below its top.
    enum Foot {
        case bottom
        case at(Int)
    }

    /// One character of the 28 to a line, in twips.
    static let charTwips = DOCXParts.textWidthTwips / 28

    static func text(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(" ")
            default:
                // XML 1.0 refuses other control characters and lone surrogates' stand-ins.
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func runProperties(_ font: Font, bold: Bool = false) -> String {
        var fonts: String
        var size: Int
        var color = ""
        var scale = ""
        switch font {
        case .body: fonts = DOCXParts.bodyFont; size = 32
        case .table: fonts = DOCXParts.bodyFont; size = 24   // 小四: wide tables (the monthly ranking) fit
        case .record: fonts = DOCXParts.bodyFont; size = 28
        case .title: fonts = DOCXParts.titleFont; size = 44
        case .heading1: fonts = DOCXParts.heiFont; size = 32
        case .heading2: fonts = DOCXParts.kaiFont; size = 32
        case .heading3: fonts = DOCXParts.bodyFont; size = 32
        case .masthead(let pt, let percent):
            fonts = DOCXParts.titleFont; size = pt * 2; color = "<w:color w:val=\"FF0000\"/>"
            if percent < 100 { scale = "<w:w w:val=\"\(percent)\"/>" }
        }
        let b = bold || { if case .heading3 = font { return true }; return false }() ? "<w:b/>" : ""
        return "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(fonts)\" w:cs=\"Times New Roman\"/>\(b)\(color)\(scale)<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr>"
    }

    func run(_ text: String, _ font: Font, bold: Bool = false) -> String {
        if text == "\t" { return "<w:r>\(runProperties(font))<w:tab/></w:r>" }
        return "<w:r>\(runProperties(font, bold: bold))<w:t xml:space=\"preserve\">\(Self.text(text))</w:t></w:r>"
    }

    func paragraph(_ runs: [(String, Font)], align: String? = nil, style: String? = nil, indent: Indent = .firstLine,
                   spacingBefore: Int = 0, exactLine: Bool = true, border: Border? = nil, rightTab: Bool = false,
                   foot: Foot? = nil) -> String {
        paragraph(runs.map { run($0.0, $0.1) }.joined(), align: align, style: style, indent: indent, spacingBefore: spacingBefore,
                  exactLine: exactLine, border: border, rightTab: rightTab, foot: foot)
    }

    func paragraph(_ runsXML: String, align: String? = nil, style: String? = nil, indent: Indent = .firstLine,
                   spacingBefore: Int = 0, exactLine: Bool = true, border: Border? = nil, rightTab: Bool = false,
                   foot: Foot? = nil) -> String {
        var ppr = ""
        if let style { ppr += "<w:pStyle w:val=\"\(style)\"/>" }
        // The 版记 sits at the foot of the last page (GB/T 9704 7.4.1): a frame of one paragraph at the
        // bottom of the text block, or a given height above it (LibreOffice drops frames of two paragraphs).
        if let foot {
            let y = switch foot {
            case .bottom: "w:yAlign=\"bottom\""
            case .at(let twips): "w:y=\"\(twips)\""
            }
            ppr += "<w:framePr w:w=\"\(DOCXParts.textWidthTwips)\" w:wrap=\"notBeside\" w:vAnchor=\"margin\" w:hAnchor=\"margin\""
                + " w:xAlign=\"center\" \(y)/>"
        }
        switch border {
        case .red: ppr += "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"11\" w:color=\"FF0000\"/></w:pBdr>"
        case .recordTop: ppr += "<w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
        case .recordBottom: ppr += "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
        case .recordBoth: ppr += "<w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
        case .redDouble: ppr += "<w:pBdr><w:bottom w:val=\"thickThinSmallGap\" w:sz=\"24\" w:space=\"6\" w:color=\"FF0000\"/></w:pBdr>"
        case nil: break
        }
        if rightTab { ppr += "<w:tabs><w:tab w:val=\"right\" w:pos=\"\(DOCXParts.textWidthTwips - 320)\"/></w:tabs>" }
        let line = exactLine ? " w:line=\"\(DOCXParts.linePitch)\" w:lineRule=\"exact\"" : " w:line=\"240\" w:lineRule=\"auto\""
        ppr += "<w:spacing w:before=\"\(spacingBefore)\" w:after=\"0\"\(line)/>"
        switch indent {
        case .firstLine: ppr += "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
        case .none: ppr += "<w:ind w:firstLine=\"0\"/>"
        case .rightChars(let n): ppr += "<w:ind w:rightChars=\"\(n * 100)\" w:right=\"\(n * 320)\" w:firstLine=\"0\"/>"
        case .sides(let n): ppr += "<w:ind w:left=\"\(n * 280)\" w:right=\"\(n * 280)\" w:firstLine=\"0\"/>"
        case .attachmentContinuation: ppr += "<w:ind w:left=\"\(640 + 3 * 320)\" w:firstLine=\"0\"/>"
        case .hanging(let left, let hanging, let right): ppr += "<w:ind w:left=\"\(left)\" w:right=\"\(right)\" w:hanging=\"\(hanging)\"/>"
        }
        if let align { ppr += "<w:jc w:val=\"\(align)\"/>" }
        return "<w:p><w:pPr>\(ppr)</w:pPr>\(runsXML)</w:p>"
    }

    func empty() -> String { paragraph([], indent: .none) }

    /// A paragraph one point high: keeps two frames apart without taking a line.
    func hairline() -> String {
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr></w:p>"
    }

    /// The paragraph with "keep with next" set (after its style, as the schema orders them).
    static func keepingWithNext(_ paragraph: String) -> String {
        if let style = paragraph.range(of: "<w:pStyle "), let end = paragraph.range(of: "\"/>", range: style.upperBound..<paragraph.endIndex) {
            return paragraph.replacingCharacters(in: end, with: "\"/><w:keepNext/>")
        }
        return paragraph.replacingOccurrences(of: "<w:pPr>", with: "<w:pPr><w:keepNext/>")
    }

    func block(_ block: Block) -> String {
        switch block {
        case .heading(let level, let runs):
            let font: Font = level <= 2 ? .heading1 : level == 3 ? .heading2 : .heading3
            let style = "Heading\(max(1, min(level - 1, 3)))"
            return paragraph(runs.map { run($0.text, font, bold: $0.bold) }.joined(), style: style)
        case .paragraph(let runs):
            // `**出席：**…`: the label in 黑体, two characters in, the names aligned after the colon (GB/T 9704 10.3).
            if let label = runs.first, label.bold, label.text.hasSuffix("："), runs.count > 1 {
                let width = label.text.count * Self.charTwips
                return paragraph(run(label.text, .heading1) + runs.dropFirst().map { run($0.text, .body, bold: $0.bold) }.joined(),
                                 indent: .hanging(left: 2 * Self.charTwips + width, hanging: width, right: 0))
            }
            return paragraph(runs.map { run($0.text, .body, bold: $0.bold) }.joined())
        case .item(let marker, let runs):
            let lead = marker.isEmpty ? "" : run(marker + (language == .zh && marker.hasSuffix(".") ? "" : " "), .body)
            return paragraph(lead + runs.map { run($0.text, .body, bold: $0.bold) }.joined())
        case .table(let header, let rows):
            return table(header: header, rows: rows)
        }
    }

    func table(header: [String], rows: [[String]]) -> String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0, 1)
        // Columns as wide as their longest text (a wide character counts twice), within the text block.
        func length(_ s: String) -> Int { s.reduce(0) { $0 + (BlockReader.isWide($1) ? 2 : 1) } }
        var longest = (0..<columns).map { i in max(4, ([header] + rows).map { i < $0.count ? length($0[i]) : 0 }.max() ?? 0) + 2 }   // + the cell margins
        // Too wide for the line: the widest column gives way (a unit's name wraps, a header of numbers does not).
        let room = DOCXParts.textWidthTwips / 120   // half-width characters of 小四 to the line
        while longest.reduce(0, +) > room, let widest = longest.indices.max(by: { longest[$0] < longest[$1] }), longest[widest] > 10 {
            longest[widest] -= 1
        }
        let total = longest.reduce(0, +)
        let widths = longest.map { DOCXParts.textWidthTwips * $0 / total }
        func cell(_ text: String, bold: Bool, width: Int) -> String {
            "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                + paragraph(run(text, .table, bold: bold), align: "center", indent: .none, exactLine: false) + "</w:tc>"
        }
        func row(_ cells: [String], bold: Bool) -> String {
            let padded = cells + Array(repeating: "", count: columns - cells.count)
            // A row never splits across pages; the header row repeats on every page a long table runs over.
            return "<w:tr><w:trPr><w:cantSplit/>" + (bold ? "<w:tblHeader/>" : "") + "</w:trPr>" + padded.enumerated().map { cell($0.element, bold: bold, width: widths[$0.offset]) }.joined() + "</w:tr>"
        }
        let borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(DOCXParts.textWidthTwips)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>\(borders)</w:tblBorders>"
            + "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            + "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            + row(header, bold: true) + rows.map { row($0, bold: false) }.joined() + "</w:tbl>"
    }
}
