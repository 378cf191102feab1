/// What an account may do. The office's admins act on every matter; its
/// viewers (leaders, evaluators) only read; a unit's account reads and acts
/// on that unit's matters only.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case admin, viewer, unit
}

/// A person who logs in: an office admin or viewer, or a unit's 联络员 or head.
public struct Account: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// The unit a `.unit` account belongs to; nil for the office.
    public var unit: String?
    /// bcrypt, never the password.
    public var passwordHash: String
    public var disabled: Bool
    public var created: Instant

    public init(name: String, role: Role, unit: String?, passwordHash: String, disabled: Bool = false, created: Instant) {
        self.name = name
        self.role = role
        self.unit = unit
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.created = created
    }
}

/// A token for scripts, stored as its SHA-256: shown once, when created.
public struct APIToken: Sendable, Hashable {
    public var id: Int64
    public var account: String
    public var label: String
    public var hash: String
    public var created: Instant

    public init(id: Int64 = 0, account: String, label: String, hash: String, created: Instant) {
        self.id = id
        self.account = account
        self.label = label
        self.hash = hash
        self.created = created
    }
}

/// A browser's login, stored as the SHA-256 of the cookie's value, so a
/// copy of the database opens no session. Shared by every server on it.
public struct LoginSession: Sendable, Hashable {
    public var hash: String
    public var account: String
    /// The token every state change made with this cookie must carry.
    public var csrf: String
    public var created: Instant
    public var expires: Instant

    public init(hash: String, account: String, csrf: String, created: Instant, expires: Instant) {
        self.hash = hash
        self.account = account
        self.csrf = csrf
        self.created = created
        self.expires = expires
    }
}

/// Evidence a unit sent with a report (a photo, a PDF): the file lives in
/// the evidence folder under its SHA-256; this row says whose it is.
public struct Attachment: Sendable, Hashable {
    public var id: Int64
    public var instance: String
    public var sha256: String
    /// The name it was uploaded under, for the download.
    public var name: String
    public var mediaType: EvidenceType
    public var size: Int
    /// The audit row of the event it came with.
    public var auditSeq: Int64
    public var added: Instant

    public init(id: Int64 = 0, instance: String, sha256: String, name: String, mediaType: EvidenceType, size: Int, auditSeq: Int64 = 0, added: Instant) {
        self.id = id
        self.instance = instance
        self.sha256 = sha256
        self.name = name
        self.mediaType = mediaType
        self.size = size
        self.auditSeq = auditSeq
        self.added = added
    }
}

/// The kinds of evidence taken, told by their first bytes, never by name.
public enum EvidenceType: String, Sendable, Hashable, CaseIterable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case pdf = "application/pdf"

    /// Sniffs the content: nil for anything else (an HTML file renamed .jpg).
    public init?(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] {
            self = .png
        } else if head.starts(with: Array("%PDF-".utf8)) {
            self = .pdf
        } else {
            return nil
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .pdf: "pdf"
        }
    }
}
