import DubanModel
import DubanYAML

/// What loading a set of files gives: the project, every problem, and the
/// sources (to show the offending lines).
public struct LoadResult: Sendable {
    public var project: Project
    public var diagnostics: [Diagnostic]
    public var sources: [SourceFile]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum ProjectLoader {
    /// Reads every file, decodes it by its top-level key, then checks
    /// references across files. `explicit` files must be Duban files; other
    /// YAML found in a folder is skipped with a warning.
    public static func load(_ sources: [SourceFile], templates: Set<String> = [], explicit: Set<String> = []) -> LoadResult {
        var project = Project()
        project.templates.formUnion(templates)
        var diagnostics: [Diagnostic] = []
        var calendarFiles: [String: [(CalendarYear, String)]] = [:]

        for source in sources {
            let doc = YAML.parse(source.text)
            diagnostics += doc.problems.map { Diagnostic(.error, $0.message, file: source.path, at: $0.mark) }
            guard let root = doc.root else {
                if doc.problems.isEmpty { diagnostics.append(Diagnostic(.warning, "the file is empty", file: source.path, at: nil)) }
                continue
            }
            var reader = NodeReader(file: source.path)
            switch FileKind(root) {
            case .definition(.workflow)?:
                if let w = reader.workflow(root) {
                    if let other = project.workflows.first(where: { $0.id == w.id }) {
                        reader.error("workflow '\(w.id)' is also defined in \(other.file)", at: w.mark)
                    } else {
                        project.workflows.append(w)
                    }
                }
            case .definition(.policy)?:
                if let p = reader.policy(root) {
                    if let other = project.policy(p.id) {
                        reader.error("policy '\(p.id)' is also defined in \(other.file)", at: p.mark)
                    } else {
                        project.policies.append(p)
                    }
                }
            case .definition(.units)?:
                if let u = reader.units(root) {
                    if let other = project.units {
                        reader.error("a second units file: units are already listed in \(other.file)", at: root.mark)
                    } else {
                        project.units = u
                    }
                }
            case .definition(.calendar)?:
                if let (name, year) = reader.calendarYear(root) {
                    if let other = calendarFiles[name]?.first(where: { $0.0.year == year.year }) {
                        reader.error("calendar '\(name)' \(year.year) is also given in \(other.1)", at: root.mark)
                    } else {
                        calendarFiles[name, default: []].append((year, source.path))
                    }
                }
            case .definition(.documents)?:
                if let d = reader.documentSettings(root) {
                    if let other = project.documents.file {
                        reader.error("a second documents file: documents are already set in \(other)", at: root.mark)
                    } else {
                        project.documents = d
                    }
                }
            case .script?, .definition(.template)?:
                break
            case nil where explicit.contains(source.path):
                reader.error("not a Duban file: expected 'workflow:', 'policy:', 'units:', 'calendar:' or 'documents:' at the top", at: root.mark)
            case nil:
                reader.warning("skipped: not a Duban file (no 'workflow:', 'policy:', 'units:', 'calendar:' or 'documents:' at the top)", at: root.mark)
            }
            diagnostics += reader.diagnostics
        }
        project.calendarYears = calendarFiles.mapValues { $0.map(\.0).sorted { $0.year < $1.year } }

        let checker = ProjectChecker(project: project)
        diagnostics += checker.check()
        return LoadResult(project: project, diagnostics: diagnostics.sorted(), sources: sources)
    }
}
