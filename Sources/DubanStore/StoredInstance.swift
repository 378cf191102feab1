import DubanEngine
import DubanModel

/// An instance row as the store keeps it, before its values are decoded:
/// a tick reads rows on the store's thread and decodes them on its own.
struct StoredInstance: Sendable {
    var id: String
    var workflow: String
    var version: Int
    var state: String
    /// JSON, as written by `ValueCoding.encode`.
    var values: String
    var started: Int64
    var entered: Int64
    var parent: String?
    var finished: Bool
    /// policy, unit, origin and next step, separated by U+001F.
    var escalation: String?
    var children: Int
    /// (timer key, due) pairs.
    var timers: [(key: TimerKey, due: Int64)] = []

    func decoded() throws -> Instance {
        let decodedValues: [String: Value]
        do { decodedValues = try ValueCoding.decode(values) } catch { throw StoreError.corrupt("values of instance \(id): \(error.message)") }
        var instance = Instance(id: id, workflow: workflow, version: version, state: state, values: decodedValues, started: Instant(seconds: started),
                                entered: Instant(seconds: entered), parent: parent, finished: finished, escalation: try decodedEscalation(),
                                children: children)
        instance.timers.reserveCapacity(timers.count)
        for (key, due) in timers { instance.timers[key] = Instant(seconds: due) }
        return instance
    }

    func decodedEscalation() throws -> EscalationProgress? { try Self.escalation(escalation, of: id) }

    /// The escalation column as written: policy, unit, origin and next step,
    /// separated by U+001F; built from bytes, since every step on a ladder writes it.
    static func column(_ e: EscalationProgress?) -> String? {
        e.map { e in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(e.policy.utf8.count + e.unit.utf8.count + 24)
            bytes.appendText(e.policy)
            bytes.append(0x1f)
            bytes.appendText(e.unit)
            bytes.append(0x1f)
            bytes.appendDecimal(e.origin.seconds)
            bytes.append(0x1f)
            bytes.appendDecimal(Int64(e.next))
            // Written only when set, so that the common row stays four fields.
            if e.fired > 0 || e.reported {
                bytes.append(0x1f)
                bytes.appendDecimal(Int64(e.fired))
                bytes.append(0x1f)
                bytes.appendDecimal(e.reported ? 1 : 0)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A value in ValueCoding's form read from a row (a matter's deadline), as the one field of an object.
    static func value(json: String) -> Value? {
        try? ValueCoding.decode("{\"d\":" + json + "}")["d"]
    }

    /// The escalation column of instance `id` read back.
    static func escalation(_ column: String?, of id: String) throws -> EscalationProgress? {
        guard var e = column else { return nil }
        // Four fields (six on a held or repeating ladder) split at U+001F over the bytes:
        // every fired instance on a ladder comes through here.
        let progress = e.withUTF8 { b -> EscalationProgress? in
            guard let a = b.firstIndex(of: 0x1f), let c = b[(a + 1)...].firstIndex(of: 0x1f), let d = b[(c + 1)...].firstIndex(of: 0x1f) else { return nil }
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
            let f = b[(d + 1)...].firstIndex(of: 0x1f)
            guard let origin = Int64(text(c + 1..<d)), let next = Int(text(d + 1..<(f ?? b.count))) else { return nil }
            var progress = EscalationProgress(policy: text(0..<a), unit: text(a + 1..<c), origin: Instant(seconds: origin), next: next)
            if let f {
                guard let g = b[(f + 1)...].firstIndex(of: 0x1f), let fired = Int(text(f + 1..<g)) else { return nil }
                progress.fired = fired
                progress.reported = text(g + 1..<b.count) == "1"
            }
            return progress
        }
        guard let progress else { throw StoreError.corrupt("escalation of \(id)") }
        return progress
    }
}
