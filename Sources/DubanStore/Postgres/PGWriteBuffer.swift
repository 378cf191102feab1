import DubanEngine
import DubanModel

/// The writes a step makes of every transition (instances, timers, audit
/// rows, outbox and ledger rows), kept until the transaction next reads or
/// commits and then sent as one statement per table over arrays (`unnest`):
/// the server runs a handful of statements per batch instead of five or six
/// per transition, which was most of its work. What a row ends as is what
/// was written last: a timer set then deleted is deleted, an instance
/// inserted then updated is inserted as updated.
struct PGWriteBuffer {
    private var inserted: [String: Instance] = [:]
    private var insertOrder: [String] = []
    /// The latest of each updated instance, and whether any update changed its values or unit.
    private var updated: [String: (instance: Instance, values: Bool, unit: Bool)] = [:]
    private var updateOrder: [String] = []
    /// A timer's due time, or nil for deleted.
    private var timers: [TimerRow: Int64?] = [:]
    private var events: [AuditRecord] = []
    private var messages: [OutboxMessage] = []
    private var ledger: [(entry: LedgerEntry, instance: String)] = []

    struct TimerRow: Hashable {
        var instance: String
        var key: String
    }

    var isEmpty: Bool {
        inserted.isEmpty && updated.isEmpty && timers.isEmpty && events.isEmpty && messages.isEmpty && ledger.isEmpty
    }

    /// An id inserted twice is sent twice, so the database refuses it as it would unbuffered.
    mutating func insert(_ i: Instance) {
        insertOrder.append(i.id)
        inserted[i.id] = i
    }

    mutating func update(_ i: Instance, _ change: RowChange) {
        if inserted[i.id] != nil { return inserted[i.id] = i }
        let earlier = updated[i.id]
        if earlier == nil { updateOrder.append(i.id) }
        updated[i.id] = (i, change.values || earlier?.values == true, change.unit || earlier?.unit == true)
    }

    mutating func setTimer(_ instance: String, _ key: TimerKey, due: Instant) {
        timers[TimerRow(instance: instance, key: key.description)] = .some(due.seconds)
    }

    mutating func deleteTimer(_ instance: String, _ key: TimerKey) {
        timers[TimerRow(instance: instance, key: key.description)] = .some(nil)
    }

    mutating func append(_ record: AuditRecord) { events.append(record) }
    mutating func insert(_ message: OutboxMessage) { messages.append(message) }
    mutating func insert(_ entry: LedgerEntry, instance: String) { ledger.append((entry, instance)) }

    /// Sends what is kept, one statement per table, and empties the buffer.
    mutating func send(on c: PGConnection) throws {
        guard !isEmpty else { return }
        if !insertOrder.isEmpty {
            let rows = insertOrder.compactMap { inserted[$0] }
            try c.send("""
                INSERT INTO instances (id, workflow, version, state, "values", started, entered, parent, finished, escalation, children, unit)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[],
                                     $9::int[], $10::text[], $11::bigint[], $12::text[])
                """, [PGArray(rows.map(\.id)), PGArray(rows.map(\.workflow)), PGArray(rows.map { String($0.version) }),
                      PGArray(rows.map(\.state)), PGArray(rows.map { ValueCoding.encode($0.values) }),
                      PGArray(rows.map { String($0.started.seconds) }), PGArray(rows.map { String($0.entered.seconds) }),
                      PGArray(rows.map(\.parent)), PGArray(rows.map { $0.finished ? "1" : "0" }),
                      PGArray(rows.map { StoredInstance.column($0.escalation) }), PGArray(rows.map { String($0.children) }),
                      PGArray(rows.map(\.unitColumn))].map(\.literal))
        }
        if !updateOrder.isEmpty {
            let rows = updateOrder.compactMap { updated[$0] }
            // Values and unit are written only where a step changed them (NULL / false: left as they are).
            try c.send("""
                UPDATE instances AS i SET version = u.version, state = u.state, entered = u.entered, finished = u.finished,
                    escalation = u.escalation, children = u.children, "values" = coalesce(u.vals, i."values"),
                    unit = CASE WHEN u.unit_set THEN u.unit ELSE i.unit END
                FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::int[], $6::text[], $7::bigint[], $8::text[],
                            $9::text[], $10::boolean[]) AS u(id, version, state, entered, finished, escalation, children, vals, unit, unit_set)
                WHERE i.id = u.id
                """, [PGArray(rows.map(\.instance.id)), PGArray(rows.map { String($0.instance.version) }), PGArray(rows.map(\.instance.state)),
                      PGArray(rows.map { String($0.instance.entered.seconds) }), PGArray(rows.map { $0.instance.finished ? "1" : "0" }),
                      PGArray(rows.map { StoredInstance.column($0.instance.escalation) }), PGArray(rows.map { String($0.instance.children) }),
                      PGArray(rows.map { $0.values ? ValueCoding.encode($0.instance.values) : nil }),
                      PGArray(rows.map(\.instance.unitColumn)), PGArray(rows.map { $0.unit ? "t" : "f" })].map(\.literal))
        }
        let deleted = timers.filter { $0.value == nil }.map(\.key), set = timers.compactMap { row, due in due.map { (row, $0) } }
        if !deleted.isEmpty {
            try c.send("""
                DELETE FROM timers AS t USING unnest($1::text[], $2::text[]) AS d(instance, key) WHERE t.instance = d.instance AND t.key = d.key
                """, [PGArray(deleted.map(\.instance)).literal, PGArray(deleted.map(\.key)).literal])
        }
        if !set.isEmpty {
            try c.send("""
                INSERT INTO timers (instance, key, due) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
                ON CONFLICT (instance, key) DO UPDATE SET due = excluded.due
                """, [PGArray(set.map(\.0.instance)).literal, PGArray(set.map(\.0.key)).literal, PGArray(set.map { String($0.1) }).literal])
        }
        if !events.isEmpty {
            try c.send("""
                INSERT INTO events (seq, instance, time, recorded, actor, kind, detail, previous_hash, hash)
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                """, [PGArray(events.map { String($0.seq) }), PGArray(events.map(\.instance)), PGArray(events.map { String($0.time.seconds) }),
                      PGArray(events.map { String($0.recorded.seconds) }), PGArray(events.map(\.actor)), PGArray(events.map(\.kind.rawValue)),
                      PGArray(events.map(\.detail)), PGArray(events.map(\.previousHash)), PGArray(events.map(\.hash))].map(\.literal))
        }
        if !messages.isEmpty {
            // In the order queued: the identity column numbers them so.
            try c.send("""
                INSERT INTO outbox (key, instance, kind, unit, role, template, created, next_attempt)
                SELECT key, instance, kind, unit, role, template, created, next_attempt
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[])
                    WITH ORDINALITY AS m(key, instance, kind, unit, role, template, created, next_attempt, n) ORDER BY n
                """, [PGArray(messages.map(\.key)), PGArray(messages.map(\.instance)), PGArray(messages.map(\.kind.rawValue)),
                      PGArray(messages.map(\.unit)), PGArray(messages.map(\.role)), PGArray(messages.map(\.template)),
                      PGArray(messages.map { String($0.created.seconds) }),
                      PGArray(messages.map { $0.nextAttempt.map { String($0.seconds) } })].map(\.literal))
        }
        if !ledger.isEmpty {
            try c.send("""
                INSERT INTO ledger (unit, kind, time, clause, instance)
                SELECT unit, kind, time, clause, instance FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[])
                    WITH ORDINALITY AS l(unit, kind, time, clause, instance, n) ORDER BY n
                """, [PGArray(ledger.map(\.entry.unit)), PGArray(ledger.map(\.entry.kind.rawValue)),
                      PGArray(ledger.map { String($0.entry.time.seconds) }), PGArray(ledger.map(\.entry.clause)),
                      PGArray(ledger.map(\.instance))].map(\.literal))
        }
        self = PGWriteBuffer()
    }
}

/// A PostgreSQL array literal of text elements (NULL for nil), to bind as one parameter.
struct PGArray {
    let literal: String

    init(_ items: [String?]) {
        var out = "{"
        out.reserveCapacity(items.count * 16)
        for (n, item) in items.enumerated() {
            if n > 0 { out += "," }
            guard let item else { out += "NULL"; continue }
            out += "\""
            for ch in item.unicodeScalars {
                if ch == "\"" || ch == "\\" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        literal = out + "}"
    }

    init(_ items: [String]) { self.init(items.map(Optional.some)) }
}
