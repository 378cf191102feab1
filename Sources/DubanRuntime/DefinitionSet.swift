import DubanDocuments
import DubanLanguage
import DubanModel
import DubanStore

/// The deployed definitions, rebuilt from the store: the latest of everything
/// (what new instances start on) and every stored version of each workflow
/// (what running instances stay on).
public struct DefinitionSet: Sendable {
    public let project: Project
    public let stored: [StoredDefinition]
    let versions: [String: [Int: WorkflowDefinition]]
    /// Each workflow version's calendar, built once: a tick asks for it every step.
    let calendars: [VersionKey: BusinessCalendar]
    /// The workflow versions whose steps may read a ledger.
    let ledgerReaders: Set<VersionKey>
    /// Those whose for-each conditions read the ledger of any unit: they get every unit's.
    let wholeLedgerReaders: Set<VersionKey>

    /// A workflow version, as the per-step lookups above are keyed: no text is
    /// built to look one up.
    struct VersionKey: Hashable {
        let id: String
        let version: Int
        init(_ w: WorkflowDefinition) { (id, version) = (w.id, w.version) }
    }

    /// Document templates: the project's deployed ones over the shipped set.
    public let templates: TemplateSet

    public init(_ stored: [StoredDefinition]) throws {
        self.stored = stored
        var latest: [String: StoredDefinition] = [:]
        for d in stored where d.kind != .workflow && d.kind != .template {
            let key = "\(d.kind.rawValue)/\(d.name)"
            if latest[key].map({ $0.version < d.version }) ?? true { latest[key] = d }
        }
        let shared = latest.values.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }.map { SourceFile(path: $0.path, text: $0.source) }
        var newest: [String: StoredDefinition] = [:]
        for d in stored where d.kind == .workflow {
            if newest[d.name].map({ $0.version < d.version }) ?? true { newest[d.name] = d }
        }
        var templateFiles: [String: StoredDefinition] = [:]
        for d in stored where d.kind == .template {
            if templateFiles[d.name].map({ $0.version < d.version }) ?? true { templateFiles[d.name] = d }
        }
        let result = ProjectLoader.load(shared + newest.values.sorted { $0.name < $1.name }.map { SourceFile(path: $0.path, text: $0.source) },
                                        templates: Set(templateFiles.keys))
        if result.hasErrors {
            throw RuntimeError.storedDefinitionsInvalid(result.diagnostics.filter { $0.severity == .error }.map(\.header))
        }
        project = result.project
        templates = TemplateSet(language: project.documents.lang,
                                overrides: templateFiles.mapValues { SourceFile(path: $0.path, text: $0.source) })
        var versions: [String: [Int: WorkflowDefinition]] = [:]
        for w in project.workflows { versions[w.id, default: [:]][w.version] = w }
        for d in stored where d.kind == .workflow && newest[d.name]?.version != d.version {
            if let w = ProjectLoader.load(shared + [SourceFile(path: d.path, text: d.source)]).project.workflow(d.name) {
                versions[d.name, default: [:]][d.version] = w
            }
        }
        self.versions = versions
        var calendars: [VersionKey: BusinessCalendar] = [:]
        var ledgerReaders = Set<VersionKey>()
        var wholeLedgerReaders = Set<VersionKey>()
        for byVersion in versions.values {
            for w in byVersion.values {
                calendars[VersionKey(w)] = project.calendar(for: w)
                let loaded = result.project
                if (w.expressions + w.states.flatMap(loaded.policyExpressions)).contains(where: { $0.ast.readsLedger }) {
                    ledgerReaders.insert(VersionKey(w))
                }
                let actions = w.states.flatMap { $0.allActions + loaded.policyActions(of: $0) }
                // A ranking ladder, like a spawn for each unit, reads every unit's ledger.
                if w.rankingPolicy != nil || actions.contains(where: {
                    if case .spawn(_, _, let each?) = $0.kind { return each.condition?.ast.readsLedger ?? false }
                    return false
                }) {
                    wholeLedgerReaders.insert(VersionKey(w))
                }
            }
        }
        self.calendars = calendars
        self.ledgerReaders = ledgerReaders
        self.wholeLedgerReaders = wholeLedgerReaders
    }

    public func calendar(for w: WorkflowDefinition) -> BusinessCalendar {
        calendars[VersionKey(w)] ?? project.calendar(for: w)
    }

    public func workflow(_ id: String, version: Int) -> WorkflowDefinition? {
        versions[id]?[version]
    }

    public func latest(_ id: String) -> WorkflowDefinition? {
        project.workflow(id)
    }

    public func deployedVersions(_ id: String) -> [Int] {
        (versions[id] ?? [:]).keys.sorted()
    }

    /// Whether any expression this workflow version, or a policy it escalates
    /// with, can evaluate reads a unit's ledger.
    func readsLedger(_ w: WorkflowDefinition) -> Bool {
        ledgerReaders.contains(VersionKey(w))
    }

    func readsWholeLedger(_ w: WorkflowDefinition) -> Bool {
        wholeLedgerReaders.contains(VersionKey(w))
    }
}
