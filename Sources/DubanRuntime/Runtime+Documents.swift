import DubanDocuments
import DubanEngine
import DubanModel
import DubanStore
import Foundation

extension Runtime {
    public func documents(_ filter: DocumentFilter) throws -> [DocumentRecord] {
        try read { try $0.documents(filter) }
    }

    /// The document as it was issued.
    public static func issued(_ record: DocumentRecord) throws -> IssuedDocument {
        guard !record.content.isEmpty else { throw RuntimeError.documentWithoutText(kind: record.kind, year: record.year, number: record.number) }
        return try JSONDecoder().decode(IssuedDocument.self, from: Data(record.content.utf8))
    }

    /// The office issues a document of `kind` about a matter by hand (a
    /// notice about it, an order the ladder has not reached): numbered,
    /// kept, addressed to the matter's unit and recorded in the trail as the
    /// office's step, as the ladder's documents are. Issued documents are
    /// never changed; a correction is a new issue.
    @discardableResult
    public func issue(kind: String, matter id: String, person: String?, now: Instant) throws -> DocumentRecord {
        let defs = try definitions()
        try checkKind(kind, defs)
        return try write { s in
            let (instance, w) = try Self.matter(id, s, defs)
            var applier = Applier(session: s, defs: defs, engine: Engine(project: defs.project), recorded: now)
            applier.refusesIncomplete = true
            let step = Step(instance: instance, effects: [.renderDocument(kind: kind, to: instance.unit, cc: [], fields: [:])])
            let event = Event(name: Self.issueEvent, actor: "office", payload: ["kind": .text(kind)])
            try applier.apply(step, w, cause: .event(event, by: person), before: instance, at: now)
            guard let issued = try s.documents(DocumentFilter(kind: kind, instance: id)).last else { throw RuntimeError.unknownInstance(id) }
            return issued
        }
    }

    /// The name an issue by hand has in the audit trail.
    public static let issueEvent = "issue_document"

    /// The kinds a document may be issued in: the shipped ones and the templates beside the workflows.
    public func documentKinds() throws -> [String] { Self.kinds(try definitions()) }

    static func kinds(_ defs: DefinitionSet) -> [String] {
        Array(Set(DocumentKind.all.map(\.id)).union(defs.templates.overrides.keys)).sorted()
    }

    /// A matter a document is about, and its workflow.
    static func matter(_ id: String, _ s: any StoreSession, _ defs: DefinitionSet) throws -> (Instance, WorkflowDefinition) {
        guard let instance = try s.instance(id) else { throw RuntimeError.unknownInstance(id) }
        guard let w = defs.workflow(instance.workflow, version: instance.version) else {
            throw RuntimeError.unknownWorkflow(instance.workflow, known: defs.project.workflows.map(\.id))
        }
        return (instance, w)
    }

    func checkKind(_ kind: String, _ defs: DefinitionSet) throws {
        guard defs.templates.source(kind) != nil else { throw RuntimeError.unknownDocumentKind(kind, known: Self.kinds(defs)) }
    }

    /// A kind rendered from the instance as it stands now: not numbered, not
    /// stored, marked as a draft. For previewing templates and data.
    public func draft(instance id: String, kind: String, now: Instant) throws -> IssuedDocument {
        let defs = try definitions()
        try checkKind(kind, defs)
        return try read { s in
            let (instance, w) = try Self.matter(id, s, defs)
            let applier = Applier(session: s, defs: defs, engine: Engine(project: defs.project), recorded: now)
            let facts = try applier.gatherFacts(kind: kind, seq: 0, to: Applier.unitID(instance.values["unit"]), cc: [], fields: [:],
                                                instance: instance, w, local: w.zone.local(now))
            var doc = try facts.issue(with: defs.templates)
            doc.number = facts.language == .zh ? "（草稿）" : "(draft)"
            return doc
        }
    }
}
