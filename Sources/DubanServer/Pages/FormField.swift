import DubanModel

/// One field of a form generated from a workflow's declaration (an event's
/// `payload:` or a workflow's `inputs:`): a date picker for a date, a
/// select for an enum or a unit, a text area for text, a file input for a
/// file. Any workflow an admin writes gets working forms this way.
struct FormField: Sendable {
    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    var name: String
    var label: String
    var required: Bool
    /// The `type` of an `<input>`; nil for a text area, a select or files.
    var input: String?
    var textarea = false
    var select = false
    var file = false
    var options: [Option] = []
    var value = ""
    var hint: String?

    /// `units`: the units a unit field may name (empty: typed as text, for a
    /// unit's reader, who is not shown the other units).
    init(_ decl: VariableDecl, units: [UnitRecord], language l: PageLanguage, value: String = "") {
        name = decl.name
        label = decl.title ?? decl.name
        required = decl.required
        self.value = value
        func choices(_ pairs: [(String, String)]) {
            select = true
            options = [Option(value: "", label: l("choose"), selected: value.isEmpty)]
                + pairs.map { Option(value: $0.0, label: $0.1, selected: $0.0 == value) }
        }
        switch decl.type {
        case .text: textarea = true
        case .int: input = "number"
        case .date: input = "date"
        case .datetime: input = "datetime-local"
        case .bool: choices([("true", l("yes")), ("false", l("no"))])
        case .enumeration(let values): choices(values.map { ($0, l.words["\(decl.name)_\($0)"] ?? $0) })
        case .unit where !units.isEmpty: choices(units.map { ($0.id, $0.name) })
        case .file: file = true
        case .duration:
            input = "text"
            hint = l("duration_hint")
        case .list:
            input = "text"
            hint = l("list_hint")
        case .unit, .null, .any: input = "text"
        }
    }

    /// The free evidence input every event form offers (files kept beside the event).
    static func evidence(_ l: PageLanguage) -> FormField {
        var f = FormField(VariableDecl(name: "evidence", type: .file, required: false, mark: Mark(line: 0, column: 0)), units: [], language: l)
        f.label = l("evidence")
        return f
    }
}
