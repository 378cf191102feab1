import DubanModel
import DubanYAML

/// What a YAML file is, decided by its top keys: the one classifier that
/// loading and deploying share.
public enum FileKind: Sendable, Hashable {
    case definition(DefinitionKind)
    /// A simulation script (`duban simulate --events`) or a play file (`duban play`).
    case script

    init?(_ root: Node) {
        let keys = Set(root.mapping?.compactMap { $0.key.text } ?? [])
        if keys.contains("workflow") { self = .definition(.workflow) }
        else if keys.contains("policy") { self = .definition(.policy) }
        else if keys.contains("units") { self = .definition(.units) }
        else if keys.contains("calendar") { self = .definition(.calendar) }
        else if keys.contains("documents") { self = .definition(.documents) }
        else if keys.contains("events") || keys.contains("play") { self = .script }
        else { return nil }
    }
}

/// A definition file's kind and name, and a workflow's version, as deploy
/// registers it.
public struct FileIdentity: Sendable, Hashable {
    public var kind: DefinitionKind
    public var name: String
    public var version: Int

    /// Nil for a file that is not a definition (or does not parse).
    public init?(_ source: SourceFile) {
        guard let root = YAML.parse(source.text).root, case .definition(let kind)? = FileKind(root) else { return nil }
        switch kind {
        case .workflow:
            guard let name = root["workflow"]?.text else { return nil }
            self.init(kind: kind, name: name, version: Int(root["version"]?.text ?? "") ?? 1)
        case .policy:
            guard let name = root["policy"]?.text else { return nil }
            self.init(kind: kind, name: name, version: 0)
        case .calendar:
            guard let name = root["calendar"]?.text, let year = root["year"]?.text else { return nil }
            self.init(kind: kind, name: Self.calendarName(name, year), version: 0)
        case .units, .documents, .template:
            self.init(kind: kind, name: kind.rawValue, version: 0)
        }
    }

    public init(kind: DefinitionKind, name: String, version: Int) {
        self.kind = kind
        self.name = name
        self.version = version
    }

    /// A calendar year's definition name, `cn-2026`, and back.
    static func calendarName(_ calendar: String, _ year: String) -> String { "\(calendar)-\(year)" }

    public static func calendarYear(_ name: String) -> (calendar: String, year: Int)? {
        guard let dash = name.lastIndex(of: "-"), let year = Int(name[name.index(after: dash)...]) else { return nil }
        return (String(name[..<dash]), year)
    }
}
