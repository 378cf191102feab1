import DubanModel
import DubanStore

/// The result of checking the audit trail's hash chain.
public struct AuditVerification: Sendable {
    public var events = 0
    public var lastHash = ""
    public var problems: [String] = []
    /// Timers, messages and documents that point at an instance the database does not hold.
    public var orphans: [String] = []
}

extension Runtime {
    /// Walks the whole trail in pages: numbering without gaps, each row's
    /// hash matching its content, each row pointing at the one before. Any
    /// edit, deletion or insertion breaks one of these. Then finds timers,
    /// messages and documents whose instance the database does not hold.
    public func verifyAudit(pageSize: Int = 10_000) throws -> AuditVerification {
        var result = AuditVerification()
        var previous = (seq: Int64(0), hash: AuditRecord.genesisHash)
        while result.problems.count < 20 {
            let page = try read { try $0.auditRecords(after: previous.seq, limit: pageSize) }
            if page.isEmpty { break }
            for r in page {
                if r.seq != previous.seq + 1 {
                    result.problems.append("events \(previous.seq + 1)…\(r.seq - 1) are missing: rows were deleted")
                }
                if r.previousHash != previous.hash {
                    result.problems.append("event \(r.seq) does not follow event \(previous.seq): the chain was cut or a row was replaced")
                }
                if r.hash != r.computedHash {
                    result.problems.append("event \(r.seq) (instance \(r.instance ?? "-"), \(r.kind) by \(r.actor)) does not match its hash: it was edited")
                }
                result.events += 1
                previous = (r.seq, r.hash)
            }
        }
        result.lastHash = previous.hash
        let head = try read { try $0.lastAudit() }
        if result.problems.isEmpty, let head, head.seq != previous.seq || head.hash != previous.hash {
            result.problems.append("the trail ends at event \(previous.seq) but its recorded head is event \(head.seq): rows were removed from the end")
        }
        // Rows that point at nothing: a tick would stop at such a timer.
        result.orphans = try read { try $0.orphans() }.map(\.description)
        return result
    }
}
