import DubanModel

/// A table as both stores hold it: the columns copied when an office moves
/// from one store to another (`duban db copy`).
public struct CopiedTable: Sendable {
    public var name: String
    public var columns: [String]
    /// Columns holding an instance id, which SQLite keeps as a number when it is one (see InstanceKey).
    var instanceColumns: Set<String> = []

    /// Every table of the schema, in the order they are copied.
    public static let all: [CopiedTable] = [
        CopiedTable(name: "definitions", columns: ["kind", "name", "version", "hash", "path", "source", "deployed_at"]),
        CopiedTable(name: "counters", columns: ["name", "value"]),
        CopiedTable(name: "instances", columns: ["id", "workflow", "version", "state", "values", "started", "entered", "parent", "finished",
                                                 "escalation", "children", "unit"], instanceColumns: ["id", "parent"]),
        CopiedTable(name: "timers", columns: ["instance", "key", "due"], instanceColumns: ["instance"]),
        CopiedTable(name: "events", columns: ["seq", "instance", "time", "recorded", "actor", "kind", "detail", "previous_hash", "hash"],
                    instanceColumns: ["instance"]),
        CopiedTable(name: "audit_head", columns: ["id", "seq", "hash"]),
        CopiedTable(name: "outbox", columns: ["id", "key", "instance", "kind", "unit", "role", "template", "created", "status", "attempts",
                                              "next_attempt", "last_error", "sent_at", "lease_until"]),
        CopiedTable(name: "deliveries", columns: ["outbox", "channel", "sent_at"]),
        CopiedTable(name: "ledger", columns: ["id", "unit", "kind", "time", "clause", "instance"]),
        CopiedTable(name: "sequences", columns: ["kind", "year", "last"]),
        CopiedTable(name: "documents", columns: ["id", "kind", "year", "number", "instance", "unit", "to_unit", "cc", "created", "title", "content"]),
        CopiedTable(name: "schedules", columns: ["workflow", "next_slot"]),
        CopiedTable(name: "schedule_slots", columns: ["workflow", "slot", "instance"]),
        CopiedTable(name: "accounts", columns: ["name", "role", "unit", "password_hash", "disabled", "created"]),
        CopiedTable(name: "api_tokens", columns: ["id", "account", "label", "hash", "created"]),
        CopiedTable(name: "login_sessions", columns: ["hash", "account", "csrf", "created", "expires"]),
        CopiedTable(name: "login_failures", columns: ["key", "time"]),
        CopiedTable(name: "link_generations", columns: ["unit", "generation"]),
        CopiedTable(name: "server_keys", columns: ["name", "value"]),
        CopiedTable(name: "attachments", columns: ["id", "instance", "sha256", "name", "media_type", "size", "audit_seq", "added"]),
    ]

    /// Whether a row is the office's, to copy and compare: PostgreSQL keeps
    /// an empty trail's head as a row at seq 0, which is nothing of the office
    /// (and on SQLite would pass for a head).
    public func holdsOfficeData(_ row: [String?]) -> Bool {
        !(name == "audit_head" && row.count > 1 && row[1] == "0")
    }

    /// The columns as SQL names.
    var columnList: String { columns.map { "\"\($0)\"" }.joined(separator: ", ") }
}

/// Every row of every table, as text: what `duban db copy` reads from one
/// store and writes into another.
public protocol TableRows {
    /// Calls `body` with each row of `table`, in no set order (NULL is nil).
    func eachRow(of table: CopiedTable, _ body: ([String?]) throws -> Void) throws
    /// Adds the rows as they are (keys, hashes and all).
    func insert(_ rows: [[String?]], into table: CopiedTable) throws
    /// Whether the database holds no office yet: no row in any table.
    func holdsNothing() throws -> Bool
    /// After the rows are in: counters the database keeps of its own (PostgreSQL's identities) catch up.
    func finishCopy() throws
}

/// A store whose tables can be read and written whole.
public protocol CopyableStore: Store {
    /// One transaction (a write, unless `reading`) over the tables.
    func tables<T>(reading: Bool, _ body: (any TableRows) throws -> T) throws -> T
}

extension TableRows {
    /// A digest of every copied row, whatever order each store reads them
    /// in (a sum of the rows' own hashes per table): equal on both sides of a
    /// faithful copy.
    public func digest() throws -> (rows: Int, hash: String) {
        var rows = 0
        var all = SHA256()
        for table in CopiedTable.all {
            var sum = [UInt64](repeating: 0, count: 4)
            try eachRow(of: table) { row in
                guard table.holdsOfficeData(row) else { return }
                rows += 1
                var h = SHA256()
                for cell in row {
                    // A length before each cell: no two rows run together the same way.
                    guard let cell else { h.update("N".utf8); continue }
                    h.update("\(cell.utf8.count):".utf8)
                    h.update(cell.utf8)
                }
                let bytes = h.finalize()
                for lane in 0..<4 {
                    let word = bytes[(lane * 8)..<(lane * 8 + 8)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                    sum[lane] &+= word
                }
            }
            all.update("\(table.name):\(sum.map(String.init).joined(separator: ","))\n".utf8)
        }
        return (rows, all.hexDigest())
    }
}
