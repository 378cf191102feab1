import DubanModel

/// Who is making a request, once authenticated: an account (by password
/// session or API token), or the holder of a signed link.
public struct Principal: Sendable, Hashable {
    /// The person, as the audit trail records them: an account name, or "link".
    public var person: String
    public var role: Role
    /// A unit's principal's unit; nil for the office.
    public var unit: String?
    /// Set for a signed link: the one matter and the events it allows.
    public var link: SignedLink?

    public init(person: String, role: Role, unit: String?, link: SignedLink? = nil) {
        self.person = person
        self.role = role
        self.unit = unit
        self.link = link
    }

    init(_ account: Account) { self.init(person: account.name, role: account.role, unit: account.unit) }

    /// What it may read: a unit's own matters, or everything for the office.
    public var viewer: Viewer { unit.map(Viewer.unit) ?? .office }
    /// Who its events come from: the unit, or the office.
    public var actor: String { unit ?? "office" }
    public var mayAct: Bool { role != .viewer }
    public var isOffice: Bool { unit == nil }
}
