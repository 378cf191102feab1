import DubanModel
import Foundation

extension IssuedDocument {
    /// A print-ready page: A4 with the GB/T 9704 margins and type sizes; fonts
    /// fall back from the official ones to those most machines have.
    public func html() -> String {
        let zh = language == .zh
        let fit = mastheadFit
        var body = ""
        // One line however long the name: condensed like the DOCX's, never wrapped. The header clips the
        // uncondensed box (a transform keeps its width), or the print would shrink the whole page to it.
        let condensed = fit.scale < 100 ? " condensed" : ""
        body += "<header class=\"masthead \(layout.rawValue)\(condensed)\"><span style=\"font-size: \(fit.points)pt; "
            + "transform: scaleX(\(Double(fit.scale) / 100))\">\(HTML.escape(masthead))</span></header>\n"
        body += "<p class=\"number \(layout.rawValue)\">\(HTML.escape(number))</p>\n"
        if layout == .minutes {
            body += "<p class=\"minutes-line\"><span>\(HTML.escape(issuer))</span><span>\(HTML.escape(dateText))</span></p>\n"
        }
        body += "<hr class=\"red \(layout.rawValue)\">\n"
        body += "<h1>\(titleLines.map(HTML.escape).joined(separator: "<br>"))</h1>\n"
        if let addressee { body += "<p class=\"addressee\">\(HTML.escape(addressee))\(zh ? "：" : ":")</p>\n" }
        for block in blocks { body += HTML.block(block) + "\n" }
        if !attachments.isEmpty {
            body += "<div class=\"attachments\">" + attachments.enumerated().map { i, a in
                "<p>\(i == 0 ? (zh ? "附件：" : "Attachments: ") : "")\(i + 1). \(HTML.escape(a))</p>"
            }.joined() + "</div>\n"
        }
        if isSigned {
            // GB/T 9704 7.3.5.2 as a box two characters from the right: the date starts two characters
            // right of the issuer's first, and a longer date widens the box to the left.
            body += "<div class=\"signature\"><p>\(HTML.escape(issuer))</p><p class=\"date\">\(HTML.escape(dateText))</p></div>\n"
        }
        if let receipt {
            body += "<div class=\"receipt\"><p class=\"cut\">\(cutHere)</p>"
                + BlockReader.read(receipt).map(HTML.block).joined() + "</div>\n"
        }
        if !copies.isEmpty || printsRecord {
            body += "<footer class=\"record \(layout.rawValue)\">"
            if !copies.isEmpty {
                let label = Self.width(copiesLabel)
                body += "<p class=\"copies\" style=\"padding-left: \(1 + label)em; text-indent: -\(label)em\">\(copiesLine(HTML.escape))</p>"
            }
            if printsRecord {
                body += "<p class=\"printed\"><span>\(HTML.escape(issuer))</span>"
                    + "<span>\(HTML.escape(printedText))</span></p>"
            }
            body += "</footer>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(HTML.escape(number)) \(HTML.escape(title))</title>
        <style>
        \(HTML.css)
        </style>
        </head>
        <body class="\(layout.rawValue)">
        \(body)</body>
        </html>

        """
    }
}

/// HTML text: the one escaper of the project's HTML (documents and pages).
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.escapingControlCharacters {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func runs(_ runs: [Run]) -> String {
        runs.map { $0.bold ? "<strong>\(escape($0.text))</strong>" : escape($0.text) }.joined()
    }

    static func block(_ b: Block) -> String {
        switch b {
        case .heading(let level, let r):
            let tag = "h\(max(2, min(level, 4)))"
            return "<\(tag)>\(runs(r))</\(tag)>"
        case .paragraph(let r):
            // `**出席：**…`: a label in 黑体, its names aligned after the colon.
            if let first = r.first, first.bold, first.text.hasSuffix("："), r.count > 1 { return "<p class=\"label\">\(runs(r))</p>" }
            return "<p>\(runs(r))</p>"
        case .item(let marker, let r): return "<p class=\"item\">\(escape(marker.isEmpty ? "" : marker + " "))\(runs(r))</p>"
        case .table(let header, let rows):
            let head = "<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
            let body = rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined()
            return "<table><thead>\(head)</thead><tbody>\(body)</tbody></table>"
        }
    }

    /// 三号 = 16pt, 二号 = 22pt, 四号 = 14pt; 22 lines of 28 characters in a 156 × 225 mm block.
    static let css = """
    @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
    @page :right { @bottom-right { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", serif; font-size: 14pt; margin-right: 1em; } }
    @page :left { @bottom-left { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", serif; font-size: 14pt; margin-left: 1em; } }
    body { font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
           font-size: 16pt; line-height: 28.95pt; width: 156mm; margin: 0 auto; color: #000; }
    .masthead { color: #d00; text-align: center; font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif;
                white-space: nowrap; line-height: 1.4; margin-top: 10mm; }
    .masthead span { display: inline-block; transform-origin: center; }
    .masthead.condensed { overflow: hidden; text-align: left; }
    .masthead.condensed span { transform-origin: 0 50%; margin-left: 1%; }
    body.letter { page: letter; }
    @page letter:first { @bottom-right { content: none; } @bottom-left { content: none; } }
    .number { text-align: center; margin: 1.5em 0 0; }
    .number.letter { text-align: right; }
    .minutes-line { display: flex; justify-content: space-between; text-indent: 0; }
    hr.red { border: 0; border-top: 1px solid #d00; margin: 4mm 0 0; }
    hr.red.letter { border-top: 3px double #d00; }
    h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal;
         text-align: center; line-height: 1.5; margin: 2em 0 1em; }
    h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
    h3 { font-family: "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti", serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
    h4 { font-size: 16pt; margin: 0; text-indent: 2em; }
    p { margin: 0; text-indent: 2em; text-align: justify; }
    p.label { padding-left: 5em; text-indent: -3em; }
    p.label strong { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
    .addressee, .signature p, .record p, .receipt .cut { text-indent: 0; }
    .attachments { margin-top: 1em; }
    .signature { width: max-content; margin: 1.45em 2em 0 auto; }
    .signature .date { padding-left: 2em; }
    .receipt { margin-top: 2em; }
    .receipt .cut { text-align: center; border-bottom: 1px dashed #000; font-size: 14pt; }
    table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 14pt; line-height: 1.5; }
    tr { break-inside: avoid; }
    th, td { border: 1px solid #000; padding: 0 0.3em; text-align: center; }
    th:first-child, td:first-child { white-space: nowrap; }
    .record { margin-top: 3em; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; font-size: 14pt; break-inside: avoid; }
    .record.letter { border: 0; }
    .record p { padding: 0 1em; }
    .record .copies + .printed { border-top: 0.25mm solid #000; }
    .printed { display: flex; justify-content: space-between; }
    @media print { body { width: auto; } }
    """
}
