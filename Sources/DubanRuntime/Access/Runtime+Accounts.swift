import DubanModel
import DubanStore
import HummingbirdBcrypt

extension Runtime {
    /// bcrypt's work factor: about 60 ms a check on the 2-core server.
    static let bcryptCost: UInt8 = 10

    /// Adds an account. A unit account's unit must be in units.yaml.
    public func addAccount(_ name: String, role: Role, unit: String?, password: String, now: Instant) throws -> Account {
        guard Self.validName(name) else { throw AccessError.badAccountName(name) }
        try Self.checkStrength(password, name: name)
        if let unit {
            let units = try definitions().project.units
            if let units, units.unit(unit) == nil { throw RuntimeError.unknownUnit(unit, known: units.units.map(\.id)) }
        }
        let account = Account(name: name, role: role, unit: role == .unit ? unit : nil,
                              passwordHash: Bcrypt.hash(password, cost: Self.bcryptCost), created: now)
        try access { s in
            guard try s.account(name) == nil else { throw AccessError.accountExists(name) }
            try s.save(account)
        }
        return account
    }

    public func accounts() throws -> [Account] { try readAccess { try $0.accounts() } }

    /// Disables or enables an account; disabling ends its sessions.
    public func setDisabled(_ name: String, _ disabled: Bool) throws {
        try access { s in
            guard var a = try s.account(name) else { throw AccessError.unknownAccount(name) }
            a.disabled = disabled
            try s.save(a)
            if disabled { try s.deleteLoginSessions(account: name) }
        }
    }

    /// Sets a new password; the account's sessions end and its failed logins are forgotten.
    public func resetPassword(_ name: String, to password: String) throws {
        try Self.checkStrength(password, name: name)
        let hash = Bcrypt.hash(password, cost: Self.bcryptCost)
        try access { s in
            guard var a = try s.account(name) else { throw AccessError.unknownAccount(name) }
            a.passwordHash = hash
            try s.save(a)
            try s.deleteLoginSessions(account: name)
            try s.clearLoginFailures("account:" + name)
        }
    }

    /// Creates an API token for an account: the token itself is returned
    /// once and only its hash is kept.
    public func createToken(for name: String, label: String, now: Instant) throws -> (id: Int64, token: String) {
        let token = "dbn_" + Secret.token()
        let id = try access { s in
            guard try s.account(name) != nil else { throw AccessError.unknownAccount(name) }
            return try s.insert(APIToken(account: name, label: label, hash: Secret.hash(token), created: now))
        }
        return (id, token)
    }

    public func tokens() throws -> [APIToken] { try readAccess { try $0.tokens() } }

    public func revokeToken(_ id: Int64) throws {
        guard try access({ try $0.deleteToken(id: id) }) else { throw AccessError.unknownToken(id) }
    }

    /// Raises a unit's link generation: every link sent to it so far stops working.
    public func revokeLinks(unit: String) throws -> Int {
        if let units = try definitions().project.units, units.unit(unit) == nil {
            throw RuntimeError.unknownUnit(unit, known: units.units.map(\.id))
        }
        return try access { try $0.bumpLinkGeneration(unit: unit) }
    }

    func access<T>(_ body: (any AccessSession) throws -> T) throws -> T {
        try database { try store.access(body) }
    }

    func readAccess<T>(_ body: (any AccessSession) throws -> T) throws -> T {
        try database { try store.readAccess(body) }
    }

    static func validName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0)
        }
    }

    static func checkStrength(_ password: String, name: String) throws {
        if password.count < 10 { throw AccessError.weakPassword("use at least 10 characters") }
        if password.lowercased().contains(name.lowercased()) { throw AccessError.weakPassword("it must not contain the account name") }
        if Set(password).count < 5 { throw AccessError.weakPassword("use at least 5 different characters") }
    }
}
