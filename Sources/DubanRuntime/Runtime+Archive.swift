import DubanDocuments
import DubanEngine
import DubanModel
import DubanStore
import Foundation

/// What an archive holds.
public struct ArchiveSummary: Sendable {
    public var documents = 0
    public var events = 0
    public var auditProblems: [String] = []
}

extension Runtime {
    /// Every issued document (DOCX and Markdown, in folders by kind and month),
    /// an index, the units' ledgers, the matters, and the audit trail with its
    /// verification. Built only from stored data, so the same database gives
    /// the same bytes.
    public func archive() throws -> (Data, ArchiveSummary) {
        let defs = try definitions()
        let zone = Zone.shanghai
        var summary = ArchiveSummary()
        let verification = try verifyAudit()
        summary.auditProblems = verification.problems
        let (records, instances, audit) = try read { s -> ([DocumentRecord], [Instance], [AuditRecord]) in
            var audit: [AuditRecord] = []
            var after: Int64 = 0
            while true {
                let page = try s.auditRecords(after: after, limit: 10_000)
                guard let last = page.last else { break }
                audit += page
                after = last.seq
            }
            return (try s.documents(DocumentFilter()), try s.instances(InstanceFilter()), audit)
        }
        let units = defs.project.units
        func unitName(_ id: String?) -> String {
            guard let id else { return "" }
            return units?.addressee(id)?.name ?? id
        }
        var archive = ArchiveBuilder(day: audit.last.map { zone.local($0.time).day } ?? Day(year: 1980, month: 1, day: 1))
        // Headers and kinds in the documents' language: the evaluators read these in a spreadsheet.
        let lang = defs.project.documents.lang
        let zh = lang == .zh
        func kindTitle(_ kind: String) -> String { defs.project.documents.kind(kind).title(lang) }
        var index = [zh ? ["文号", "文种", "标题", "日期", "所涉单位", "事项编号", "文件"] : ["number", "kind", "title", "date", "unit", "instance", "file"]]
        for r in records {
            let local = zone.local(r.created).day.components
            let folder = "documents/\(r.kind)/\(local.year)-\(local.month < 10 ? "0" : "")\(local.month)"
            guard let doc = try? Self.issued(r) else {
                index.append(["\(r.year)-\(r.number)", kindTitle(r.kind), "", zone.local(r.created).day.description, unitName(r.unit), r.instance, "(numbered before text was kept)"])
                continue
            }
            let base = "\(folder)/\(fileNameSafe(doc.number + " " + doc.title))"
            let file = archive.add(base + ".docx", try doc.docx())
            _ = archive.add((file as NSString).deletingPathExtension + ".md", doc.markdown())
            index.append([doc.number, kindTitle(r.kind), doc.title, doc.date.description, unitName(r.unit), r.instance, file])
            summary.documents += 1
        }
        _ = archive.add("index.csv", CSV.text(index))
        var ledger = [zh ? ["单位代码", "单位", "记录", "日期", "依据"] : ["unit", "unit_name", "kind", "date", "clause"]]
        let allUnits = (units?.units.map(\.id) ?? []) + Set(instances.compactMap { Applier.unitID($0.values["unit"]) }).sorted()
        let entries = try read { try $0.ledger(units: Array(Set(allUnits))) }
        for e in entries.sorted(by: { ($0.time, $0.unit, $0.kind.rawValue) < ($1.time, $1.unit, $1.kind.rawValue) }) {
            ledger.append([e.unit, unitName(e.unit), LedgerText.title(e.kind, lang), zone.local(e.time).day.description, e.clause ?? ""])
        }
        _ = archive.add("ledger.csv", CSV.text(ledger))
        var matters = [zh ? ["编号", "事项类型", "版本", "状态", "单位代码", "单位", "时限", "开始", "已办结"]
                          : ["id", "workflow", "version", "state", "unit", "unit_name", "deadline", "started", "finished"]]
        for i in instances {
            let unit = Applier.unitID(i.values["unit"])
            let w = defs.workflow(i.workflow, version: i.version)
            matters.append([i.id, w?.title ?? i.workflow, String(i.version), w?.state(i.state)?.title ?? i.state, unit ?? "", unitName(unit),
                            i.values["deadline"]?.display(in: zone) ?? "", zone.iso(i.started), i.finished ? (zh ? "是" : "yes") : (zh ? "否" : "no")])
        }
        _ = archive.add("instances.csv", CSV.text(matters))
        try addEvidence(instances, to: &archive)
        let lines = audit.map { a in
            "{\"seq\":\(a.seq),\"instance\":\(Value.text(a.instance ?? "").json(in: zone)),\"time\":\(Value.text(zone.iso(a.time)).json(in: zone)),"
                + "\"recorded\":\(Value.text(zone.iso(a.recorded)).json(in: zone)),\"actor\":\(Value.text(a.actor).json(in: zone)),"
                + "\"kind\":\(Value.text(a.kind.rawValue).json(in: zone)),\"detail\":\(a.detail),\"previous_hash\":\"\(a.previousHash)\",\"hash\":\"\(a.hash)\"}"
        }
        summary.events = audit.count
        _ = archive.add("audit/events.jsonl", lines.map { $0 + "\n" }.joined())
        let verdict = verification.problems.isEmpty
            ? "audit trail verified: \(verification.events) events, SHA-256 chain intact, head \(verification.lastHash)\n"
            : "AUDIT TRAIL PROBLEMS (\(verification.problems.count)):\n" + verification.problems.map { $0 + "\n" }.joined()
        _ = archive.add("audit/verification.txt", verdict)
        return (try archive.data(), summary)
    }
}

extension Runtime {
    /// Each matter's evidence under evidence/MATTER/, with an index giving
    /// each file's SHA-256 (as the audit trail names it) and the audit row
    /// it came with. A file missing from the folder is listed as missing.
    func addEvidence(_ instances: [Instance], to archive: inout ArchiveBuilder) throws {
        var index = [["matter", "file", "sha256", "type", "size", "audit_seq", "added"]]
        for i in instances {
            for a in try read({ try $0.attachments(instance: i.id) }) {
                var file = "(missing from the evidence folder)"
                if let bytes = evidence?.bytes(a) {
                    file = archive.add("evidence/\(fileNameSafe(i.id))/\(a.id)-\(fileNameSafe(a.name))", bytes)
                }
                index.append([i.id, file, a.sha256, a.mediaType.rawValue, String(a.size), String(a.auditSeq), Zone.shanghai.iso(a.added)])
            }
        }
        if index.count > 1 { _ = archive.add("evidence/index.csv", CSV.text(index)) }
    }
}

/// RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs read
/// the Chinese: the one writer of every CSV the project makes.
enum CSV {
    static func text(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        // A cell a spreadsheet would run as a formula (a unit named
        // "=HYPERLINK(…)") is kept as text by a leading apostrophe.
        let s = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
        return s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
