import DubanEngine
import DubanModel
@testable import DubanRuntime
import Testing

/// The runtime's read API over a played campaign: chengguan's matter has gone
/// overdue and climbed the ladder, gongan has a matter and a task of its own.
@Suite("Read API with a viewer")
struct ReadAPITests {
    let s: DocumentScenario
    let now = at("2026-05-08T12:00")

    init() throws { s = try DocumentScenario() }

    /// The outbox's counts by status (the metrics' gauge) are the messages'
    /// own, counted by the store rather than read one by one.
    @Test(arguments: StoreKind.available) func outboxCounts(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T08:00"))
        _ = try rt.start("nudge", rows: [[:], [:], [:]], now: at("2026-04-01T09:00"))
        let queued = try rt.tick(now: at("2026-04-01T10:30")).messages
        #expect(queued >= 3)
        try rt.store.write { s in
            var m = try #require(try s.claimMessage(at: at("2026-04-01T10:30"), until: at("2026-04-01T10:40")))
            m.status = .sent
            try s.updateDelivery(m)
        }
        #expect(try rt.outboxCounts() == [.pending: queued - 1, .sent: 1])
        #expect(try rt.outboxCounts() == Dictionary(grouping: try rt.outbox(as: .office), by: \.status).mapValues(\.count))
    }

    /// The office lists every matter; a unit lists its own only, filters and
    /// pages within them, and asking for another unit's gives nothing.
    @Test func mattersByViewer() throws {
        let all = try s.runtime.matters(MatterQuery(workflow: "rectification", includeFinished: true), as: .office, now: now)
        #expect(Set(all.matters.compactMap(\.unit)) == ["chengguan", "gongan"])
        let own = try s.runtime.matters(MatterQuery(includeFinished: true), as: .unit("chengguan"), now: now)
        #expect(!own.matters.isEmpty && own.matters.allSatisfy { $0.unit == "chengguan" })
        #expect(own.total == own.matters.count)
        let other = try s.runtime.matters(MatterQuery(unit: "gongan"), as: .unit("chengguan"), now: now)
        #expect(other.matters.isEmpty && other.total == 0)
        let overdue = try s.runtime.matters(MatterQuery(overdueOnly: true), as: .office, now: now)
        #expect(!overdue.matters.isEmpty && overdue.matters.allSatisfy { $0.overdue && !$0.instance.finished })
        #expect(overdue.matters.allSatisfy { $0.deadline.map { $0 < now } == true })
        let first = try s.runtime.matters(MatterQuery(includeFinished: true, limit: 1), as: .office, now: now)
        let second = try s.runtime.matters(MatterQuery(includeFinished: true, offset: 1, limit: 1), as: .office, now: now)
        let everything = try s.runtime.matters(MatterQuery(includeFinished: true), as: .office, now: now)
        #expect(first.total == everything.total && everything.total > 2)
        #expect(first.matters.map(\.id) == [everything.matters[0].id] && second.matters.map(\.id) == [everything.matters[1].id])
    }

    /// One matter in full for its own unit (values, ladder, history, documents);
    /// for another unit it is refused exactly as an id that does not exist.
    @Test func oneMatter() throws {
        let late = try #require(try s.runtime.matters(MatterQuery(unit: "chengguan", overdueOnly: true), as: .office, now: now).matters.first)
        let detail = try s.runtime.matter(late.id, as: .unit("chengguan"), now: now)
        #expect(detail.matter.instance.values["problem"] == .text("渣土车未密闭运输"))
        #expect(detail.matter.ladder?.taken != nil && detail.matter.ladder?.policy == "accountability")
        #expect(detail.history.first?.kind == .start && detail.history.count > 3)
        #expect(detail.documents.contains { $0.kind == "supervision-order" })
        func refusal(_ id: String, _ viewer: Viewer) -> String {
            do {
                _ = try s.runtime.matter(id, as: viewer, now: now)
                return "shown"
            } catch {
                return "\(error)".replacingOccurrences(of: id, with: "ID")
            }
        }
        #expect(refusal(late.id, .unit("gongan")) == refusal("9999", .unit("gongan")))
        #expect(refusal(late.id, .unit("gongan")) != "shown")
        #expect(try !s.runtime.exists(late.id, as: .unit("gongan")) && s.runtime.exists(late.id, as: .office))
    }

    /// The board: every unit for the office, its own row for a unit; a late
    /// matter carries the rung it stands on. Outbox, documents and ledger
    /// are narrowed to the unit the same way.
    @Test func boardAndRecords() throws {
        let board = try s.runtime.board(as: .office, now: now)
        #expect(board.map(\.unit) == ["chengguan", "gongan", "jiaotong"])
        let chengguan = try #require(board.first)
        #expect(chengguan.overdue == chengguan.late.count && chengguan.overdue > 0)
        #expect(chengguan.late.allSatisfy { $0.ladder?.taken != nil })
        #expect(try s.runtime.board(as: .unit("gongan"), now: now).map(\.unit) == ["gongan"])

        let outbox = try s.runtime.outbox(as: .unit("gongan"))
        #expect(!outbox.isEmpty && outbox.allSatisfy { $0.unit == "gongan" })
        #expect(try s.runtime.outbox(as: .office).count > outbox.count)
        let docs = try s.runtime.documents(DocumentFilter(), as: .unit("gongan"))
        #expect(docs.allSatisfy { $0.unit == "gongan" || $0.to == "gongan" || $0.cc.contains("gongan") })
        #expect(!docs.contains { $0.kind == "supervision-order" && $0.unit == "chengguan" })
        let ledger = try s.runtime.ledger(as: .unit("chengguan"))
        #expect(!ledger.isEmpty && ledger.allSatisfy { $0.unit == "chengguan" })
        #expect(try s.runtime.ledger(as: .unit("gongan")).allSatisfy { $0.unit == "gongan" })
    }

    /// A store refusal reaches the caller as a RuntimeError with the store's message.
    @Test func storeErrorsAsRuntimeErrors() throws {
        try s.db.execute("UPDATE outbox SET status = 'lost' WHERE id = 1")
        let error = #expect(throws: RuntimeError.self) { try s.runtime.outbox(as: .office) }
        guard case .database(let cause)? = error else {
            Issue.record("expected a database error, got \(String(describing: error))")
            return
        }
        #expect("\(cause)".contains("'lost' in column status"))
    }
}
