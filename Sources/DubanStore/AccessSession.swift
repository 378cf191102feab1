import DubanModel

/// Who may get in: accounts, API tokens, login sessions, failed logins,
/// the units' link generations and the server's keys. Kept apart from the
/// workflow records (no tick touches them), and in the database, so that
/// several servers on one database share them.
public protocol AccessSession {
    func account(_ name: String) throws -> Account?
    func accounts() throws -> [Account]
    /// Inserts or replaces the account of that name.
    func save(_ account: Account) throws

    @discardableResult
    func insert(_ token: APIToken) throws -> Int64
    func token(hash: String) throws -> APIToken?
    func tokens() throws -> [APIToken]
    func deleteToken(id: Int64) throws -> Bool

    func insert(_ session: LoginSession) throws
    func loginSession(hash: String) throws -> LoginSession?
    func deleteLoginSession(hash: String) throws
    /// Ends every session of an account (disabled, or its password reset).
    func deleteLoginSessions(account: String) throws

    /// Failed logins are counted by key ("account:NAME", "address:IP").
    func recordLoginFailure(_ key: String, at time: Instant) throws
    func loginFailures(_ key: String, since: Instant) throws -> Int
    func clearLoginFailures(_ key: String) throws

    /// A unit's link generation: links signed under an older one are revoked.
    func linkGeneration(unit: String) throws -> Int
    func bumpLinkGeneration(unit: String) throws -> Int

    /// The key of that name, set to `value` if it has none yet (so the first
    /// of several servers to start decides it).
    func serverKey(_ name: String, orInsert value: String) throws -> String
}
