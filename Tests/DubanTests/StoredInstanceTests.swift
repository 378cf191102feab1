import DubanEngine
import DubanLanguage
import DubanModel
@testable import DubanStore
import Testing

@Suite("Stored instance rows")
struct StoredInstanceTests {
    func row(escalation: String?) -> StoredInstance {
        StoredInstance(id: "7", workflow: "w", version: 1, state: "overdue", values: "{}", started: 0, entered: 0, parent: nil,
                       finished: false, escalation: escalation, children: 0)
    }

    /// An escalation column reads back field by field, whatever the unit is called.
    @Test func escalationReadsBack() throws {
        let progress = try row(escalation: "ladder\u{1f}城管局\u{1f}-5\u{1f}2").decoded().escalation
        #expect(progress == EscalationProgress(policy: "ladder", unit: "城管局", origin: Instant(seconds: -5), next: 2))
        #expect(try row(escalation: nil).decoded().escalation == nil)
    }

    /// A held or repeating ladder writes its two more fields and reads them back; a plain one stays four fields.
    @Test func heldLadderReadsBack() throws {
        let held = EscalationProgress(policy: "ladder", unit: "u1", origin: Instant(seconds: 60), next: 2, fired: 1, reported: true)
        let column = try #require(StoredInstance.column(held))
        #expect(column.split(separator: "\u{1f}").count == 6)
        #expect(try row(escalation: column).decoded().escalation == held)
        let plain = EscalationProgress(policy: "ladder", unit: "u1", origin: Instant(seconds: 60), next: 2)
        #expect(StoredInstance.column(plain)?.split(separator: "\u{1f}").count == 4)
    }

    /// A damaged escalation column is refused, naming the instance, never read as another step.
    @Test(arguments: ["", "ladder", "ladder\u{1f}u1\u{1f}5", "ladder\u{1f}u1\u{1f}x\u{1f}1", "ladder\u{1f}u1\u{1f}5\u{1f}", "ladder\u{1f}u1\u{1f}5\u{1f}1\u{1f}2"])
    func damagedEscalation(_ text: String) {
        let error = #expect(throws: StoreError.self) { try row(escalation: text).decoded() }
        #expect(error?.description == StoreError.corrupt("escalation of 7").description)
    }
}
