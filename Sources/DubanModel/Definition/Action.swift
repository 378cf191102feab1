/// Who receives a message: a unit (from a unit-typed variable, a unit id, or
/// the office) and which of its people.
public struct Recipient: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, Hashable { case unit, head, contact }

    /// A unit-typed variable's name, `office`, or a unit id.
    public var base: String
    public var role: Role

    public init(base: String, role: Role) {
        self.base = base
        self.role = role
    }

    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else { return nil }
        if parts.count == 2 {
            guard let role = Role(rawValue: parts[1]), role != .unit else { return nil }
            self.init(base: parts[0], role: role)
        } else {
            self.init(base: parts[0], role: .unit)
        }
    }

    public static let defaultReminder = Recipient(base: "unit", role: .contact)

    public var description: String { role == .unit ? base : "\(base).\(role.rawValue)" }
}

/// An action an admin writes under enter, exit, do.
public struct Action: Sendable {
    public enum Kind: Sendable {
        case notify(to: Recipient, template: String)
        case remind(to: Recipient, template: String)
        case document(kind: String, to: Recipient?, cc: [Recipient], with: [Assignment])
        case set([Assignment])
        /// With `each`, one child per item of a list (named `each.name` in the
        /// inputs and the condition), where the condition holds.
        case spawn(workflow: String, inputs: [Assignment], each: ForEach? = nil)
        case signalParent(event: String, data: [Assignment])
        /// `note`: what the line cites instead of a clause, computed (a decision's form and number).
        case ledger(kind: LedgerKind, unit: Recipient, clause: String?, note: Expression? = nil)
    }

    public var kind: Kind
    /// A message sent at once, even when a timer queues it out of office hours.
    public var urgent = false
    public var mark: Mark

    public init(_ kind: Kind, at mark: Mark) {
        self.kind = kind
        self.mark = mark
    }

    /// The expressions this action evaluates.
    public var assignments: [Assignment] {
        switch kind {
        case .set(let a), .spawn(_, let a, _), .signalParent(_, let a), .document(_, _, _, let a): return a
        default: return []
        }
    }

    /// Every expression the action evaluates, a for-each's list and condition included.
    public var expressions: [Expression] {
        var out = assignments.map(\.expression)
        if case .spawn(_, _, let each?) = kind { out += [each.list] + (each.condition.map { [$0] } ?? []) }
        if case .ledger(_, _, _, let note?) = kind { out.append(note) }
        return out
    }

    public var recipients: [Recipient] {
        switch kind {
        case .notify(let to, _), .remind(let to, _): return [to]
        case .document(_, let to, let cc, _): return (to.map { [$0] } ?? []) + cc
        case .ledger(_, let unit, _, _): return [unit]
        default: return []
        }
    }

    /// Whether a list of units may name this recipient: a message or a copy
    /// goes to each; an addressee or a ledger line is one unit.
    public func fansOut(_ r: Recipient) -> Bool {
        switch kind {
        case .notify, .remind: return true
        case .document(_, let to, _, _): return to != r
        default: return false
        }
    }

    public var template: String? {
        switch kind {
        case .notify(_, let t), .remind(_, let t): return t
        case .document(let k, _, _, _): return k
        default: return nil
        }
    }
}

/// `for_each: EXPR` (a list), `as: NAME` (default `item`), optional `if: EXPR`.
public struct ForEach: Sendable {
    public var list: Expression
    public var name: String
    public var condition: Expression?

    public init(list: Expression, name: String, condition: Expression?) {
        self.list = list
        self.name = name
        self.condition = condition
    }
}
