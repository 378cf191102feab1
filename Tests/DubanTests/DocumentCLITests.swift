import DubanLanguage
import DubanModel
import Foundation
import Testing
import ZIPFoundation

@Suite("Documents on the command line") struct DocumentCLITests {
    /// render takes the format from -o, refuses DOCX to a terminal, says what an instance has when the kind is missing, and --draft previews unnumbered.
    @Test func render() throws {
        let s = try DocumentScenario()
        let db = ["--db", s.db.path]
        let md = try Binary.run(["render", "1", "--kind", "supervision-order"] + db)
        #expect(md.status == 0 && md.stdout.hasPrefix("**区创建全国文明城区工作指挥部办公室**\n\n创文督〔2026〕1号"), "\(md.stderr)")
        let file = s.db.dir.appendingPathComponent("督办.docx")
        let docx = try Binary.run(["render", "1", "--kind", "supervision-order", "-o", file.path] + db)
        #expect(docx.status == 0 && docx.stderr.contains("wrote \(file.path): 创文督〔2026〕1号"))
        #expect(try DOCXReading(file).paragraphTexts.contains("创文督〔2026〕1号"))
        let html = try Binary.run(["render", "1", "--kind", "supervision-order", "--format", "html"] + db)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
        let noFile = try Binary.run(["render", "1", "--kind", "supervision-order", "--format", "docx"] + db)
        #expect(noFile.status == 64 && noFile.stderr.contains("give -o FILE.docx"))
        let missing = try Binary.run(["render", "1", "--kind", "minutes"] + db)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("instance 1 has issued no minutes; it has: supervision-order 2026-1, criticism-notice 2026-1"))
        #expect(missing.stderr.contains("--draft"))
        let unknown = try Binary.run(["render", "99", "--kind", "minutes"] + db)
        #expect(unknown.status == 65 && unknown.stderr.contains("no instance '99'"))
        let before = try s.db.digest()
        let draft = try Binary.run(["render", "2", "--kind", "supervision-order", "--draft", "--now", "2026-05-08T09:00"] + db)
        #expect(draft.status == 0 && draft.stdout.contains("（草稿）") && draft.stdout.contains("背街小巷照明不足"))
        #expect(try s.db.digest() == before)   // a draft is neither numbered nor stored
    }

    /// documents lists issued documents, filtered by kind and unit, as a table or JSON.
    @Test func list() throws {
        let s = try DocumentScenario()
        let table = try Binary.run(["documents", "--kind", "criticism-notice", "--db", s.db.path])
        #expect(table.stdout.split(separator: "\n").count == 4)   // header + three criticisms
        #expect(table.stdout.contains("创文批〔2026〕1号  criticism-notice  2026-04-13  1"))
        let json = try Binary.run(["documents", "--unit", "gongan", "--format", "json", "--db", s.db.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty && rows.allSatisfy { $0["unit"] as? String == "gongan" || $0["to"] as? String == "gongan" })
        #expect(rows.contains { $0["number"] as? String == "创文督〔2026〕3号" })
    }

    /// The archive holds every document (DOCX and Markdown by kind and month), index, ledger, instances and the verified audit trail, byte for byte the same on a second run.
    @Test func archive() throws {
        let s = try DocumentScenario()
        let a = s.db.dir.appendingPathComponent("a.zip"), b = s.db.dir.appendingPathComponent("b.zip")
        let first = try Binary.run(["archive", "--out", a.path, "--db", s.db.path])
        #expect(first.status == 0 && first.stdout.contains("wrote \(a.path): 14 documents"), "\(first.stdout)\(first.stderr)")
        Thread.sleep(forTimeInterval: 1.1)   // a clock leaking into the bytes would show
        _ = try Binary.run(["archive", "--out", b.path, "--db", s.db.path])
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        let zip = try Archive(url: a, accessMode: .read)
        let names = zip.map(\.path)
        #expect(names.filter { $0.hasSuffix(".docx") }.count == 14 && names.filter { $0.hasSuffix(".md") }.count == 14)
        #expect(names.contains("documents/minutes/2026-04/创文纪〔2026〕1号 创文工作调度会纪要.docx"))
        #expect(["index.csv", "ledger.csv", "instances.csv", "audit/events.jsonl", "audit/verification.txt"].allSatisfy(names.contains))
        func text(_ name: String) throws -> String {
            var data = Data()
            _ = try zip.extract(zip[name]!) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try text("audit/events.jsonl").split(separator: "\n").count == s.db.count("SELECT count(*) FROM events"))
        #expect(try text("audit/verification.txt").hasPrefix("audit trail verified"))
        // In the documents' language: evaluators read these in a spreadsheet.
        #expect(try text("index.csv").contains("创文问〔2026〕1号,问责建议书,关于对区城市管理委员会启动问责程序的建议书,2026-05-07"))
        #expect(try text("ledger.csv").hasPrefix("\u{FEFF}单位代码,单位,记录,日期,依据\r\n"))
        #expect(try text("ledger.csv").contains("chengguan,区城市管理委员会,通报批评（记录在案）,2026-04-13,第六条"))
        #expect(try text("instances.csv").contains(",问题整改,1,已逾期,chengguan,区城市管理委员会,2026-04-03,"))
        let ledgerCSV = try text("ledger.csv")
        #expect(!ledgerCSV.contains("strike") && !ledgerCSV.contains("missed_report"))
    }

    /// Documents issued by many processes at once get numbers 1…N with no gap and no repeat; refused signals take no number.
    @Test func concurrentNumbering() throws {
        let s = try DocumentScenario()
        let ids = try s.runtime.start("circulars", rows: Array(repeating: [:], count: 12), now: at("2026-06-01T09:00"))
        let path = s.db.path
        let group = DispatchGroup()
        let results = Locked<[Int32]>([])
        for (i, id) in ids.enumerated() {
            for actor in i % 3 == 0 ? ["chengguan", "office"] : ["office"] {   // chengguan may not: refused
                group.enter()
                DispatchQueue.global().async {
                    let r = try? Binary.run(["signal", id, "notice", "--actor", actor, "--data", "subject=第\(i)批", "--now", "2026-06-02T10:00",
                                             "--db", path])
                    results.mutate { $0.append(r?.status ?? -1) }
                    group.leave()
                }
            }
        }
        group.wait()
        #expect(results.value.filter { $0 == 0 }.count == 12)
        let numbers = try s.runtime.documents(.init(kind: "notice")).map(\.number)
        #expect(numbers.sorted() == Array(1...14))   // the scenario issued nos. 1 and 2
    }

    /// validate and deploy name the file, line and column of a broken template and of bad documents settings, and deploy writes nothing.
    @Test(arguments: StoreKind.available) func badTemplatesAndSettings(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let dir = db.dir.appendingPathComponent("project")
        #expect(try Binary.run(["init", dir.path]).status == 0)
        let templates = dir.appendingPathComponent("workflows/templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "# 通知\n\n{{#unit}}{{unit.name}}\n".write(to: templates.appendingPathComponent("notice.md.mustache"), atomically: false, encoding: .utf8)
        try """
        documents:
          language: zh-TW
          kinds:
            notise: { code: 通 }
            criticism-notice: { code: 通 }
        """.write(to: dir.appendingPathComponent("workflows/documents.yaml"), atomically: false, encoding: .utf8)
        let r = try Binary.run(["validate"], in: dir)
        #expect(r.status == 65)
        #expect(r.stderr.contains("workflows/templates/notice.md.mustache:3:1: error: template syntax: section 'unit' is opened here but never closed: add {{/unit}}"))
        #expect(r.stderr.contains("workflows/documents.yaml:2:13: error: language 'zh-TW' is not shipped"))
        #expect(r.stderr.contains("workflows/documents.yaml:4:5: error: unknown document kind 'notise' (did you mean 'notice'?)"))
        #expect(r.stderr.contains("'criticism-notice' and 'notice' are both numbered 通〔2026〕1号"))
        let deploy = try Binary.run(["deploy", "--db", db.path], in: dir)
        #expect(deploy.status == 65 && deploy.stderr.contains("notice.md.mustache:3:1"))
        #expect(try db.count("SELECT count(*) FROM definitions") == 0)
    }

    /// A template in the project's templates folder replaces the shipped one: deploy stores it, and the next document issued uses it.
    @Test func projectTemplateOverrides() throws {
        let override = SourceFile(path: "workflows/templates/supervision-order.md.mustache",
                                  text: "# 督办单（{{unit.name}}）\n\n请于{{reply_by}}前报告“{{problem}}”整改情况。\n")
        let s = try DocumentScenario(templates: ["supervision-order": override])
        let (_, doc) = try #require(try s.documents("supervision-order").first)
        #expect(doc.title == "督办单（区城市管理委员会）")
        #expect(doc.body == "请于2026年4月13日前报告“渣土车未密闭运输”整改情况。\n")
        #expect(try s.db.count("SELECT count(*) FROM definitions WHERE kind = 'template'") == 1)
    }
}

/// A value shared by test threads.
final class Locked<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func mutate(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}
