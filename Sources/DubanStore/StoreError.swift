/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case corrupt(String)
    case refused(String)
    /// An audit record numbered other than the head's next: two writers at once, or a bug.
    case auditOutOfOrder(seq: Int64, head: Int64)
    /// A due timer whose instance cannot be read (deleted, or a damaged page).
    case timerWithoutInstance(instance: String, timer: String)
    /// Another process held the database longer than the busy timeout.
    case busy(path: String)
    /// The file is empty, or a database of something else.
    case notDuban(path: String, reason: String)
    /// Written by a newer duban: migrations this one does not know.
    case newerSchema(path: String, unknown: [String], known: String)
    /// A read-only database asked to change.
    case readOnly(path: String)
    /// The PostgreSQL server at `server` (host:port, never the password) did not answer or refused the login.
    case unreachable(server: String, reason: String)
    /// A deadlock or serialisation failure that still happened after the step was tried again.
    case conflict(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the database \(path): \(reason)"
        case .corrupt(let m): return "the database holds something unreadable: \(m)"
        case .refused(let m): return "the database refused a statement: \(m)"
        case .auditOutOfOrder(let seq, let head):
            return "audit event \(seq) cannot follow event \(head), the last in the trail; nothing was written, run the command again"
        case .busy(let path):
            return "the database \(path) is busy (another duban holds it): nothing was done; run the command again"
        case .notDuban(let path, let reason):
            return "\(path) is not a Duban database (\(reason)); 'duban deploy' sets up a new one, or restore it from a backup"
        case .newerSchema(let path, let unknown, let known):
            return "the database \(path) was written by a newer duban (migration \(unknown.map { "'\($0)'" }.joined(separator: ", ")); "
                + "this duban knows up to '\(known)'): install that version; nothing was changed"
        case .unreachable(let server, let reason):
            return "cannot reach the PostgreSQL server at \(server): \(reason)"
        case .conflict(let m):
            return "other processes kept changing the same rows (\(m)): nothing was written; run the command again"
        case .readOnly(let path):
            return "the database \(path) is read-only here: nothing was changed"
        case .timerWithoutInstance(let instance, let timer):
            return "timer \(timer) of instance \(instance) is due, but the database holds no instance \(instance) (deleted, or a damaged page): "
                + "nothing was fired; 'duban audit verify' lists every such row, restore the database from a backup"
        }
    }
}
