import DubanModel

/// Units' ledgers as one write transaction read them, and added to since.
/// Kept only where no other writer can add to the ledger meanwhile (SQLite's
/// one writer; PostgreSQL's transaction while it holds the audit head): a
/// tick's batch then reads each unit's ledger once, however many of its
/// steps read it, instead of once a step.
struct LedgerCache {
    /// Each unit's entries with their order: the row id, or after every row
    /// read for an entry written since.
    private var kept: [String: [(entry: LedgerEntry, order: Int64)]] = [:]
    private var added: Int64 = 0

    /// The entries of `units`, in time order, ties in the order written, as
    /// the stores read them; `read` fetches the units not kept yet, with
    /// their row ids.
    mutating func entries(_ units: [String], read: ([String]) throws -> [(entry: LedgerEntry, order: Int64)]) throws -> [LedgerEntry] {
        let missing = units.filter { kept[$0] == nil }
        if !missing.isEmpty {
            let fetched = Dictionary(grouping: try read(missing), by: \.entry.unit)
            for unit in missing { kept[unit] = fetched[unit] ?? [] }
        }
        return units.flatMap { kept[$0] ?? [] }.sorted { ($0.entry.time, $0.order) < ($1.entry.time, $1.order) }.map(\.entry)
    }

    /// An entry the transaction writes (a unit not read yet will be read with it).
    mutating func add(_ entry: LedgerEntry) {
        guard kept[entry.unit] != nil else { return }
        added += 1
        kept[entry.unit]!.append((entry, Int64.max / 2 + added))
    }
}
