import DubanEngine
import DubanModel

/// One transaction on the PostgreSQL store. Writes whose result nothing
/// waits for are sent ahead in pipeline mode (`PGConnection.send`).
final class PostgresSession: StoreSession {
    let c: PGConnection
    /// A write transaction locks what it reads: instances, the audit head.
    let writing: Bool
    /// The audit chain's head, written once when the transaction ends.
    var pendingHead: (seq: Int64, hash: String)?
    /// The head as read (and locked) before this transaction appended.
    var lockedHead: (seq: Int64, hash: String)?
    /// Instances this transaction inserted or updated.
    var written = Set<String>()
    /// The hot writes, sent before the next read or at the commit.
    var buffer = PGWriteBuffer()
    /// The last instance number taken, once this transaction holds the counter.
    var instanceCounter: Int64?
    /// Units' ledgers as read once this transaction held the audit head: no
    /// other transaction writes the ledger meanwhile (each that does appends
    /// to the trail, so waits for the head).
    var ledgers = LedgerCache()

    init(_ c: PGConnection, writing: Bool) {
        self.c = c
        self.writing = writing
    }

    /// Before the commit: what is kept is sent, and the head and counter written once.
    func flush() throws {
        try buffer.send(on: c)
        if let instanceCounter { try c.send("UPDATE counters SET value = $1 WHERE name = 'instance'", [String(instanceCounter)]) }
        guard let head = pendingHead else { return }
        try c.send("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [String(head.seq), head.hash])
        pendingHead = nil
    }

    /// A read (or a write whose result is needed): it sees every write before it.
    @discardableResult
    func q(_ sql: String, _ params: [String?]) throws -> PGResult {
        try buffer.send(on: c)
        return try c.query(sql, params)
    }

    // MARK: Definitions

    func definitions() throws -> [StoredDefinition] {
        let r = try q("SELECT kind, name, version, hash, path, source, deployed_at FROM definitions ORDER BY kind, name, version", [])
        return (0..<r.count).map { i in
            StoredDefinition(kind: DefinitionKind(rawValue: r.string(i, 0)) ?? .workflow, name: r.string(i, 1), version: Int(r.int64(i, 2)),
                             hash: r.string(i, 3), path: r.string(i, 4), source: r.string(i, 5), deployedAt: Instant(seconds: r.int64(i, 6)))
        }
    }

    func definitionsVersion() throws -> String {
        try q("SELECT count(*) || ':' || coalesce(max(deployed_at), 0) FROM definitions", []).string(0, 0)
    }

    func insert(_ d: StoredDefinition) throws {
        try c.send("INSERT INTO definitions (kind, name, version, hash, path, source, deployed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   [d.kind.rawValue, d.name, String(d.version), d.hash, d.path, d.source, String(d.deployedAt.seconds)])
    }

    // MARK: Instances

    /// The counter's row is locked by the first number a transaction takes,
    /// and numbers after it are counted here and written at the commit: no
    /// other transaction takes a number in between, as on SQLite, and a
    /// start of many rows does not wait for the server at each.
    func nextInstanceNumber() throws -> Int {
        if instanceCounter == nil {
            instanceCounter = try c.query("""
                INSERT INTO counters (name, value) VALUES ('instance', 0)
                ON CONFLICT (name) DO UPDATE SET value = counters.value RETURNING value
                """, []).int64(0, 0)
        }
        instanceCounter! += 1
        return Int(instanceCounter!)
    }

    static let instanceColumns = "id, workflow, version, state, \"values\", started, entered, parent, finished, escalation, children"

    func instance(_ id: String) throws -> Instance? {
        try storedInstances(ids: [id])[id]?.decoded()
    }

    /// The rows of `ids` with their timers; a write transaction locks them
    /// (a child signalling its parent locks the parent), waiting for any
    /// other transaction that holds one.
    func storedInstances(ids: [String], skipLocked: Bool = false) throws -> [String: StoredInstance] {
        guard !ids.isEmpty else { return [:] }
        let lock = writing ? (skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE") : ""
        let list = PGArray(ids).literal
        let r = try q("SELECT \(Self.instanceColumns) FROM instances WHERE id = ANY($1::text[])\(lock)", [list])
        var out: [String: StoredInstance] = [:]
        out.reserveCapacity(r.count)
        for i in 0..<r.count {
            let id = r.string(i, 0)
            out[id] = StoredInstance(id: id, workflow: r.string(i, 1), version: Int(r.int64(i, 2)), state: r.string(i, 3), values: r.string(i, 4),
                                     started: r.int64(i, 5), entered: r.int64(i, 6), parent: r.text(i, 7), finished: r.int64(i, 8) != 0,
                                     escalation: r.text(i, 9), children: Int(r.int64(i, 10)))
        }
        guard !out.isEmpty else { return out }
        let t = try q("SELECT instance, key, due FROM timers WHERE instance = ANY($1::text[]) ORDER BY instance, key",
                            [PGArray(Array(out.keys)).literal])
        for i in 0..<t.count {
            guard let key = TimerKey(row: t.string(i, 1)) else { throw StoreError.corrupt("timer '\(t.string(i, 1))' of instance \(t.string(i, 0))") }
            out[t.string(i, 0)]?.timers.append((key, t.int64(i, 2)))
        }
        return out
    }

    func insert(_ i: Instance) throws {
        written.insert(i.id)
        buffer.insert(i)
    }

    func update(_ i: Instance, from before: Instance) throws {
        guard let change = RowChange(i, from: before) else { return }
        written.insert(i.id)
        buffer.update(i, change)
    }

    func instances(_ f: InstanceFilter) throws -> [Instance] {
        var (sql, params) = Self.instanceQuery("SELECT id", f)
        sql += " ORDER BY started, ord"
        if let limit = f.limit { sql += " LIMIT \(limit)" }
        if f.offset > 0 { sql += " OFFSET \(f.offset)" }
        let r = try q(sql, params)
        let ids = (0..<r.count).map { r.string($0, 0) }
        let rows = try storedInstances(ids: ids)
        return try ids.compactMap { try rows[$0]?.decoded() }
    }

    func countInstances(_ f: InstanceFilter) throws -> Int {
        let (sql, params) = Self.instanceQuery("SELECT count(*)", f)
        return Int(try q(sql, params).int64(0, 0))
    }

    static func instanceQuery(_ select: String, _ f: InstanceFilter) -> (String, [String?]) {
        var sql = select + " FROM instances WHERE true"
        var params: [String?] = []
        func add(_ column: String, _ value: String) {
            params.append(value)
            sql += " AND \(column) = $\(params.count)"
        }
        if let w = f.workflow { add("workflow", w) }
        if let s = f.state { add("state", s) }
        if let u = f.unit { add("unit", u) }
        if let r = f.running { add("finished", r ? "0" : "1") }
        if let p = f.parent { add("parent", p) }
        return (sql, params)
    }

    func outlines(workflow: String, _ each: (MatterOutline) throws -> Void) throws {
        let r = try q("""
            SELECT id, version, state, unit, finished, started, entered, escalation, ("values"::json -> 'deadline')::text
            FROM instances WHERE workflow = $1
            """, [workflow])
        for i in 0..<r.count {
            let id = r.string(i, 0)
            try each(MatterOutline(id: id, workflow: workflow, version: Int(r.int64(i, 1)), state: r.string(i, 2), unit: r.text(i, 3),
                                   finished: r.int64(i, 4) != 0, started: Instant(seconds: r.int64(i, 5)), entered: Instant(seconds: r.int64(i, 6)),
                                   escalation: try StoredInstance.escalation(r.text(i, 7), of: id),
                                   deadline: r.text(i, 8).flatMap(StoredInstance.value(json:))))
        }
    }
}
