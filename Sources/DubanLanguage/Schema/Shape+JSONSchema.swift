import DubanModel
import Foundation

extension Shape {
    /// The JSON Schema (draft-07) of every Duban file kind, for editors
    /// (yaml-language-server) to complete and check workflow files.
    public static func jsonSchema() -> String {
        var definitions: [String: Any] = [:]
        for (name, shape) in Shape.definitions { definitions[name] = shape.schema() }
        let root: [String: Any] = [
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "Duban workflow, policy, units and calendar files",
            "oneOf": ["workflow", "policy", "units", "calendar", "documents"].map { ["$ref": "#/definitions/\($0)"] },
            "definitions": definitions,
        ]
        let data = try! JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func schema() -> [String: Any] {
        switch self {
        case .object(let fields, let extra):
            var properties: [String: Any] = [:]
            for f in fields {
                var s = f.shape.schema()
                s["description"] = f.doc
                properties[f.name] = s
            }
            var out: [String: Any] = ["type": "object"]
            if !fields.isEmpty { out["properties"] = properties }
            let required = fields.filter(\.required).map(\.name)
            if !required.isEmpty { out["required"] = required }
            out["additionalProperties"] = extra.map { $0.schema() as Any } ?? false
            return out
        case .text(let doc): return ["type": "string", "description": doc]
        case .pattern(let p, let doc): return ["type": "string", "pattern": p, "description": doc]
        case .choice(let values, let doc): return ["enum": values, "description": doc]
        case .integer(let doc, let minimum):
            var schema: [String: Any] = ["type": "integer", "description": doc]
            if let minimum { schema["minimum"] = minimum }
            return schema
        case .boolean(let doc): return ["type": "boolean", "description": doc]
        case .list(let item): return ["type": "array", "items": item.schema()]
        case .oneOf(let alternatives): return ["oneOf": alternatives.map { $0.schema() }]
        case .ref(let name): return ["$ref": "#/definitions/\(name)"]
        case .anything: return [:]
        }
    }
}
