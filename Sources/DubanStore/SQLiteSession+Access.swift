import DubanModel
import GRDB

/// Accounts, tokens, login sessions, throttling, link generations, keys.
extension SQLiteSession: AccessSession {
    func account(_ name: String) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map(Self.account)
    }

    func accounts() throws -> [Account] {
        try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY name").map(Self.account)
    }

    func save(_ a: Account) throws {
        try db.execute(sql: """
            INSERT INTO accounts (name, role, unit, password_hash, disabled, created) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET role = excluded.role, unit = excluded.unit,
                password_hash = excluded.password_hash, disabled = excluded.disabled
            """, arguments: [a.name, a.role.rawValue, a.unit, a.passwordHash, a.disabled, a.created.seconds])
    }

    static func account(_ r: Row) throws -> Account {
        Account(name: r["name"], role: try r.decode("role"), unit: r["unit"], passwordHash: r["password_hash"],
                disabled: r["disabled"], created: Instant(seconds: r["created"]))
    }

    func insert(_ t: APIToken) throws -> Int64 {
        try db.execute(sql: "INSERT INTO api_tokens (account, label, hash, created) VALUES (?, ?, ?, ?)",
                       arguments: [t.account, t.label, t.hash, t.created.seconds])
        return db.lastInsertedRowID
    }

    func token(hash: String) throws -> APIToken? {
        try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE hash = ?", arguments: [hash]).map(Self.token)
    }

    func tokens() throws -> [APIToken] {
        try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY id").map(Self.token)
    }

    func deleteToken(id: Int64) throws -> Bool {
        try db.execute(sql: "DELETE FROM api_tokens WHERE id = ?", arguments: [id])
        return db.changesCount > 0
    }

    static func token(_ r: Row) -> APIToken {
        APIToken(id: r["id"], account: r["account"], label: r["label"], hash: r["hash"], created: Instant(seconds: r["created"]))
    }

    func insert(_ s: LoginSession) throws {
        try db.execute(sql: "INSERT INTO login_sessions (hash, account, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                       arguments: [s.hash, s.account, s.csrf, s.created.seconds, s.expires.seconds])
    }

    func loginSession(hash: String) throws -> LoginSession? {
        try Row.fetchOne(db, sql: "SELECT * FROM login_sessions WHERE hash = ?", arguments: [hash]).map { r in
            LoginSession(hash: r["hash"], account: r["account"], csrf: r["csrf"], created: Instant(seconds: r["created"]),
                         expires: Instant(seconds: r["expires"]))
        }
    }

    func deleteLoginSession(hash: String) throws {
        try db.execute(sql: "DELETE FROM login_sessions WHERE hash = ?", arguments: [hash])
    }

    func deleteLoginSessions(account: String) throws {
        try db.execute(sql: "DELETE FROM login_sessions WHERE account = ?", arguments: [account])
    }

    func recordLoginFailure(_ key: String, at time: Instant) throws {
        try db.execute(sql: "INSERT INTO login_failures (key, time) VALUES (?, ?)", arguments: [key, time.seconds])
    }

    func loginFailures(_ key: String, since: Instant) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM login_failures WHERE key = ? AND time >= ?", arguments: [key, since.seconds]) ?? 0
    }

    func clearLoginFailures(_ key: String) throws {
        try db.execute(sql: "DELETE FROM login_failures WHERE key = ?", arguments: [key])
    }

    func linkGeneration(unit: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT generation FROM link_generations WHERE unit = ?", arguments: [unit]) ?? 0
    }

    func bumpLinkGeneration(unit: String) throws -> Int {
        try Int.fetchOne(db, sql: """
            INSERT INTO link_generations (unit, generation) VALUES (?, 1)
            ON CONFLICT (unit) DO UPDATE SET generation = generation + 1 RETURNING generation
            """, arguments: [unit])!
    }

    func serverKey(_ name: String, orInsert value: String) throws -> String {
        try db.execute(sql: "INSERT OR IGNORE INTO server_keys (name, value) VALUES (?, ?)", arguments: [name, value])
        return try String.fetchOne(db, sql: "SELECT value FROM server_keys WHERE name = ?", arguments: [name])!
    }

    // MARK: Evidence

    func insert(_ a: Attachment) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO attachments (instance, sha256, name, media_type, size, audit_seq, added) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [a.instance, a.sha256, a.name, a.mediaType.rawValue, a.size, a.auditSeq, a.added.seconds])
        return db.lastInsertedRowID
    }

    func attachments(instance: String) throws -> [Attachment] {
        try Row.fetchAll(db, sql: "SELECT * FROM attachments WHERE instance = ? ORDER BY id", arguments: [instance]).map { r in
            Attachment(id: r["id"], instance: r["instance"], sha256: r["sha256"], name: r["name"], mediaType: try r.decode("media_type"),
                       size: r["size"], auditSeq: r["audit_seq"], added: Instant(seconds: r["added"]))
        }
    }
}
