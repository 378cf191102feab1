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

    /// A kind rendered from the instance as it stands now: not numbered, not
    /// stored, marked as a draft. For previewing templates and data.
    public func draft(instance id: String, kind: String, now: Instant) throws -> IssuedDocument {
        let defs = try definitions()
        guard defs.templates.source(kind) != nil else {
            throw RuntimeError.unknownDocumentKind(kind, known: Array(Set(DocumentKind.all.map(\.id)).union(defs.templates.overrides.keys)).sorted())
        }
        return try read { s in
            guard let instance = try s.instance(id) else { throw RuntimeError.unknownInstance(id) }
            guard let w = defs.workflow(instance.workflow, version: instance.version) else {
                throw RuntimeError.unknownWorkflow(instance.workflow, known: defs.project.workflows.map(\.id))
            }
            let applier = Applier(session: s, defs: defs, engine: Engine(project: defs.project), recorded: now)
            let facts = try applier.gatherFacts(kind: kind, seq: 0, to: Applier.unitID(instance.values["unit"]), cc: [], fields: [:],
                                                instance: instance, w, local: w.zone.local(now))
            var doc = try facts.issue(with: defs.templates)
            doc.number = facts.language == .zh ? "（草稿）" : "(draft)"
            return doc
        }
    }
}
