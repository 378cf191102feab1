public struct Person: Sendable, Hashable {
    public var name: String
    public var title: String?
    public var phone: String?
    public var email: String?

    public init(name: String, title: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.title = title
        self.phone = phone
        self.email = email
    }
}

/// A responsible unit (责任单位) from units.yaml.
public struct UnitRecord: Sendable {
    public var id: String
    public var name: String
    public var head: Person?
    public var contact: Person?
    /// The head's rank (e.g. 正科级): the policy's `interviewers` say who
    /// interviews a head of this rank.
    public var rank: String?
    public var channels: [ChannelConfig]
    /// The unit's own quiet hours setting (an on-duty unit may want its messages at night).
    public var quietHours: Bool?
    public var mark: Mark

    public init(id: String, name: String, head: Person? = nil, contact: Person? = nil, rank: String? = nil,
                channels: [ChannelConfig], mark: Mark) {
        self.id = id
        self.name = name
        self.head = head
        self.contact = contact
        self.rank = rank
        self.channels = channels
        self.mark = mark
    }
}

/// units.yaml: the office and every responsible unit.
public struct UnitDirectory: Sendable {
    public var office: UnitRecord?
    public var units: [UnitRecord]
    /// Bodies that are not units: those that decide on what the office proposes
    /// (纪委监委, 组织部) and leadership offices documents are copied to. Documents
    /// may go to them; they hold no matters and get no messages.
    public var bodies: [UnitRecord] = []
    public var file: String
    /// Channels for a unit that lists none of its own (and for the office).
    public var defaultChannels: [ChannelConfig] = []
    public var smtp: SMTPSettings?
    /// Messages a timer queues out of office hours wait for them to begin (default on).
    public var quietHours = true

    public init(office: UnitRecord? = nil, units: [UnitRecord], file: String, defaultChannels: [ChannelConfig] = [], smtp: SMTPSettings? = nil) {
        self.office = office
        self.units = units
        self.file = file
        self.defaultChannels = defaultChannels
        self.smtp = smtp
    }

    /// Where a unit's messages go: its own channels, else the defaults, else the console.
    /// Whether a timer's message to this unit out of office hours waits for
    /// them: the unit's own setting, else the file's; never when none of its
    /// channels keeps quiet hours. A message goes out on all of a unit's
    /// channels together, so one channel that keeps them holds it for all.
    public func keepsQuietHours(_ id: String) -> Bool {
        let record = id == "office" ? office : unit(id)
        guard record?.quietHours ?? quietHours else { return false }
        return channels(for: id).contains { $0.quietHours }
    }

    public func channels(for id: String) -> [ChannelConfig] {
        let own = unit(id)?.channels ?? []
        if !own.isEmpty { return own }
        return defaultChannels.isEmpty ? [ChannelConfig(kind: .console)] : defaultChannels
    }

    public func unit(_ id: String) -> UnitRecord? {
        if id == "office" { return office }
        return units.first { $0.id == id }
    }

    /// Whom a document may go to: the office, a unit, or a body (a deciding one, a leadership office).
    public func addressee(_ id: String) -> UnitRecord? {
        unit(id) ?? bodies.first { $0.id == id }
    }
}
