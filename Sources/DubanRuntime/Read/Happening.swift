import DubanModel

/// One effect of an audit row, read back from the line `Applier` wrote
/// through `AuditDetail.Writer`: what the pages turn into plain words
/// (交办、签收、催办、逾期、督办……).
public enum Happening: Sendable, Hashable {
    /// The matter moved to `state` (from `from`; empty at the start).
    case moved(from: String, to: String)
    /// A reminder or notice queued for a unit's contact, head or the office.
    case message(MessageKind, unit: String, role: String)
    case document(kind: String, number: String)
    /// A rung of the accountability ladder, with its clause.
    case escalated(policy: String, step: String, clause: String?)
    case ledger(unit: String, kind: String)
    case set(name: String, value: String)
    case spawned(id: String, workflow: String)
    case finished
    /// Anything else (a warning, a signal to the parent), as written.
    case other(String)

    public init(effect line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        switch words.first {
        case let k? where MessageKind(rawValue: k) != nil && words.count == 3:
            let target = words[1].split(separator: ".", maxSplits: 1).map(String.init)
            self = .message(MessageKind(rawValue: k)!, unit: target.first ?? "", role: target.count > 1 ? target[1] : "")
        case "document"? where words.count >= 3:
            self = .document(kind: words[1], number: words[2...].joined(separator: " "))
        case "escalate"? where words.count >= 4:
            self = .escalated(policy: words[1], step: words[2], clause: words.count > 4 ? words[4...].joined(separator: " ") : nil)
        case "ledger"? where words.count == 3:
            self = .ledger(unit: words[1], kind: words[2])
        case "set"? where words.count >= 4 && words[2] == "=":
            self = .set(name: words[1], value: words[3...].joined(separator: " "))
        case "spawn"? where words.count == 3:
            self = .spawned(id: words[1], workflow: words[2])
        case "finished"? where words.count == 1:
            self = .finished
        default:
            // "FROM -> TO (CAUSE)", or "-> TO (CAUSE)" at the start.
            if let arrow = words.firstIndex(of: "->"), arrow + 1 < words.count {
                self = .moved(from: words[..<arrow].joined(separator: " "), to: words[arrow + 1])
            } else {
                self = .other(line)
            }
        }
    }
}
