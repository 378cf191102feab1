import GRDB

/// How the instance tables (instances, timers, events) store an id since
/// migration v5: a top-level id, digits without a leading zero, as an
/// integer, so that instances started together sit together in the table
/// and its indexes; a child's id ("12.3") as text. SQLite compares an
/// integer and a text as different values, so every statement on those
/// columns goes through here.
enum InstanceKey {
    /// The integer a top-level id is stored as; nil for any other id.
    static func number(_ id: String) -> Int64? {
        // Int64 reads digits alone but would also take a sign or a leading zero.
        guard let first = id.utf8.first, first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9"), id.utf8.count <= 18 else { return nil }
        return Int64(id)
    }

    /// The value to bind through GRDB.
    static func value(_ id: String?) -> DatabaseValue {
        guard let id else { return .null }
        return number(id).map(\.databaseValue) ?? id.databaseValue
    }

    /// The id a stored value stands for: the same digits either way.
    static func id(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .int64(let n): String(n)
        case .string(let s): s
        default: nil
        }
    }
}

extension RawStatement {
    func bind(_ index: Int32, instance id: String?) {
        if let id, let n = InstanceKey.number(id) { bind(index, n) } else { bind(index, id) }
    }
}
