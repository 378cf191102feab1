/// One way a message reaches a unit, as configured in units.yaml. Secrets
/// (robot URLs with keys, signing secrets, passwords) are never written here:
/// the file names the environment variable (or secrets-file entry) that holds them.
public struct ChannelConfig: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case console, jsonl, webhook, wecom, dingtalk, feishu, email
    }

    public var kind: Kind
    /// A URL that is not secret (a plain webhook), or nil.
    public var url: String?
    /// The variable holding the URL (robot URLs carry their access token).
    public var urlEnv: String?
    /// The variable holding the signing secret (webhook HMAC, DingTalk 加签, Feishu 签名校验).
    public var secretEnv: String?
    /// A JSON-lines file.
    public var path: String?
    /// Email addresses.
    public var to: [String]
    /// Whether this channel keeps quiet hours: off for one nobody is woken by (a log file).
    public var quietHours = true
    public var mark: Mark?

    public init(kind: Kind, url: String? = nil, urlEnv: String? = nil, secretEnv: String? = nil, path: String? = nil,
                to: [String] = [], mark: Mark? = nil) {
        self.kind = kind
        self.url = url
        self.urlEnv = urlEnv
        self.secretEnv = secretEnv
        self.path = path
        self.to = to
        self.mark = mark
    }

    /// Stable within a unit's list: part of each delivery's idempotency key.
    public func id(at index: Int) -> String { "\(index).\(kind.rawValue)" }
}

/// The mail server email channels send through (in units.yaml under `smtp:`).
public struct SMTPSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var from: String
    public var fromName: String?
    public var userEnv: String?
    public var passwordEnv: String?
    /// Upgrade the connection with STARTTLS before AUTH (default true); port 465 uses TLS from the start.
    public var starttls: Bool
    /// A CA bundle to trust (a self-signed office server), else the system's.
    public var caFile: String?

    public init(host: String, port: Int = 587, from: String, fromName: String? = nil, userEnv: String? = nil,
                passwordEnv: String? = nil, starttls: Bool = true, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.from = from
        self.fromName = fromName
        self.userEnv = userEnv
        self.passwordEnv = passwordEnv
        self.starttls = starttls
        self.caFile = caFile
    }
}
