import DubanModel
import DubanStore
import HummingbirdBcrypt

/// A login: the cookie's value (given once) and the session it opens.
public struct OpenedSession: Sendable {
    public var cookie: String
    public var csrf: String
    public var principal: Principal
    public var expires: Instant
}

extension Runtime {
    /// How long a login lasts, and the throttle: this many failures within the window.
    public static let sessionLifetime: Int64 = 12 * 3600
    static let throttleWindow: Int64 = 15 * 60
    static let failuresPerAccount = 5
    static let failuresPerAddress = 20

    /// Checks a password and opens a session. Failures are counted per
    /// account and per address; past the limit even the right password is
    /// refused until the window has passed.
    public func login(_ name: String, password: String, address: String, now: Instant) throws -> OpenedSession {
        let keys = ["account:" + name, "address:" + address]
        let since = now.adding(seconds: -Self.throttleWindow)
        let account = try access { s -> Account? in
            let counts = try keys.map { try s.loginFailures($0, since: since) }
            if counts[0] >= Self.failuresPerAccount || counts[1] >= Self.failuresPerAddress {
                throw AccessError.throttled(retryAfter: Self.throttleWindow)
            }
            return try s.account(name)
        }
        // bcrypt runs outside the transaction; an unknown name costs the same as a wrong password.
        let ok = Bcrypt.verify(password, hash: account?.passwordHash ?? Self.decoyHash)
        guard ok, let account, !account.disabled else {
            try access { s in for k in keys { try s.recordLoginFailure(k, at: now) } }
            throw AccessError.loginFailed
        }
        let cookie = Secret.token(), csrf = Secret.token()
        let session = LoginSession(hash: Secret.hash(cookie), account: name, csrf: csrf, created: now,
                                   expires: now.adding(seconds: Self.sessionLifetime))
        try access { s in
            try s.clearLoginFailures(keys[0])
            try s.insert(session)
        }
        return OpenedSession(cookie: cookie, csrf: csrf, principal: Principal(account), expires: session.expires)
    }

    /// The principal of a session cookie, and the CSRF token its changes must carry.
    /// Read only: an expired session is removed in a write of its own.
    public func session(cookie: String, now: Instant) throws -> (Principal, csrf: String)? {
        let hash = Secret.hash(cookie)
        let found = try readAccess { s -> (LoginSession, Account?)? in
            guard let session = try s.loginSession(hash: hash) else { return nil }
            return (session, try s.account(session.account))
        }
        guard let (session, account) = found else { return nil }
        guard session.expires > now, let account, !account.disabled else {
            try access { try $0.deleteLoginSession(hash: hash) }
            return nil
        }
        return (Principal(account), session.csrf)
    }

    public func logout(cookie: String) throws {
        try access { try $0.deleteLoginSession(hash: Secret.hash(cookie)) }
    }

    /// The principal of an API token.
    public func principal(token: String) throws -> Principal? {
        try readAccess { s in
            guard let t = try s.token(hash: Secret.hash(token)), let a = try s.account(t.account), !a.disabled else { return nil }
            return Principal(a)
        }
    }

    /// Checks a bcrypt hash for an unknown name, so timing does not tell which names exist.
    private static let decoyHash = Bcrypt.hash("duban decoy password", cost: bcryptCost)
}
