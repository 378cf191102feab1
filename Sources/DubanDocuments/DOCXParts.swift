import DubanModel

/// The fixed parts of a 公文 DOCX and the page geometry of GB/T 9704-2012.
enum DOCXParts {
    /// Twentieths of a point in a millimetre.
    static func mm(_ v: Double) -> Int { Int((v * 1440 / 25.4).rounded()) }

    // A4, margins top 37, bottom 35, left 28, right 26 mm: a 156 × 225 mm text block.
    static let pageWidth = mm(210), pageHeight = mm(297)
    static let top = mm(37), bottom = mm(35), left = mm(28), right = mm(26)
    static let textWidthTwips = pageWidth - left - right
    static let textWidthPt = Double(textWidthTwips) / 20
    static let textHeightTwips = pageHeight - top - bottom
    /// 22 lines to the 225 mm block.
    static let linePitch = (pageHeight - top - bottom) / 22
    /// 28 characters of 三号 (16 pt) to the 156 mm line: each character
    /// condensed by this much, in twentieths of a point. (A character grid
    /// would do the same in Word, but LibreOffice widens every character to
    /// two cells under it, so the lines are gridded and the characters spaced.)
    static let characterSpacing = Int(((textWidthPt / 28 - 16) * 20).rounded(.down))

    static let bodyFont = "仿宋_GB2312"
    static let titleFont = "方正小标宋简体"
    static let heiFont = "黑体"
    static let kaiFont = "楷体_GB2312"

    /// The page: letters have a first page of their own (no number, the red double line at its foot).
    static func section(firstPageApart: Bool) -> String {
        let first = firstPageApart ? "<w:footerReference w:type=\"first\" r:id=\"rIdFooterFirst\"/>" : ""
        return "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"
            + "<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>\(first)"
            + "<w:pgSz w:w=\"\(pageWidth)\" w:h=\"\(pageHeight)\"/>"
            + "<w:pgMar w:top=\"\(top)\" w:right=\"\(right)\" w:bottom=\"\(bottom)\" w:left=\"\(left)\" w:header=\"851\" w:footer=\"\(mm(23))\" w:gutter=\"0\"/>"
            + (firstPageApart ? "<w:titlePg/>" : "")
            + "<w:docGrid w:type=\"lines\" w:linePitch=\"\(linePitch)\"/></w:sectPr>"
    }

    /// 信函格式's first page: no page number; a red double line, thin over thick, at the foot.
    static let letterFirstFooter = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
    <w:p><w:pPr><w:pStyle w:val="Footer"/><w:pBdr><w:top w:val="thinThickSmallGap" w:sz="24" w:space="1" w:color="FF0000"/></w:pBdr>\
    <w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:p></w:ftr>
    """

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
    <Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
    <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
    <Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
    <Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    </Types>
    """

    static let packageRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    </Relationships>
    """

    static let documentRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
    <Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>\
    <Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
    <Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>\
    <Relationship Id="rIdFooterFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer3.xml"/>\
    </Relationships>
    """

    static func core(title: String, creator: String, date: Day) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(DOCXWriter.text(title))</dc:title><dc:creator>\(DOCXWriter.text(creator))</dc:creator>\
        <dcterms:created xsi:type="dcterms:W3CDTF">\(date)T00:00:00Z</dcterms:created></cp:coreProperties>
        """
    }

    static let settings = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
    <w:evenAndOddHeaders/><w:defaultTabStop w:val="640"/><w:characterSpacingControl w:val="compressPunctuation"/>\
    </w:settings>
    """

    /// The official faces with the common ones a reader substitutes when they are missing.
    static let fontTable: String = {
        let fonts: [(String, String, String)] = [
            (bodyFont, "仿宋", "modern"), (titleFont, "宋体", "roman"), (heiFont, "SimHei", "modern"),
            (kaiFont, "楷体", "modern"), ("宋体", "SimSun", "roman"), ("Times New Roman", "Liberation Serif", "roman"),
        ]
        let entries = fonts.map { name, alt, family in
            "<w:font w:name=\"\(name)\"><w:altName w:val=\"\(alt)\"/><w:charset w:val=\"\(name == "Times New Roman" ? "00" : "86")\"/><w:family w:val=\"\(family)\"/><w:pitch w:val=\"variable\"/></w:font>"
        }
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\(entries.joined())</w:fonts>
        """
    }()

    static func styles(_ language: DocumentLanguage) -> String {
        let lang = language == .zh ? "zh-CN" : "en-GB"
        func heading(_ n: Int, _ font: String, bold: Bool) -> String {
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading\(n)\"><w:name w:val=\"heading \(n)\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
                + "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"\(n - 1)\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"\(font)\"/>\(bold ? "<w:b/>" : "")</w:rPr></w:style>"
        }
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="\(bodyFont)" w:cs="Times New Roman"/>\
        <w:spacing w:val="\(characterSpacing)"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="\(lang)" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="\(linePitch)" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="\(titleFont)"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
        \(heading(1, heiFont, bold: false))\(heading(2, kaiFont, bold: false))\(heading(3, bodyFont, bold: true))\
        <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>\
        </w:styles>
        """
    }

    /// "— 1 —" in 四号 宋体: odd pages right, even pages left, one character in.
    static func footer(odd: Bool) -> String {
        let rpr = "<w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"
        let ind = odd ? "<w:ind w:right=\"280\"/><w:jc w:val=\"right\"/>" : "<w:ind w:left=\"280\"/><w:jc w:val=\"left\"/>"
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:p><w:pPr><w:pStyle w:val="Footer"/><w:spacing w:line="240" w:lineRule="auto"/>\(ind)</w:pPr>\
        <w:r>\(rpr)<w:t xml:space="preserve">— </w:t></w:r>\
        <w:fldSimple w:instr=" PAGE "><w:r>\(rpr)<w:t>1</w:t></w:r></w:fldSimple>\
        <w:r>\(rpr)<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
        """
    }
}
