/// Where a queued message stands.
public enum DeliveryStatus: String, Sendable, Hashable, CaseIterable {
    case pending, sent
    /// Gave up after the last attempt; `outbox retry` revives it.
    case dead
}

/// Why a message was queued: a reminder (催办) or a notice.
public enum MessageKind: String, Sendable, Hashable, CaseIterable {
    case remind, notify
}

/// A message waiting to be delivered, with the key a channel deduplicates on.
public struct OutboxMessage: Sendable, Hashable {
    public var id: Int64
    public var key: String
    public var instance: String
    public var kind: MessageKind
    public var unit: String
    public var role: String
    public var template: String
    public var created: Instant
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttempt: Instant?
    public var lastError: String?
    public var sentAt: Instant?

    public init(id: Int64 = 0, key: String, instance: String, kind: MessageKind, unit: String, role: String, template: String,
                created: Instant, status: DeliveryStatus = .pending, attempts: Int = 0, nextAttempt: Instant? = nil, lastError: String? = nil,
                sentAt: Instant? = nil) {
        self.nextAttempt = nextAttempt
        self.lastError = lastError
        self.sentAt = sentAt
        self.id = id
        self.key = key
        self.instance = instance
        self.kind = kind
        self.unit = unit
        self.role = role
        self.template = template
        self.created = created
        self.status = status
        self.attempts = attempts
    }
}
