import DubanDocuments
import DubanEngine
import DubanLanguage
import DubanModel
import DubanRuntime
import DubanStore
import Foundation
import Testing

/// A project whose `notice` event and whose `at` timer each issue an
/// interview notice that knows neither time, place nor reason.
private let blankNotice = """
workflow: blank
version: 1
calendar: weekdays
inputs: { unit: { type: unit, required: true } }
initial: open
states:
  open:
    on:
      notice: { by: [office], do: [ { document: { kind: interview-notice, to: unit } } ] }
      done: { by: [office], goto: closed }
    after:
      - { in: 1d, do: [ { document: { kind: interview-notice, to: unit } } ] }
  closed: { final: true }
"""

@Suite("Documents refused for a missing fact") struct DocumentRefusalTests {
    func project() throws -> (TempDatabase, Runtime, String) {
        let db = try TempDatabase()
        let runtime = try db.runtime()
        let units = try sources([Paths.root.appendingPathComponent("examples/quickstart/units.yaml")])
        let files = units + [SourceFile(path: "blank.yaml", text: blankNotice)] + (try sources([Paths.workflows])).filter { ["accountability.yaml", "interview.yaml", "referral.yaml"].contains(URL(fileURLWithPath: $0.path).lastPathComponent) }
        _ = try runtime.deploy(files, now: at("2026-04-01T09:00"))
        let id = try runtime.start("blank", rows: [["unit": .text("chengguan")]], now: at("2026-04-01T09:00"))[0]
        return (db, runtime, id)
    }

    /// A clerk's event whose document lacks its core facts is refused whole, naming each fact, and nothing is stored.
    @Test func eventRefusedNamingTheFacts() throws {
        let (db, runtime, id) = try project()
        let before = try db.digest()
        #expect {
            try runtime.signal(id, Event(name: "notice", actor: "office"), now: at("2026-04-01T10:00"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("约谈通知书缺少") && text.contains("事由（reason）") && text.contains("时间（when 或 time）")
                && text.contains("地点（place）") && !text.contains("约谈人")   // the policy names the interviewer for the head's rank
        }
        #expect(try db.digest() == before)
    }

    /// Issuing by hand is refused the same way; the draft preview still shows what is there.
    @Test func issueByHandRefused() throws {
        let (db, runtime, id) = try project()
        let before = try db.digest()
        #expect(throws: RuntimeError.self) { try runtime.issue(kind: "interview-notice", matter: id, person: "李敏", now: at("2026-04-01T10:00")) }
        #expect(try db.digest() == before)
        let draft = try runtime.draft(instance: id, kind: "interview-notice", now: at("2026-04-01T10:00"))
        #expect(draft.body.contains("区委常委、副区长 张明"))
    }

    /// A timer's step goes on without the document: no number taken, a warning, and the reason in the audit row.
    @Test func timerWithholds() throws {
        let (db, runtime, id) = try project()
        let report = try runtime.tick(now: at("2026-04-02T10:00"))
        #expect(report.documents == 0 && report.warnings.contains { $0.contains("\(id): 约谈通知书缺少") })
        #expect(try db.count("SELECT count(*) FROM documents") == 0)
        let history = try runtime.matter(id, as: .office, now: at("2026-04-02T10:00")).historyEntries
        #expect(history.contains { $0.effects.contains { $0.hasPrefix("withheld interview-notice: 约谈通知书缺少") } })
        // The number was not spent: the next interview notice in the year is No. 1.
        #expect(try db.count("SELECT count(*) FROM sequences") == 0)
    }
}
