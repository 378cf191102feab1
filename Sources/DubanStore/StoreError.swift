/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case corrupt(String)
    case sqlite(String)
    /// An audit record numbered other than the head's next: two writers at once, or a bug.
    case auditOutOfOrder(seq: Int64, head: Int64)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the database \(path): \(reason)"
        case .corrupt(let m): return "the database holds something unreadable: \(m)"
        case .sqlite(let m): return "the database refused a statement: \(m)"
        case .auditOutOfOrder(let seq, let head):
            return "audit event \(seq) cannot follow event \(head), the last in the trail; nothing was written, run the command again"
        }
    }
}
