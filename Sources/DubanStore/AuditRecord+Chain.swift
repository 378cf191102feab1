import DubanModel

extension AuditRecord {
    /// The record as a store appends it after the chain's `head` (nil: an
    /// empty trail): linked to the head whatever hashes the caller put there.
    /// Its seq must be the head's plus one.
    func chained(after head: (seq: Int64, hash: String)?) throws -> AuditRecord {
        let head = head ?? (0, AuditRecord.genesisHash)
        guard seq == head.seq + 1 else { throw StoreError.auditOutOfOrder(seq: seq, head: head.seq) }
        var linked = self
        linked.previousHash = head.hash
        linked.hash = linked.computedHash
        return linked
    }
}
