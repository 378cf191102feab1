import DubanModel

/// Why an account, login, link or upload was refused. Nothing was written.
/// A unit's user is never told another unit exists: a matter it may not
/// see is `RuntimeError.unknownInstance`, as a missing one is.
public enum AccessError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownAccount(String)
    case accountExists(String)
    case badAccountName(String)
    case weakPassword(String)
    /// Wrong name or password, or a disabled account: one message for all three.
    case loginFailed
    case throttled(retryAfter: Int64)
    case notSignedIn
    case readOnly
    case officeOnly
    case csrf
    case badOrigin(String)
    case badLink(LinkProblem)
    case unknownToken(Int64)
    case fileTooLarge(name: String, limit: Int)
    case matterEvidenceFull(limit: Int)
    case notEvidence(name: String)
    case fileNotSent(field: String)

    public enum LinkProblem: String, Sendable, Hashable {
        case malformed, tampered, expired, revoked, otherMatter, eventNotAllowed
    }

    public var description: String {
        switch self {
        case .unknownAccount(let n): "no account '\(n)': 'duban user list' shows the accounts"
        case .accountExists(let n): "there is already an account '\(n)': use 'duban user reset \(n)' to give it a new password"
        case .badAccountName(let n):
            "'\(n)' cannot be an account name: use 1 to 64 letters, digits, '.', '_' or '-' (e.g. wang.li)"
        case .weakPassword(let why): "the password is too weak: \(why)"
        case .loginFailed: "wrong account name or password (or the account is disabled)"
        case .throttled(let s): "too many failed logins: try again in \(s / 60 + 1) minute(s)"
        case .notSignedIn: "not signed in: log in (POST /api/v1/login) or send an API token as 'Authorization: Bearer …'"
        case .readOnly: "this account may read but not act: ask the office for an account that may"
        case .officeOnly: "only the office may do this"
        case .csrf: "the request lacks the session's CSRF token (header X-CSRF-Token): reload the page and try again"
        case .badOrigin(let o): "the request came from another site (\(o)): it was refused"
        case .badLink(let p):
            switch p {
            case .malformed, .tampered: "this link is not valid: open the latest message, or ask the office for a new link"
            case .expired: "this link has expired: open the latest message, or ask the office for a new link"
            case .revoked: "this link has been withdrawn: ask the office for a new one"
            case .otherMatter: "this link is for another matter"
            case .eventNotAllowed: "this link does not allow that action"
            }
        case .unknownToken(let id): "no API token \(id): 'duban token list' shows them"
        case .fileTooLarge(let name, let limit): "\(name) is larger than \(limit >> 20) MB: send a smaller photo or scan"
        case .matterEvidenceFull(let limit): "this matter already holds \(limit >> 20) MB of evidence: ask the office to take more"
        case .notEvidence(let name): "\(name) is not a JPEG, PNG or PDF file (told by its content, not its name)"
        case .fileNotSent(let field): "'\(field)' takes files sent with this event, as a multipart form's file field of that name"
        }
    }
}
