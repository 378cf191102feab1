import DubanDocuments
import DubanEngine
import DubanLanguage
import DubanModel
import DubanRuntime
import DubanStore
import Foundation

/// Text a unit might type, full of what templates, Markdown, HTML and XML treat specially.
let hostileText = #"占道经营 <b>粗体</b> & "引号" 'x' {{unit.name}} **星** | 竖线 # 井"#

/// A small campaign played through the runtime: a matter that goes overdue
/// and climbs the whole ladder, a dispatch meeting with an absence, a pledge,
/// a decision and an assignment, a notice and a monthly circular. Every kind
/// of document is issued once (two interview-related kinds come from the child).
struct DocumentScenario {
    let db: TempDatabase
    let runtime: Runtime

    /// `documents`: the text of documents.yaml in place of the shipped one.
    init(problem: String = "渣土车未密闭运输", templates: [String: SourceFile] = [:], documents: String? = nil) throws {
        db = try TempDatabase()
        runtime = try db.runtime()
        let files = try sources([Paths.workflows, Paths.fixtures.appendingPathComponent("documents")])
            .map { documents != nil && $0.path.hasSuffix("documents.yaml") ? SourceFile(path: $0.path, text: documents!) : $0 }
            + sources([Paths.root.appendingPathComponent("examples/quickstart")]).filter { $0.path.hasSuffix("units.yaml") }
        _ = try runtime.deploy(files, templates: templates, now: at("2026-03-30T09:00"))
        func signal(_ id: String, _ name: String, _ data: [String: String] = [:], _ time: String) throws {
            _ = try runtime.signal(id, Event(name: name, actor: "office", payload: data.mapValues { Value.text($0) }), now: at(time))
        }
        let matter = try runtime.start("rectification", rows: [["unit": .text("chengguan"), "problem": .text(problem), "deadline": .text("2026-04-03")]],
                                       now: at("2026-03-30T09:00"))[0]
        _ = try runtime.start("rectification", rows: [["unit": .text("gongan"), "problem": .text("背街小巷照明不足"), "deadline": .text("2026-04-30")]],
                              now: at("2026-03-30T09:00"))
        let meeting = try runtime.start("dispatch-meeting", rows: [[
            "name": .text("创文工作调度会"), "session": .text("3"), "time": .text("2026-04-08T09:00"), "place": .text("区政府三楼会议室"),
            "chair": .text("副区长张明"), "attendees": .text("chengguan,gongan,jiaotong"),
        ]], now: at("2026-03-30T09:05"))[0]
        _ = try runtime.tick(now: at("2026-04-08T08:00"))
        try signal(meeting, "convene", [:], "2026-04-08T09:00")
        try signal(meeting, "absent", ["unit": "jiaotong", "reason": "参加市局会议"], "2026-04-08T09:01")
        try signal(meeting, "pledge", ["unit": "chengguan", "commitment": "一周内清理全部点位", "deadline": "2026-04-15"], "2026-04-08T09:30")
        try signal(meeting, "decide", ["text": "各单位每周五报送整改进展"], "2026-04-08T10:00")
        try signal(meeting, "assign", ["unit": "gongan", "task": "整治火车站周边交通秩序", "deadline": "2026-04-20"], "2026-04-08T10:05")
        try signal(meeting, "issue_minutes", [:], "2026-04-08T16:00")
        let circulars = try runtime.start("circulars", rows: [[:]], now: at("2026-04-09T09:00"))[0]
        try signal(circulars, "notice", ["subject": "近期督查发现问题"], "2026-04-09T10:00")
        // The ladder's 约谈 (10 workdays overdue) waits for its time, place and interviewer.
        _ = try runtime.tick(now: at("2026-04-20T18:00"))
        try signal(matter + ".1", "schedule", ["when": "2026-04-23T09:30", "place": "区委大院二号楼第三会议室"], "2026-04-21T10:00")
        _ = try runtime.tick(now: at("2026-05-07T18:00"))
        try signal(circulars, "circular", [:], "2026-05-08T10:00")
    }

    func documents(_ kind: String? = nil) throws -> [(DocumentRecord, IssuedDocument)] {
        try runtime.documents(DocumentFilter(kind: kind)).map { ($0, try Runtime.issued($0)) }
    }
}
