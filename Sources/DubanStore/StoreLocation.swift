/// How a command may use the database.
public enum StoreAccess: Sendable {
    /// Create the database and set it up if needed (`deploy`, `init`, `play`, tests).
    case create
    /// It must already be a Duban database; older ones are migrated.
    case existing
    /// Read only, and nothing written: an SQLite file works in a folder the
    /// user cannot write to. An older schema is refused rather than migrated.
    case readOnly
}

/// Where the database is: an SQLite file (the default) or a PostgreSQL
/// database named by a postgres:// URL. The one place that tells them apart.
public enum StoreLocation: Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ text: String) {
        self = PostgresStore.isURL(text) ? .postgres(url: text) : .sqlite(path: text)
    }

    /// Opens the store. `readers`: connections kept for reads side by side (a server).
    public func open(_ access: StoreAccess, readers: Int = 0) throws -> any CopyableStore {
        switch self {
        case .sqlite(let path): return try SQLiteStore(path: path, access: access, readers: readers)
        case .postgres(let url): return try PostgresStore(url: url, access: access, connections: max(4, readers + 2))
        }
    }

    /// For messages: the file, or the URL without its password and options.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return PGConnection.describe(url)
        }
    }
}
