import DubanEngine
import DubanModel
import DubanStore

extension Runtime {
    /// The key links are signed with: made by the first server or sender
    /// that needs it, kept in the database so every server checks alike.
    func linkKey() throws -> [UInt8] {
        if let key = linkKeyCache.withLock({ $0 }) { return key }
        let key = Array(try access { try $0.serverKey("links", orInsert: Secret.token()) }.utf8)
        linkKeyCache.withLock { $0 = key }
        return key
    }

    /// A signed link for a unit to act on its matter, valid 14 days from
    /// `from`: the events it allows are those the unit may send the matter
    /// in any state (the engine still checks each against the state it is in).
    /// Nil when the unit may send it none.
    public func signLink(unit: String, matter id: String, from: Instant) throws -> String? {
        let defs = try definitions()
        guard let instance = try read({ try $0.instance(id) }), instance.unit == unit,
              let w = defs.workflow(instance.workflow, version: instance.version) else { return nil }
        let events = Engine(project: defs.project).events(for: unit, on: instance, definition: w)
        guard !events.isEmpty else { return nil }
        let generation = try readAccess { try $0.linkGeneration(unit: unit) }
        let link = SignedLink(unit: unit, matter: id, events: events, expires: from.adding(seconds: SignedLink.lifetime), generation: generation)
        return link.token(key: try linkKey())
    }

    /// The principal a link stands for, once its signature, expiry and the
    /// unit's link generation have been checked.
    public func openLink(_ token: String, now: Instant) throws -> Principal {
        let link = try SignedLink(token: token, key: try linkKey())
        guard link.expires > now else { throw AccessError.badLink(.expired) }
        guard try readAccess({ try $0.linkGeneration(unit: link.unit) }) == link.generation else { throw AccessError.badLink(.revoked) }
        return Principal(person: "link", role: .unit, unit: link.unit, link: link)
    }
}
