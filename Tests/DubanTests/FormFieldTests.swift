import DubanEngine
import DubanModel
import DubanRuntime
import Foundation
import Testing

/// What the pages' forms rest on in the runtime: the `file` payload type,
/// events refused when the matter moved on, a dry-run start, the office's
/// queue, and audit effects read back as happenings.
@Suite struct FormFieldTests {
    static let visit = """
        workflow: site-visit
        version: 1
        inputs:
          unit: { type: unit, required: true }
        initial: open
        states:
          open:
            on:
              record:
                title: 登记复查结果
                by: [unit]
                payload:
                  result: { type: enum, values: [合格, 不合格], required: true }
                  photos: { type: file, required: true }
                goto: checked
          checked:
            on: { accept: { goto: done, by: [office] } }
          done: { final: true }
        """

    func deployed() throws -> (TempDatabase, Runtime) {
        let db = try TempDatabase()
        let rt = try db.runtime()
        try rt.deploy(try deployable() + [SourceFile(path: "site-visit.yaml", text: Self.visit)], now: at("2026-04-01T09:00"))
        return (db, rt)
    }

    /// `file` is a payload type: an input or a variable of that type is
    /// refused at its line and column, and so is a default for a file field.
    @Test func fileOnlyInPayloads() throws {
        let (_, rt) = try deployed()
        let input = Self.visit.replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(of: "unit: { type: unit, required: true }", with: "unit: { type: unit, required: true }\n  scan: { type: file }")
        do {
            try rt.deploy([SourceFile(path: "site-visit.yaml", text: input)], now: at("2026-04-01T10:00"))
            Issue.record("a file input was deployed")
        } catch RuntimeError.invalidDefinitions(let d, _) {
            let e = try #require(d.first { $0.severity == .error })
            #expect(e.message.contains("'scan' is a file") && e.mark?.line == 5, "\(e)")
        }
    }

    /// A file field takes the hashes of files sent with the event only: a
    /// hash that came with no file is refused and nothing changes; sent
    /// with the file, the event is taken and the field holds its hash.
    @Test func fileFieldNamesFilesSent() throws {
        let (db, rt) = try deployed()
        let id = try rt.start("site-visit", rows: [["unit": .text("chengguan")]], now: at("2026-04-01T09:00"))[0]
        let hash = String(repeating: "ab", count: 32)
        let event = Event(name: "record", actor: "chengguan", payload: ["result": .text("合格"), "photos": .list([.text(hash)])])
        let before = try db.digest()
        #expect(throws: AccessError.fileNotSent(field: "photos")) {
            try rt.signal(id, event, as: .unit("chengguan"), now: at("2026-04-01T10:00"))
        }
        #expect(try db.digest() == before)
        let photo = Attachment(instance: id, sha256: hash, name: "现场.png", mediaType: .png, size: 10, added: at("2026-04-01T10:00"))
        let after = try rt.signal(id, event, as: .unit("chengguan"), evidence: [photo], now: at("2026-04-01T10:00"))
        #expect(after.state == "checked")
        #expect(try rt.matter(id, as: .office, now: at("2026-04-01T10:00")).historyEntries.last?.data["photos"] == .list([.text(hash)]))
    }

    /// An event sent from a page that saw an older state of the matter is
    /// refused and changes nothing; sent with the latest row, it is taken.
    @Test func changedSinceSeen() throws {
        let (db, rt) = try deployed()
        let id = try rt.start("rectification", rows: [["unit": .text("chengguan"), "problem": .text("占道经营")]],
                              now: at("2026-04-01T09:00"))[0]
        let seen = try #require(try rt.matter(id, as: .office, now: at("2026-04-01T09:00")).history.last?.seq)
        try rt.signal(id, Event(name: "acknowledge", actor: "chengguan"), unchangedSince: seen, now: at("2026-04-01T09:10"))
        let before = try db.digest()
        #expect {
            try rt.signal(id, Event(name: "report", actor: "chengguan"), unchangedSince: seen, now: at("2026-04-01T09:20"))
        } throws: { error in
            if case RuntimeError.changedSince(let which) = error { return which == id }
            return false
        }
        #expect(try db.digest() == before)
    }

    /// A dry run checks every row as a start would and keeps nothing; the
    /// office's queue holds the matters waiting on it, and no others.
    @Test func dryRunAndQueue() throws {
        let (db, rt) = try deployed()
        let before = try db.digest()
        let rows: [[String: Value]] = [["unit": .text("chengguan"), "problem": .text("a")], ["unit": .text("gongan"), "problem": .text("b")]]
        #expect(try rt.start("rectification", rows: rows, dryRun: true, now: at("2026-04-01T09:00")).count == 2)
        #expect(try db.digest() == before)
        #expect(throws: RuntimeError.self) {
            try rt.start("rectification", rows: rows + [["unit": .text("nowhere"), "problem": .text("c")]], dryRun: true, now: at("2026-04-01T09:00"))
        }
        let ids = try rt.start("rectification", rows: rows, now: at("2026-04-01T09:00"))
        #expect(try rt.awaitingOffice(now: at("2026-04-01T10:00")).isEmpty)
        try rt.signal(ids[1], Event(name: "acknowledge", actor: "gongan"), now: at("2026-04-01T10:00"))
        try rt.signal(ids[1], Event(name: "report", actor: "gongan"), now: at("2026-04-01T11:00"))
        #expect(try rt.awaitingOffice(now: at("2026-04-01T12:00")).map(\.id) == [ids[1]])
    }

    /// Each effect line the applier writes reads back as what happened.
    @Test(arguments: [
        ("assigned -> rectifying (acknowledge)", Happening.moved(from: "assigned", to: "rectifying")),
        ("-> assigned (start)", .moved(from: "", to: "assigned")),
        ("remind chengguan.contact reminder", .message(.remind, unit: "chengguan", role: "contact")),
        ("document supervision-order 督〔2026〕3号", .document(kind: "supervision-order", number: "督〔2026〕3号")),
        ("escalate accountability 督办 chengguan 第五条", .escalated(policy: "accountability", step: "督办", clause: "第五条")),
        ("escalate accountability 提醒 chengguan", .escalated(policy: "accountability", step: "提醒", clause: nil)),
        ("ledger gongan strike", .ledger(unit: "gongan", kind: "strike")),
        ("finished", .finished),
        ("warning the guard failed", .other("warning the guard failed")),
    ])
    func happenings(_ line: String, _ expected: Happening) {
        #expect(Happening(effect: line) == expected)
    }
}
