import DubanEngine
import DubanModel
import DubanStore

/// Who is reading. The office (its admins and viewers) sees every unit's
/// matters; a unit sees its own only, and another unit's matter, document,
/// message or ledger line reads exactly as a missing one. Every read call
/// takes a viewer, so each route, page and export built on them inherits
/// the rule.
public enum Viewer: Sendable, Hashable {
    case office
    case unit(String)

    /// Whether the viewer may see a matter about `unit` (nil: no unit, the office's own).
    public func sees(unit: String?) -> Bool {
        switch self {
        case .office: return true
        case .unit(let u): return unit == u
        }
    }

    func sees(_ instance: Instance) -> Bool { sees(unit: instance.unit) }

    func sees(_ document: DocumentRecord) -> Bool {
        guard case .unit(let u) = self else { return true }
        return document.unit == u || document.to == u || document.cc.contains(u)
    }

    /// The unit to narrow a store query to, for a unit.
    var unit: String? {
        if case .unit(let u) = self { return u }
        return nil
    }
}

extension Instance {
    /// The unit a matter is about: its `unit` value, as a unit or as text.
    var unit: String? { Applier.unitID(values["unit"]) }
}
