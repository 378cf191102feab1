import CLibPQ

/// The rows of one statement, as text; freed with the value.
final class PGResult {
    let raw: OpaquePointer?

    init(_ raw: OpaquePointer?) { self.raw = raw }
    deinit { PQclear(raw) }

    var count: Int { Int(PQntuples(raw)) }
    /// Rows a write touched.
    var changed: Int { Int(String(cString: PQcmdTuples(raw))) ?? 0 }

    /// A cell past the last row (an empty result) reads as NULL.
    func isNull(_ row: Int, _ column: Int) -> Bool { row >= count || PQgetisnull(raw, Int32(row), Int32(column)) == 1 }

    func text(_ row: Int, _ column: Int) -> String? {
        guard !isNull(row, column) else { return nil }
        return String(cString: PQgetvalue(raw, Int32(row), Int32(column)))
    }

    /// The column as text, "" for NULL.
    func string(_ row: Int, _ column: Int) -> String { text(row, column) ?? "" }

    /// An integer column read from its digits, nil for NULL.
    func int(_ row: Int, _ column: Int) -> Int64? {
        guard !isNull(row, column), let p = PQgetvalue(raw, Int32(row), Int32(column)) else { return nil }
        var n: Int64 = 0, i = 0, negative = false
        if p[0] == 45 { negative = true; i = 1 }
        while p[i] != 0 {
            n = n &* 10 &+ Int64(p[i] &- 48)
            i += 1
        }
        return negative ? -n : n
    }

    func int64(_ row: Int, _ column: Int) -> Int64 { int(row, column) ?? 0 }

    /// What the server said, with its SQLSTATE: a deadlock or a serialisation
    /// failure is worth a retry.
    func error(sql: String) -> StoreError {
        let state = PQresultErrorField(raw, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
        let message = PGConnection.message(PQresultErrorMessage(raw))
        switch state {
        case "40001", "40P01": return .conflict(message)
        case "55P03", "57014": return .busy(path: "PostgreSQL (\(message))")
        default: return .refused(message)
        }
    }
}
