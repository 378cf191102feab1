import DubanModel

/// Accounts, tokens, login sessions, throttling, link generations, keys, evidence.
extension PostgresSession: AccessSession {
    private static let accountColumns = "name, role, unit, password_hash, disabled, created"

    private func accounts(_ r: PGResult) throws -> [Account] {
        try (0..<r.count).map { i in
            guard let role = Role(rawValue: r.string(i, 1)) else { throw StoreError.corrupt("account \(r.string(i, 0)) of role '\(r.string(i, 1))'") }
            return Account(name: r.string(i, 0), role: role, unit: r.text(i, 2), passwordHash: r.string(i, 3), disabled: r.int64(i, 4) != 0,
                           created: Instant(seconds: r.int64(i, 5)))
        }
    }

    func account(_ name: String) throws -> Account? {
        try accounts(try q("SELECT \(Self.accountColumns) FROM accounts WHERE name = $1", [name])).first
    }

    func accounts() throws -> [Account] {
        try accounts(try q("SELECT \(Self.accountColumns) FROM accounts ORDER BY name", []))
    }

    func save(_ a: Account) throws {
        try q("""
            INSERT INTO accounts (name, role, unit, password_hash, disabled, created) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (name) DO UPDATE SET role = excluded.role, unit = excluded.unit,
                password_hash = excluded.password_hash, disabled = excluded.disabled
            """, [a.name, a.role.rawValue, a.unit, a.passwordHash, a.disabled ? "1" : "0", String(a.created.seconds)])
    }

    private func tokens(_ r: PGResult) -> [APIToken] {
        (0..<r.count).map { i in
            APIToken(id: r.int64(i, 0), account: r.string(i, 1), label: r.string(i, 2), hash: r.string(i, 3), created: Instant(seconds: r.int64(i, 4)))
        }
    }

    func insert(_ t: APIToken) throws -> Int64 {
        try q("INSERT INTO api_tokens (account, label, hash, created) VALUES ($1, $2, $3, $4) RETURNING id",
                    [t.account, t.label, t.hash, String(t.created.seconds)]).int64(0, 0)
    }

    func token(hash: String) throws -> APIToken? {
        tokens(try q("SELECT id, account, label, hash, created FROM api_tokens WHERE hash = $1", [hash])).first
    }

    func tokens() throws -> [APIToken] {
        tokens(try q("SELECT id, account, label, hash, created FROM api_tokens ORDER BY id", []))
    }

    func deleteToken(id: Int64) throws -> Bool {
        try q("DELETE FROM api_tokens WHERE id = $1", [String(id)]).changed > 0
    }

    func insert(_ s: LoginSession) throws {
        try q("INSERT INTO login_sessions (hash, account, csrf, created, expires) VALUES ($1, $2, $3, $4, $5)",
                    [s.hash, s.account, s.csrf, String(s.created.seconds), String(s.expires.seconds)])
    }

    func loginSession(hash: String) throws -> LoginSession? {
        let r = try q("SELECT hash, account, csrf, created, expires FROM login_sessions WHERE hash = $1", [hash])
        guard r.count == 1 else { return nil }
        return LoginSession(hash: r.string(0, 0), account: r.string(0, 1), csrf: r.string(0, 2), created: Instant(seconds: r.int64(0, 3)),
                            expires: Instant(seconds: r.int64(0, 4)))
    }

    func deleteLoginSession(hash: String) throws {
        try q("DELETE FROM login_sessions WHERE hash = $1", [hash])
    }

    func deleteLoginSessions(account: String) throws {
        try q("DELETE FROM login_sessions WHERE account = $1", [account])
    }

    func recordLoginFailure(_ key: String, at time: Instant) throws {
        try q("INSERT INTO login_failures (key, time) VALUES ($1, $2)", [key, String(time.seconds)])
    }

    func loginFailures(_ key: String, since: Instant) throws -> Int {
        Int(try q("SELECT count(*) FROM login_failures WHERE key = $1 AND time >= $2", [key, String(since.seconds)]).int64(0, 0))
    }

    func clearLoginFailures(_ key: String) throws {
        try q("DELETE FROM login_failures WHERE key = $1", [key])
    }

    func linkGeneration(unit: String) throws -> Int {
        Int(try q("SELECT generation FROM link_generations WHERE unit = $1", [unit]).int(0, 0) ?? 0)
    }

    func bumpLinkGeneration(unit: String) throws -> Int {
        Int(try q("""
            INSERT INTO link_generations (unit, generation) VALUES ($1, 1)
            ON CONFLICT (unit) DO UPDATE SET generation = link_generations.generation + 1 RETURNING generation
            """, [unit]).int64(0, 0))
    }

    func serverKey(_ name: String, orInsert value: String) throws -> String {
        try q("INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", [name, value])
        return try q("SELECT value FROM server_keys WHERE name = $1", [name]).string(0, 0)
    }

    // MARK: Evidence

    func insert(_ a: Attachment) throws -> Int64 {
        try q("""
            INSERT INTO attachments (instance, sha256, name, media_type, size, audit_seq, added) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [a.instance, a.sha256, a.name, a.mediaType.rawValue, String(a.size), String(a.auditSeq), String(a.added.seconds)]).int64(0, 0)
    }

    func attachments(instance: String) throws -> [Attachment] {
        let r = try q("SELECT id, instance, sha256, name, media_type, size, audit_seq, added FROM attachments WHERE instance = $1 ORDER BY id",
                            [instance])
        return try (0..<r.count).map { i in
            guard let type = EvidenceType(rawValue: r.string(i, 4)) else { throw StoreError.corrupt("attachment \(r.string(i, 0)) of type '\(r.string(i, 4))'") }
            return Attachment(id: r.int64(i, 0), instance: r.string(i, 1), sha256: r.string(i, 2), name: r.string(i, 3), mediaType: type,
                              size: Int(r.int64(i, 5)), auditSeq: r.int64(i, 6), added: Instant(seconds: r.int64(i, 7)))
        }
    }
}
