import DubanChannels
import DubanDocuments
import DubanEngine
import DubanModel
import DubanStore

/// What a delivery run did.
public struct DeliveryReport: Sendable {
    public var sent = 0
    public var retrying = 0
    public var dead = 0
    public var errors: [String] = []
}

extension Runtime {
    /// Delivers due outbox messages, outside any state transaction. Each is
    /// claimed (leased) before its first network call, so overlapping runs
    /// never send it twice; each channel that takes it is recorded at once,
    /// so after a crash it goes again (same idempotency key) only where it
    /// was not recorded, once the lease has run out. A message that fails
    /// waits `backoff`, and after the last attempt is dead-lettered. `clock`
    /// gives the time as the run goes on: leases and retries count from it.
    /// With `publicURL`, a message to a unit about a matter it can act on
    /// ends with a signed link to that matter.
    public func deliver(clock: () -> Instant, sender: ChannelSender, backoff: Backoff = Backoff(), limit: Int = 500,
                        publicURL: String? = nil, random: () -> Double = { Double.random(in: 0..<1) }) throws -> DeliveryReport {
        let defs = try definitions()
        let units = defs.project.units
        var sender = sender
        sender.smtp = units?.smtp
        var report = DeliveryReport()
        // A lease long enough for every channel of the unit with the most to time out twice.
        let most = ((units?.units ?? []).map { $0.channels.count } + [units?.defaultChannels.count ?? 0, 1]).max()!
        let lease = 60 + Int64(2 * sender.timeout) * Int64(most)
        for _ in 0..<limit {
            let now = clock()
            guard var message = try write({ try $0.claimMessage(at: now, until: now.adding(seconds: lease)) }) else { break }
            let channels = units?.channels(for: message.unit) ?? [ChannelConfig(kind: .console)]
            let done = try read { try $0.deliveredChannels(outbox: message.id) }
            var failures: [String] = []
            do {
                let base = try outgoing(message, defs: defs, now: now, publicURL: publicURL)
                for (i, channel) in channels.enumerated() where !done.contains(channel.id(at: i)) {
                    var m = base
                    m.idempotencyKey = "\(message.key)#\(channel.id(at: i))"
                    do {
                        try sender.send(m, via: channel, now: now)
                        try write { try $0.recordDelivery(outbox: message.id, channel: channel.id(at: i), at: now) }
                    } catch {
                        failures.append("\(error)")
                    }
                }
            } catch {
                failures.append("\(error)")
            }
            message.attempts += 1
            if failures.isEmpty {
                message.status = .sent
                message.sentAt = now
                message.nextAttempt = nil
                message.lastError = nil
                report.sent += 1
            } else {
                message.lastError = failures.joined(separator: "; ")
                report.errors.append("message \(message.id) to \(message.unit): \(message.lastError!)")
                if message.attempts >= backoff.maxAttempts {
                    message.status = .dead
                    message.nextAttempt = nil
                    report.dead += 1
                } else {
                    message.nextAttempt = now.adding(seconds: backoff.delay(afterAttempts: message.attempts, random: random()))
                    report.retrying += 1
                }
            }
            try write { try $0.updateDelivery(message) }
        }
        return report
    }

    /// Puts a message back in the queue with its attempts reset (after a dead-letter, or to send again now).
    public func retry(outbox id: Int64) throws -> OutboxMessage {
        try write { s in
            guard var m = try s.outboxMessage(id) else { throw RuntimeError.unknownMessage(id) }
            m.status = .pending
            m.attempts = 0
            m.nextAttempt = nil
            try s.updateDelivery(m)
            return m
        }
    }

    /// The message's text, from its template and the instance as it stands.
    func outgoing(_ message: OutboxMessage, defs: DefinitionSet, now: Instant, publicURL: String? = nil) throws -> OutgoingMessage {
        let units = defs.project.units
        let unitName = message.unit == "office" ? units?.office?.name ?? "office" : units?.unit(message.unit)?.name ?? message.unit
        let record = message.unit == "office" ? units?.office : units?.unit(message.unit)
        let recipient: String? = switch message.role {
        case "head": record?.head?.name
        case "contact": record?.contact?.name
        default: nil
        }
        var context: [String: Any] = [:]
        try read { s in
            guard let instance = try s.instance(message.instance), let w = defs.workflow(instance.workflow, version: instance.version) else { return }
            let applier = Applier(session: s, defs: defs, engine: Engine(project: defs.project), recorded: now)
            var fields: [String: Value] = [:]
            if Applier.unitID(instance.values["unit"]) == nil { fields["unit"] = .unit(message.unit) }
            let facts = try applier.gatherFacts(kind: message.template, seq: 0, to: message.unit, cc: [], fields: fields,
                                                instance: instance, w, local: w.zone.local(message.created))
            context = facts.templateContext()
            if let doc = try s.documents(DocumentFilter(instance: instance.id)).last(where: { $0.created <= message.created }),
               let issued = try? Runtime.issued(doc) {
                context["document"] = ["number": issued.number, "title": issued.title]
            }
        }
        if let recipient { context["recipient"] = recipient }
        var (subject, text) = try MessageTemplates.render(message.template, language: defs.project.documents.lang,
                                                          overrides: defs.templates.overrides, context: context)
        // Expiry counts from when the message was made, so every retry carries the same link.
        if let publicURL, message.unit != "office",
           let token = try signLink(unit: message.unit, matter: message.instance, from: message.created) {
            let english = defs.project.documents.lang == .en
            text += (english ? "\nAct on it here (valid 14 days): " : "\n办理链接（14日内有效）：") + Self.linkURL(publicURL, token)
        }
        return OutgoingMessage(idempotencyKey: message.key, kind: message.kind.rawValue, template: message.template, unit: message.unit,
                               unitName: unitName, recipient: recipient, subject: subject, text: text, created: message.created)
    }

    /// Where a link token opens: the server's page for it.
    public static func linkURL(_ publicURL: String, _ token: String) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/l/" + token
    }
}
