extension PostgresStore: CopyableStore {
    public func tables<T>(reading: Bool, _ body: (any TableRows) throws -> T) throws -> T {
        try transaction(readOnly: reading) { c in try body(PostgresTables(c: c)) }
    }
}

/// The PostgreSQL tables, row by row as text.
struct PostgresTables: TableRows {
    let c: PGConnection

    func eachRow(of table: CopiedTable, _ body: ([String?]) throws -> Void) throws {
        // A cursor, so a large table is read a slice at a time.
        try c.execute("DECLARE copied NO SCROLL CURSOR FOR SELECT \(table.columnList) FROM \(table.name)")
        while true {
            let r = try c.query("FETCH 5000 FROM copied", [])
            guard r.count > 0 else { break }
            for i in 0..<r.count { try body((0..<table.columns.count).map { r.text(i, $0) }) }
        }
        try c.execute("CLOSE copied")
    }

    func insert(_ rows: [[String?]], into table: CopiedTable) throws {
        // The schema's own placeholder for an empty trail gives way to the copied head.
        if table.name == "audit_head" { try c.send("DELETE FROM audit_head", []) }
        let marks = (1...table.columns.count).map { "$\($0)" }.joined(separator: ", ")
        for row in rows {
            try c.send("INSERT INTO \(table.name) (\(table.columnList)) OVERRIDING SYSTEM VALUE VALUES (\(marks))", row)
        }
    }

    func holdsNothing() throws -> Bool {
        try CopiedTable.all.allSatisfy { t in
            let filter = t.name == "audit_head" ? " WHERE seq > 0" : ""
            return try c.query("SELECT count(*) FROM \(t.name)\(filter)", []).int64(0, 0) == 0
        }
    }

    func finishCopy() throws {
        // Identity columns given explicit values do not move their sequences: the next insert would collide.
        for table in ["outbox", "ledger", "documents", "api_tokens", "attachments"] {
            try c.query("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)", [])
        }
    }
}
