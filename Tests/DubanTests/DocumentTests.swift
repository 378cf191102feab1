import DubanDocuments
import DubanLanguage
import DubanModel
import DubanRuntime
import DubanStore
import Foundation
import Testing

@Suite("Documents") struct DocumentTests {
    /// Every shipped kind is issued by the scenario, numbered per kind from 1 with the office's prefix, and its text matches the golden file.
    @Test func everyKindIssued() throws {
        let s = try DocumentScenario()
        let docs = try s.documents()
        let kinds = Set(docs.map(\.0.kind))
        #expect(kinds == Set(DocumentKind.all.map(\.id)), "issued: \(kinds.sorted())")
        for (record, doc) in docs {
            #expect(doc.number.hasPrefix("创文" + DocumentKind.named(record.kind)!.code + "〔2026〕"))
            let file = Paths.fixtures.appendingPathComponent("documents/expected/\(record.kind)-\(record.number).md")
            let (expected, actual) = try golden(doc.markdown(), file)
            #expect(actual == expected, "\(record.kind): rerun with DUBAN_UPDATE_GOLDEN=1 and read the diff")
        }
    }

    /// The facts each kind must carry are in its text: overdue workdays, clause, head, ledger, attendance, pledges, rankings.
    @Test func kindsCarryTheirFacts() throws {
        let s = try DocumentScenario()
        func text(_ kind: String, last: Bool = false, number: Int? = nil) throws -> String {
            let docs = try s.documents(kind)
            let doc = number.map { n in docs.first { $0.0.number == n } } ?? (last ? docs.last : docs.first)
            return try #require(doc).1.markdown()
        }
        let order = try text("supervision-order")
        #expect(order.contains("渣土车未密闭运输") && order.contains("整改时限为2026年4月3日") && order.contains("已逾期2个工作日"))
        #expect(order.contains("第五条") && order.contains("| 反馈要求 | 2026年4月13日前书面报送"))   // reply_by: 3 workdays after 8 April
        #expect(order.contains("| 责任人 | 主任赵立新（联络员孙浩，13800000001） |") && order.contains("## 回执"))
        #expect(!order.contains("抄送"))   // nobody copies itself
        let pledgeOrder = try text("supervision-order", last: false, number: 2)
        #expect(pledgeOrder.contains("你单位在创文工作调度会上承诺的“一周内清理全部点位”事项"))   // a pledge names its subject
        let interview = try text("interview-notice")
        #expect(interview.contains("赵立新同志") && interview.contains("第七条") && interview.contains("《创文工作问责办法（试行）》"))
        #expect(interview.contains("## 二、约谈时间\n\n2026年4月23日9时30分") && interview.contains("区委大院二号楼第三会议室"))
        #expect(interview.contains("## 四、约谈人\n\n区委常委、副区长 张明"))   // a 正科级 head, by the policy's interviewers
        #expect(interview.contains("1. “渣土车未密闭运输”，整改时限为2026年4月3日"))   // the matters, named
        #expect(!interview.contains("另行通知"))
        let referral = try text("accountability-referral")
        #expect(referral.contains("第八条") && referral.contains("| 约谈 | 第七条 |") && referral.contains("予以诫勉，") && !referral.contains("诫勉谈话"))
        #expect(referral.contains("\n\n区纪委监委：\n") && referral.contains("抄送：区委组织部。"))
        let minutes = try text("minutes")
        #expect(minutes.contains("**出席：**区城市管理委员会主任赵立新、区公安分局局长钱志强\n"))   // 交通局 asked leave
        #expect(minutes.contains("**请假：**区交通运输局局长吴海（参加市局会议）"))
        #expect(minutes.contains("1. 区城市管理委员会表示：一周内清理全部点位（承诺时限2026年4月15日）。"))
        #expect(minutes.contains("| 区公安分局 | 整治火车站周边交通秩序 | 2026年4月20日 |"))
        #expect(minutes.contains("### （一）区城市管理委员会（1项）"))   // the overdue matter, reported
        #expect(!minutes.contains("第3次") && !minutes.contains("未表态："))
        #expect(try text("notice").contains("关于创文工作调度会督查发现问题的通报"))   // at the meeting, to the attendees
        let notice = try text("notice", last: true)
        // To every unit: a unit among the copies is already in 主送, the deciding body is not.
        #expect(notice.contains("关于近期督查发现问题的通报") && notice.contains("抄送：区纪委监委。"))
        #expect(notice.contains("附件：1. 近期督查问题清单") && notice.contains("\n\n各责任单位：\n"))   // 附件说明; 主送 when no one in particular
        let criticism = try text("criticism-notice")
        #expect(criticism.contains("\n\n各责任单位：\n") && criticism.contains("决定对区城市管理委员会予以通报批评"))
        let circular = try text("monthly-circular", last: true)
        #expect(circular.contains("2026年4月创建工作推进情况通报") && circular.contains("截至2026年4月30日"))
        // April as it stood on 30 April: both units 0 of 2 on time and tied (并列), 交通局 with nothing due unranked.
        #expect(circular.contains("| 1 | 区城市管理委员会 | 2 | 0 | 0 | 2 | 0.0% | 1 |\n| 1 | 区公安分局 | 2 | 0 | 0 | 2 | 0.0% | 1 |"))
        #expect(circular.contains("| — | 区交通运输局 | 0 | 0 | 0 | 0 | — | 1 |"))
    }

    /// User text with < & " ' {{ }} ** | # survives unchanged in Markdown (read back), HTML (escaped) and DOCX (python-docx).
    @Test func hostileTextSurvives() throws {
        let s = try DocumentScenario(problem: hostileText)
        let (_, doc) = try #require(try s.documents("supervision-order").first)
        let paragraphs = BlockReader.read(doc.markdown()).map(\.plainText)
        #expect(paragraphs.contains { $0.contains("“\(hostileText)”") }, "\(paragraphs)")
        let md = s.db.dir.appendingPathComponent("order.md")
        try doc.markdown().write(to: md, atomically: false, encoding: .utf8)
        let commonMark = try python([Paths.tests.appendingPathComponent("Oracles/markdown_text.py").path, md.path])
        #expect(commonMark.stdout.contains("“\(hostileText)”"), "\(commonMark.stdout)\(commonMark.stderr)")
        let html = doc.html()
        #expect(html.contains("占道经营 &lt;b&gt;粗体&lt;/b&gt; &amp; &quot;引号&quot; &#39;x&#39; {{unit.name}} **星** | 竖线 # 井"))
        #expect(!html.contains("<b>粗体"))
        let file = s.db.dir.appendingPathComponent("order.docx")
        try doc.docx().write(to: file)
        let read = try DOCXReading(file)
        #expect(read.paragraphTexts.contains { $0.contains("“\(hostileText)”") })
    }

    /// An office issuing in English gets the English set: its titles, dates and numbers.
    @Test func english() throws {
        let s = try DocumentScenario(documents: "documents: { language: en, issuer: District Campaign Office, prefix: CW }")
        let (_, order) = try #require(try s.documents("supervision-order").first)
        #expect(order.number == "CW-SUP [2026] No. 1" && order.title == "Supervision order: 区城市管理委员会 to complete rectification")
        #expect(order.markdown().contains("was due on 3 April 2026 and had not been completed by 8 April 2026: it is 2 workdays overdue"))
        let (_, minutes) = try #require(try s.documents("minutes").first)
        #expect(minutes.masthead == "District Campaign Office — Minutes" && minutes.body.contains("**Absent:** 吴海 (局长, 区交通运输局) (参加市局会议)"))
    }

    /// The DOCX follows GB/T 9704: A4, margins 37/35/28/26 mm, red 小标宋 masthead, 二号 title, 三号 仿宋 body, 版记, page numbers on odd and even pages.
    @Test func docxLayout() throws {
        let s = try DocumentScenario()
        let (_, doc) = try #require(try s.documents("criticism-notice").first)
        let file = s.db.dir.appendingPathComponent("notice.docx")
        try doc.docx().write(to: file)
        let read = try DOCXReading(file)
        #expect(read.json["page_mm"] as? [Double] == [210, 297])
        #expect(read.json["margins_mm"] as? [Double] == [37, 35, 28, 26])
        #expect(read.json["odd_and_even"] as? Bool == true && read.json["page_field"] as? Bool == true)
        #expect(read.json["footers"] as? [String] == ["—  —", "—  —"])   // the number itself is a PAGE field
        let masthead = try #require(read.paragraphs.first)
        #expect(masthead.text == "区创建全国文明城区工作指挥部办公室文件" && masthead.runs[0]["color"] as? String == "FF0000")
        #expect(masthead.runs[0]["east_asia"] as? String == "方正小标宋简体")
        let title = try #require(read.paragraphs.first { $0.style == "Title" })
        #expect(title.text == "关于对区城市管理委员会予以通报批评的通报" && title.runs[0]["size_pt"] as? Double == 22)
        #expect(masthead.runs[0]["size_pt"] as? Double == 36)   // 小初, condensed to the line, well above the title
        #expect(read.paragraphTexts.contains(doc.number))
        #expect(read.paragraphTexts.contains("各责任单位："))   // 主送: a 通报批评 goes to every unit
        let body = try #require(read.paragraphs.first { $0.text.hasPrefix("2026年3月30日") })
        #expect(body.runs[0]["size_pt"] as? Double == 16 && body.runs[0]["east_asia"] as? String == "仿宋_GB2312")
        #expect(read.paragraphTexts.contains("区创建全国文明城区工作指挥部办公室\t2026年4月13日印发"))
        #expect(read.paragraphTexts.last == "区创建全国文明城区工作指挥部办公室\t2026年4月13日印发")
        // The signature keeps with the text before it: from the last body paragraph to the issuer, keep-with-next.
        let signature = try #require(read.paragraphs.firstIndex { $0.text == "区创建全国文明城区工作指挥部办公室" && $0.runs.first?["size_pt"] as? Double == 16 })
        let lastText = try #require(read.paragraphs[..<signature].lastIndex { !$0.text.isEmpty })
        #expect(read.paragraphs[lastText...signature].allSatisfy { $0.keep_next })
        #expect(!read.paragraphs[signature + 1].keep_next && !read.paragraphs[..<lastText].contains { $0.keep_next })
    }

    /// A letter (信函格式): red double lines, no number on page 1, no 印发 line; its title broken at words; the 版记 framed at the foot.
    @Test func letterLayout() throws {
        let s = try DocumentScenario()
        let (_, doc) = try #require(try s.documents("accountability-referral").first)
        let file = s.db.dir.appendingPathComponent("referral.docx")
        try doc.docx().write(to: file)
        let read = try DOCXReading(file)
        #expect(read.json["different_first_page"] as? Bool == true)
        #expect(read.json["first_footer_borders"] as? [String] == ["thinThickSmallGap"])
        #expect(read.json["framed"] as? [String] == ["抄送：区委组织部。"])
        #expect(!read.paragraphTexts.contains { $0.hasSuffix("印发") })
        let title = try #require(read.paragraphs.first { $0.style == "Title" })
        #expect(title.text == "关于对区城市管理委员会\n启动问责程序的建议书")   // a line break between words
        let masthead = try #require(read.paragraphs.first)
        #expect(masthead.text == "区创建全国文明城区工作指挥部办公室" && masthead.runs[0]["size_pt"] as? Double == 36)
        #expect(read.json["rows_split"] as? [Bool] == [false])
        // The HTML: the masthead on one line, the title's lines, the page numbers in print, the date two characters in.
        let html = doc.html()
        #expect(html.contains("white-space: nowrap") && html.contains("关于对区城市管理委员会<br>启动问责程序的建议书"))
        #expect(html.contains("@bottom-right { content: \"— \" counter(page) \" —\""))
        #expect(html.contains("<div class=\"signature\"><p>区创建全国文明城区工作指挥部办公室</p><p class=\"date\">2026年5月7日</p>"))
        #expect(!html.contains("印发"))
    }

    /// The monthly circular's ranking is a real table, its header row repeated on every page it runs over.
    @Test func rankingTable() throws {
        let s = try DocumentScenario()
        let (_, doc) = try #require(try s.documents("monthly-circular").last)
        let file = s.db.dir.appendingPathComponent("circular.docx")
        try doc.docx().write(to: file)
        let read = try DOCXReading(file)
        let table = try #require((read.json["tables"] as? [[[String]]])?.first)
        #expect(table.first == ["名次", "责任单位", "到期", "按期完成", "逾期完成", "未完成", "完成率", "迟报"])
        #expect(table.dropFirst().map { $0[1] } == ["区城市管理委员会", "区公安分局", "区交通运输局"])
        #expect(table.dropFirst().map { $0[0] } == ["1", "1", "—"])
        #expect(read.json["header_rows_repeat"] as? [Bool] == [true])
    }

    /// LibreOffice, where installed, opens each DOCX and turns it into a PDF holding the title and the number.
    @Test(.enabled(if: LibreOffice.available)) func libreOfficeOpensThem() throws {
        let s = try DocumentScenario()
        var files: [URL] = []
        for (record, doc) in try s.documents() {
            let file = s.db.dir.appendingPathComponent("\(record.kind)-\(record.number).docx")
            try doc.docx().write(to: file)
            files.append(file)
        }
        let pdfs = try LibreOffice.convert(files, in: s.db.dir)
        for ((_, doc), pdf) in zip(try s.documents(), pdfs) {
            let text = try LibreOffice.text(pdf).filter { !$0.isWhitespace }
            #expect(text.contains(doc.number) && text.contains(String(doc.title.prefix(8))), "\(pdf.lastPathComponent): \(text.prefix(200))")
        }
    }

    /// A message to a list of units goes to each: the meeting notice to every attendee's contact, the reminder to every head.
    @Test func messagesFanOut() throws {
        let s = try DocumentScenario()
        let outbox = try s.runtime.outbox(as: .office).filter { $0.template == "meeting-notice" }
        #expect(outbox.map { "\($0.kind) \($0.unit).\($0.role)" } == [
            "notify chengguan.contact", "notify gongan.contact", "notify jiaotong.contact",
            "remind chengguan.head", "remind gongan.head", "remind jiaotong.head",
        ])
    }

    /// Documents are records: the database refuses to change or delete an issued one.
    @Test func issuedDocumentsAreFixed() throws {
        let s = try DocumentScenario()
        #expect(throws: (any Error).self) { try s.db.execute("UPDATE documents SET title = 'x'") }
        #expect(throws: (any Error).self) { try s.db.execute("DELETE FROM documents") }
    }
}

/// What python-docx reads from a DOCX (Oracles/read_docx.py).
struct DOCXReading {
    struct Paragraph {
        var style: String
        var text: String
        var keep_next: Bool
        var runs: [[String: Any]]
    }

    let json: [String: Any]
    let paragraphs: [Paragraph]
    var paragraphTexts: [String] { paragraphs.map(\.text) }

    init(_ file: URL) throws {
        let r = try python([Paths.tests.appendingPathComponent("Oracles/read_docx.py").path, file.path])
        guard r.status == 0, let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] else {
            throw OracleError(message: "python-docx could not read \(file.lastPathComponent): \(r.stderr)")
        }
        self.json = json
        paragraphs = (json["paragraphs"] as? [[String: Any]] ?? []).map {
            Paragraph(style: $0["style"] as? String ?? "", text: $0["text"] as? String ?? "", keep_next: $0["keep_next"] as? Bool ?? false,
                      runs: $0["runs"] as? [[String: Any]] ?? [])
        }
    }
}

struct OracleError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

enum LibreOffice {
    static let path = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { path != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") }

    static func convert(_ files: [URL], in dir: URL) throws -> [URL] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = ["-env:UserInstallation=file://\(dir.path)/lo-profile", "--headless", "--convert-to", "pdf", "--outdir", dir.path] + files.map(\.path)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return files.map { dir.appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".pdf") }
    }

    static func text(_ pdf: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [pdf.path, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
