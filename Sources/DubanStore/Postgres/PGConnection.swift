import CLibPQ
import Foundation

/// One libpq connection, used by one thread at a time (the store hands it
/// out to one transaction). Statements are prepared once per connection;
/// parameters and results travel as text.
final class PGConnection: @unchecked Sendable {
    private let raw: OpaquePointer
    /// "host:port", for messages: never the password.
    let server: String
    /// "host:port/database", for messages.
    let database: String
    /// SQL text → the name it was prepared under on this connection.
    private var prepared: [String: String] = [:]
    /// Writes sent ahead in pipeline mode whose results are not read yet.
    private(set) var pending = 0
    /// Statements prepared in the pipeline now running: forgotten if it fails,
    /// since a statement after a failure in a pipeline is not run.
    private var preparedAhead: [String] = []
    private var serial = 0
    /// Session-level advisory locks held (`holding(_:_:)`): a connection that
    /// holds one goes back to no pool.
    var heldLocks = 0

    /// Connection settings a caller did not give, so that no network call
    /// waits without end: a dead server is found within seconds, a hung
    /// client's locks are let go by the server.
    static let defaults: [(key: String, value: String, env: String)] = [
        ("connect_timeout", "10", "PGCONNECT_TIMEOUT"),
        ("keepalives_idle", "10", ""), ("keepalives_interval", "5", ""), ("keepalives_count", "3", ""),
        ("tcp_user_timeout", "30000", ""),
        ("application_name", "duban", "PGAPPNAME"),
    ]

    /// Connects to `url` (a postgres:// URL or a key=value string). The
    /// PG* environment and ~/.pgpass apply as in every libpq client.
    init(url: String) throws {
        let env = ProcessInfo.processInfo.environment
        let given = Self.defaults.filter { $0.env.isEmpty || env[$0.env] == nil }
        // The URL comes last: what it says overrides these defaults.
        let keys = given.map(\.key) + ["dbname"]
        let values = given.map(\.value) + [url]
        let conn = withCStrings(keys) { k in withCStrings(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw StoreError.unreachable(server: Self.describe(url), reason: "out of memory") }
        raw = conn
        server = Self.server(of: conn, url: url)
        database = server + "/" + (PQdb(conn).map { String(cString: $0) } ?? "")
        // (deinit closes the connection, also when init throws from here on.)
        guard PQstatus(conn) == CONNECTION_OK else { throw StoreError.unreachable(server: server, reason: Self.message(PQerrorMessage(conn))) }
        // Locks are held no longer than a transaction left idle by a stopped client,
        // and no statement waits for ever.
        try execute("SET idle_in_transaction_session_timeout = '60s'; SET statement_timeout = '120s'; SET lock_timeout = '60s'")
    }

    deinit { PQfinish(raw) }

    /// host:port of a connection, as libpq resolved it.
    private static func server(of conn: OpaquePointer, url: String) -> String {
        let host = PQhost(conn).map { String(cString: $0) } ?? ""
        let port = PQport(conn).map { String(cString: $0) } ?? ""
        guard !host.isEmpty else { return describe(url) }
        return host.hasPrefix("/") ? "\(host) (socket, port \(port))" : "\(host):\(port)"
    }

    /// A URL without its password, for a message about it.
    static func describe(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.scheme?.hasPrefix("postgres") == true else { return "the PostgreSQL server" }
        parts.password = nil
        parts.query = nil
        return parts.string ?? "the PostgreSQL server"
    }

    static func message(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "unknown error" }
        // libpq's messages run over lines (a hint on a second, tab-indented): one line here.
        return String(cString: p).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// Whether the connection still works (a pooled one may have been cut).
    var isUsable: Bool {
        PQstatus(raw) == CONNECTION_OK && PQtransactionStatus(raw) == PQTRANS_IDLE && pending == 0 && heldLocks == 0
    }

    /// Runs statements without parameters, results ignored.
    func execute(_ sql: String) throws {
        try drain()
        let result = PGResult(PQexec(raw, sql))
        try check(result, sql)
    }

    /// Runs `sql` with `$1…` parameters and returns its rows.
    @discardableResult
    func query(_ sql: String, _ params: [String?]) throws -> PGResult {
        try drain()
        let name = try prepare(sql)
        let result = withParameters(params) { n, values in PGResult(PQexecPrepared(raw, name, n, values, nil, nil, 0)) }
        try check(result, sql)
        return result
    }

    /// Sends a write whose result is not needed now: in pipeline mode it goes
    /// ahead without waiting for the server, and its outcome is read at the
    /// next query or at `drain`. An error there fails the transaction.
    func send(_ sql: String, _ params: [String?]) throws {
        if pending == 0 && PQpipelineStatus(raw) == PQ_PIPELINE_OFF {
            guard PQenterPipelineMode(raw) == 1 else { throw failure("entering pipeline mode") }
        }
        let name = try prepare(sql)
        let sent = withParameters(params) { n, values in PQsendQueryPrepared(raw, name, n, values, nil, nil, 0) }
        guard sent == 1 else { throw failure(sql) }
        pending += 1
        // Read results now and then, so neither side's buffers fill.
        if pending >= 2000 { try drain() }
    }

    /// Reads the results of the writes sent ahead, and leaves pipeline mode.
    func drain() throws {
        guard PQpipelineStatus(raw) != PQ_PIPELINE_OFF else { return }
        guard PQpipelineSync(raw) == 1 else { throw failure("pipeline sync") }
        var firstError: StoreError?
        while true {
            guard let r = PQgetResult(raw) else {
                // NULL ends one statement's results; on a cut connection it is all there is.
                if PQstatus(raw) != CONNECTION_OK { throw failure("a write sent ahead") }
                continue
            }
            let result = PGResult(r)
            let status = PQresultStatus(r)
            if status == PGRES_PIPELINE_SYNC { break }
            if status == PGRES_FATAL_ERROR, firstError == nil { firstError = result.error(sql: "a write sent ahead") }
        }
        pending = 0
        if firstError != nil { for sql in preparedAhead { prepared[sql] = nil } }
        preparedAhead = []
        guard PQexitPipelineMode(raw) == 1 else { throw failure("leaving pipeline mode") }
        if let firstError { throw firstError }
    }

    private func prepare(_ sql: String) throws -> String {
        if let name = prepared[sql] { return name }
        // Numbered for ever on this connection: a forgotten name is never reused.
        serial += 1
        let name = "s\(serial)"
        if PQpipelineStatus(raw) != PQ_PIPELINE_OFF {
            guard PQsendPrepare(raw, name, sql, 0, nil) == 1 else { throw failure(sql) }
            pending += 1
            preparedAhead.append(sql)
        } else {
            let result = PGResult(PQprepare(raw, name, sql, 0, nil))
            try check(result, sql)
        }
        prepared[sql] = name
        return name
    }

    private func check(_ result: PGResult, _ sql: String) throws {
        switch PQresultStatus(result.raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            if PQstatus(raw) != CONNECTION_OK { throw StoreError.unreachable(server: server, reason: Self.message(PQerrorMessage(raw))) }
            throw result.error(sql: sql)
        }
    }

    private func failure(_ what: String) -> StoreError {
        if PQstatus(raw) != CONNECTION_OK { return .unreachable(server: server, reason: Self.message(PQerrorMessage(raw))) }
        return .refused("\(what): \(Self.message(PQerrorMessage(raw)))")
    }
}

/// Runs `body` with the strings as a C array of C strings.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer<CChar>($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Runs `body` with the parameters as libpq takes them (nil is NULL).
private func withParameters<T>(_ params: [String?], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
    let copies = params.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { $0.map { UnsafePointer<CChar>($0) } }
    return pointers.withUnsafeBufferPointer { body(Int32(params.count), $0.baseAddress) }
}
