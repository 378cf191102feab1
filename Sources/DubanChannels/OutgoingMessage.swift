import DubanModel

/// A message ready to send: rendered text, who it is for, and the key a
/// receiver deduplicates on (the same on every retry of the same delivery).
public struct OutgoingMessage: Sendable, Hashable {
    /// Outbox key plus channel: "12/40/1#0.wecom".
    public var idempotencyKey: String
    public var kind: String
    public var template: String
    public var unit: String
    public var unitName: String
    /// The person addressed (the contact or the head), when known.
    public var recipient: String?
    public var subject: String
    public var text: String
    public var created: Instant

    public init(idempotencyKey: String, kind: String, template: String, unit: String, unitName: String, recipient: String?,
                subject: String, text: String, created: Instant) {
        self.idempotencyKey = idempotencyKey
        self.kind = kind
        self.template = template
        self.unit = unit
        self.unitName = unitName
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.created = created
    }
}

/// Why a delivery failed; the text never holds a secret (no URL with its token).
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// False for what no retry can fix (a missing secret): still retried, as config may be fixed meanwhile.
    public var transient: Bool

    public init(_ message: String, transient: Bool = true) {
        self.message = message
        self.transient = transient
    }

    public var description: String { message }
}
