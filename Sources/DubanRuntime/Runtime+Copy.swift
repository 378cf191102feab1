import DubanModel
import DubanStore

/// What `db copy` did.
public struct CopyReport: Sendable {
    public var rows: Int
    public var events: Int
    public var head: String
}

extension Runtime {
    /// Copies every row of this runtime's database into `target`, which must
    /// hold nothing, in one transaction. Before: the audit trail here must
    /// verify. After: it must verify on the target too, and both sides must
    /// hold the same rows (a digest of every table).
    public func copy(to target: any CopyableStore, named: String) throws -> CopyReport {
        guard let source = store as? any CopyableStore else { throw RuntimeError.copy("this database cannot be copied from") }
        let before = try verifyAudit()
        guard before.problems.isEmpty else {
            throw RuntimeError.copy("nothing was copied: the audit trail here does not verify (\(before.problems.joined(separator: "; ")))")
        }
        try database {
            try target.tables(reading: false) { to in
                guard try to.holdsNothing() else {
                    throw RuntimeError.copy("nothing was copied: \(named) already holds data; copy into an empty database")
                }
                try source.tables(reading: true) { from in
                    for table in CopiedTable.all {
                        var rows: [[String?]] = []
                        try from.eachRow(of: table) { row in
                            guard table.holdsOfficeData(row) else { return }
                            rows.append(row)
                            if rows.count == 1000 {
                                try to.insert(rows, into: table)
                                rows.removeAll(keepingCapacity: true)
                            }
                        }
                        try to.insert(rows, into: table)
                    }
                }
                try to.finishCopy()
            }
        }
        let after = try Runtime(store: target).verifyAudit()
        let (here, there) = try database { (try source.tables(reading: true) { try $0.digest() }, try target.tables(reading: true) { try $0.digest() }) }
        guard after.problems.isEmpty, after.events == before.events, here == there else {
            throw RuntimeError.copy("the copy in \(named) differs from this database (\(here.rows) rows here, \(there.rows) there; "
                + "audit: \(after.problems.isEmpty ? "\(after.events) events" : after.problems.joined(separator: "; "))): do not use it; "
                + "empty it and copy again")
        }
        return CopyReport(rows: here.rows, events: after.events, head: after.lastHash)
    }
}
