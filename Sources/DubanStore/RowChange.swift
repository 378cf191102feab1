import DubanEngine
import DubanModel

/// What a step changed of an instance's row, so an update writes no more
/// than that; nil when the row stays as it is (a reminder changes only timers,
/// which are rows of their own).
struct RowChange: Sendable {
    /// The values were changed: they are encoded again.
    var values: Bool
    /// The indexed unit column changed.
    var unit: Bool

    init?(_ instance: Instance, from before: Instance) {
        values = instance.values != before.values
        unit = values && instance.unitColumn != before.unitColumn
        guard values || !instance.sameRow(as: before) else { return nil }
    }
}

extension Instance {
    /// The `unit` column: the unit the instance is about, indexed for listing.
    var unitColumn: String? {
        if case .unit(let u)? = values["unit"] { return u }
        return nil
    }

    /// Whether the row's other columns would be written as they stand.
    func sameRow(as other: Instance) -> Bool {
        version == other.version && state == other.state && entered == other.entered && finished == other.finished
            && escalation == other.escalation && children == other.children
    }
}
