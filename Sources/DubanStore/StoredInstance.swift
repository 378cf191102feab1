import DubanEngine
import DubanModel

/// An instance row as the store keeps it, before its values are decoded:
/// a tick reads rows on the store's thread and decodes them on its own.
public struct StoredInstance: Sendable {
    public var id: String
    public var workflow: String
    public var version: Int
    public var state: String
    /// JSON, as written by `ValueCoding.encode`.
    public var values: String
    public var started: Int64
    public var entered: Int64
    public var parent: String?
    public var finished: Bool
    /// policy, unit, origin and next step, separated by U+001F.
    public var escalation: String?
    public var children: Int
    /// (timer key, due) pairs.
    public var timers: [(key: TimerKey, due: Int64)] = []

    public func decoded() throws -> Instance {
        let decodedValues: [String: Value]
        do { decodedValues = try ValueCoding.decode(values) } catch { throw StoreError.corrupt("values of instance \(id): \(error.message)") }
        var instance = Instance(id: id, workflow: workflow, version: version, state: state, values: decodedValues, started: Instant(seconds: started),
                                entered: Instant(seconds: entered), parent: parent, finished: finished, escalation: try decodedEscalation(),
                                children: children)
        instance.timers.reserveCapacity(timers.count)
        for (key, due) in timers { instance.timers[key] = Instant(seconds: due) }
        return instance
    }

    func decodedEscalation() throws -> EscalationProgress? {
        guard let e = escalation else { return nil }
        // Four fields split at U+001F by hand: every fired instance on a ladder comes through here.
        var fields: [Substring.UTF8View] = []
        var rest = e.utf8[...]
        while let cut = rest.firstIndex(of: 0x1f), fields.count < 3 {
            fields.append(rest[..<cut])
            rest = rest[rest.index(after: cut)...]
        }
        fields.append(rest)
        guard fields.count == 4, let origin = Int64(Substring(fields[2])), let next = Int(Substring(fields[3])) else {
            throw StoreError.corrupt("escalation of \(id)")
        }
        return EscalationProgress(policy: String(Substring(fields[0])), unit: String(Substring(fields[1])), origin: Instant(seconds: origin), next: next)
    }
}
