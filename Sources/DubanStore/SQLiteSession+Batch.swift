import DubanEngine
import GRDB

/// A tick's batch reads: the instances a chunk of due timers fire on, with
/// all their timers, in two queries.
extension SQLiteSession {
    func storedInstances(ids: [String]) throws -> [String: StoredInstance] {
        var out: [String: StoredInstance] = [:]
        guard !ids.isEmpty else { return out }
        out.reserveCapacity(ids.count)
        let span = BatchSpan(ids)
        let q = try select("SELECT \(Self.instanceColumns) FROM instances WHERE id", ids, span)
        defer { q.reset() }
        while try q.step() {
            let row = try stored(q)
            if span?.wants(row.id) ?? true { out[row.id] = row }
        }
        let t = try select("SELECT instance, key, due FROM timers WHERE instance", ids, span)
        defer { t.reset() }
        // An instance's timers come one after another: each instance's are
        // gathered here and stored in one go (rows outside `out` are dropped).
        var id = "", timers: [(key: TimerKey, due: Int64)] = []
        while try t.step() {
            guard let next = t.text(0), let key = t.withText(1, TimerKey.init(row:)) else {
                throw StoreError.corrupt("timer '\(t.text(1) ?? "")' of instance \(t.text(0) ?? "")")
            }
            if next != id {
                if !timers.isEmpty { out[id]?.timers += timers }
                id = next
                timers.removeAll(keepingCapacity: true)
            }
            timers.append((key, t.int(2)))
        }
        if !timers.isEmpty { out[id]?.timers += timers }
        return out
    }

    /// `select` completed with the span, or else with one placeholder per id.
    private func select(_ select: String, _ ids: [String], _ span: BatchSpan?) throws -> RawStatement {
        if let span {
            let q = RawStatement(try db.cachedStatement(sql: select + " BETWEEN ? AND ?"), db)
            q.bind(1, span.range.lowerBound)
            q.bind(2, span.range.upperBound)
            return q
        }
        // Cached: a tick asks for the same number of ids (a chunk) hundreds of times.
        let q = RawStatement(try db.cachedStatement(sql: select + " IN (" + String(repeating: "?,", count: ids.count - 1) + "?)"), db)
        for (n, id) in ids.enumerated() { q.bind(Int32(n + 1), instance: id) }
        return q
    }

    /// The row as stored; decoding is left to the caller's thread.
    func stored(_ q: RawStatement) throws -> StoredInstance {
        guard let id = q.text(0), let workflow = q.text(1), let state = q.text(3), let values = q.text(4) else {
            throw StoreError.corrupt("an instance row with empty columns")
        }
        return StoredInstance(id: id, workflow: workflow, version: Int(q.int(2)), state: state, values: values, started: q.int(5),
                              entered: q.int(6), parent: q.text(7), finished: q.int(8) != 0, escalation: q.text(9), children: Int(q.int(10)))
    }
}

/// The numbers a chunk's ids run over, when reading that range is cheaper
/// than looking each id up. A campaign's matters are started together, so
/// their ids run in sequence and their timers fall due together: a chunk of
/// top-level ids that fills at least half of its range is read as the range
/// (one seek, then row after row) and the rows not asked for are dropped.
struct BatchSpan {
    let range: ClosedRange<Int64>
    /// The ids asked for, when the range holds others too.
    private let wanted: Set<String>?

    init?(_ ids: [String]) {
        var low = Int64.max, high = Int64.min
        for id in ids {
            guard let n = InstanceKey.number(id) else { return nil }
            low = min(low, n)
            high = max(high, n)
        }
        let width = high - low + 1
        guard width <= 2 * Int64(ids.count) else { return nil }
        range = low...high
        let asked = Set(ids)
        wanted = width == Int64(asked.count) && asked.count == ids.count ? nil : asked
    }

    func wants(_ id: String) -> Bool { wanted?.contains(id) ?? true }
}
