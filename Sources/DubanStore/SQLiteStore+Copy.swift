import GRDB

extension SQLiteStore: CopyableStore {
    public func tables<T>(reading: Bool, _ body: (any TableRows) throws -> T) throws -> T {
        if reading { return try translating { try queue.read { db in try body(SQLiteTables(db: db)) } } }
        return try writeSession { session in try body(SQLiteTables(db: session.db)) }
    }
}

/// The SQLite tables, row by row as text.
struct SQLiteTables: TableRows {
    let db: Database

    func eachRow(of table: CopiedTable, _ body: ([String?]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT \(table.columnList) FROM \(table.name)")
        while let row = try rows.next() {
            try body((0..<row.count).map { Self.text(row[$0]) })
        }
    }

    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let n): String(n)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }

    func insert(_ rows: [[String?]], into table: CopiedTable) throws {
        let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(table.name) (\(table.columnList)) VALUES (\(marks))")
        for row in rows {
            // Text into an INTEGER column is kept as the number; an instance id column has no type, so it is told.
            let values = zip(table.columns, row).map { column, cell in
                table.instanceColumns.contains(column) ? InstanceKey.value(cell) : cell.map(\.databaseValue) ?? .null
            }
            try statement.execute(arguments: StatementArguments(values))
        }
    }

    func holdsNothing() throws -> Bool {
        try CopiedTable.all.allSatisfy { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0.name)") == 0 }
    }

    func finishCopy() throws {}
}
