import ArgumentParser
import DubanChannels
import DubanDocuments
import DubanModel
import DubanRuntime
import Foundation

enum DocumentFormat: String, ExpressibleByArgument, CaseIterable { case md, html, docx }

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write an issued document as Markdown, print-ready HTML or DOCX (GB/T 9704 公文 layout).",
        discussion: """
        Documents are numbered and their text fixed when the workflow issues them (a 'document:' \
        action); render only lays them out. 'duban documents' lists them.

          duban render 12 --kind supervision-order -o 督办通知单.docx
          duban render 12 --kind interview-notice --format html > notice.html
          duban render 7 --kind minutes --draft -o draft.docx     # preview, not numbered or stored
        """
    )

    @Argument(help: "The instance the document belongs to.") var instance: String
    @Option(help: ArgumentHelp("The document kind: \(DocumentKind.all.map(\.id).joined(separator: ", ")).", valueName: "KIND")) var kind: String
    @Option(help: "md, html or docx (default: from the -o file's extension, else md).") var format: DocumentFormat?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (default: standard output; DOCX needs a file).", valueName: "FILE")) var output: String?
    @Option(help: ArgumentHelp("Which one, when the instance issued several of this kind: the 号 (default: the latest).", valueName: "N")) var number: Int?
    @Flag(help: "Render the kind from the instance as it stands now, unnumbered and not stored.") var draft = false
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let chosen = try format ?? output.map { path -> DocumentFormat in
            let ext = (path as NSString).pathExtension.lowercased()
            guard let f = DocumentFormat(rawValue: ext == "markdown" ? "md" : ext == "htm" ? "html" : ext) else {
                throw ValidationError("cannot tell the format from '\(path)': give --format md, html or docx")
            }
            return f
        } ?? .md
        if chosen == .docx && output == nil { throw ValidationError("DOCX is binary: give -o FILE.docx") }
        let rt = try runtime.runtime(.readOnly)
        let doc = try refusing { () throws -> IssuedDocument in
            if draft { return try rt.draft(instance: instance, kind: kind, now: try runtime.instant()) }
            return try Runtime.issued(try pick(rt))
        }
        let data: Data
        switch chosen {
        case .md: data = Data(doc.markdown().utf8)
        case .html: data = Data(doc.html().utf8)
        case .docx: data = try doc.docx()
        }
        if let output {
            try writeFile(data, to: output)
            printError("wrote \(output): \(doc.number) \(doc.title)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    func pick(_ rt: Runtime) throws -> DocumentRecord {
        let all = try rt.documents(DocumentFilter(instance: instance))
        let ofKind = all.filter { $0.kind == kind && (number == nil || $0.number == number) }
        if let last = ofKind.last { return last }
        if try !rt.exists(instance, as: .office) { throw RuntimeError.unknownInstance(instance) }
        let have = all.map { "\($0.kind) \($0.year)-\($0.number)" }
        let which = number.map { " no. \($0)" } ?? ""
        throw ValidationError("instance \(instance) has issued no \(kind)\(which); "
            + (have.isEmpty ? "it has issued no documents yet" : "it has: \(have.joined(separator: ", "))")
            + ". Use --draft to preview one from its current data.")
    }
}

struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "documents", abstract: "List issued documents, oldest first.")

    @Option(help: "Only this kind.") var kind: String?
    @Option(help: "Only documents about or addressed to this unit.") var unit: String?
    @Option(help: "Only this instance's.") var instance: String?
    @Option(help: "table or json.") var format: TableFormat = .table
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let rt = try runtime.runtime(.readOnly)
        let records = try refusing { try rt.documents(DocumentFilter(kind: kind, unit: unit, instance: instance)) }
        let docs = records.map { r in (r, try? Runtime.issued(r)) }
        if format == .json {
            print("[" + docs.map { r, d in
                json([("kind", quoted(r.kind)), ("year", String(r.year)), ("seq", String(r.number)), ("number", d.map { quoted($0.number) }),
                      ("title", quoted(r.title)), ("date", quoted(Zone.shanghai.local(r.created).day.description)),
                      ("instance", quoted(r.instance)), ("unit", r.unit.map(quoted)), ("to", r.to.map(quoted)),
                      ("cc", "[" + r.cc.map(quoted).joined(separator: ",") + "]")])
            }.joined(separator: ",\n") + "]")
            return
        }
        if docs.isEmpty { print("no documents match"); return }
        print(table(["NUMBER", "KIND", "DATE", "INSTANCE", "UNIT", "TITLE"], docs.map { r, d in
            [d?.number ?? "\(r.year)-\(r.number)", r.kind, Zone.shanghai.local(r.created).day.description, r.instance, r.unit ?? "", r.title]
        }))
    }
}

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Bundle every document, the ledgers and the audit trail into one ZIP for evaluators.",
        discussion: """
        The ZIP holds documents/KIND/YYYY-MM/ (each document as DOCX and Markdown), index.csv, \
        ledger.csv (every unit's 台账), instances.csv, audit/events.jsonl and audit/verification.txt. \
        The same database always gives the same bytes.
        """
    )

    @Option(help: ArgumentHelp("The ZIP file to write.", valueName: "FILE.zip")) var out: String
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let rt = try runtime.runtime(.readOnly)
        let (data, summary) = try refusing { try rt.archive() }
        try writeFile(data, to: out)
        print("wrote \(out): \(summary.documents) documents, \(summary.events) audit events, \(data.count / 1024) KB")
        if !summary.auditProblems.isEmpty {
            printError("warning: the audit trail does not verify (\(summary.auditProblems.count) problems); see audit/verification.txt in the archive")
        }
    }
}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a shipped document or message template, to start your own from.",
        discussion: """
        Save a document template as workflows/templates/KIND.md.mustache, a message template as \
        workflows/templates/NAME.txt.mustache, and edit it; 'duban deploy' stores it and what is \
        issued or sent from then on uses it. docs/documents.md lists the variables.

          duban template supervision-order > workflows/templates/supervision-order.md.mustache
          duban template reminder > workflows/templates/reminder.txt.mustache
        """
    )

    @Argument(help: ArgumentHelp("A document kind (\(DocumentKind.all.map(\.id).joined(separator: ", "))) or a message (\(TemplateCatalog.messages.sorted().joined(separator: ", "))).", valueName: "NAME")) var kind: String
    @Option(help: "zh-CN or en.") var language: String = "zh-CN"

    func run() throws {
        guard let lang = DocumentLanguage(rawValue: language) else { throw ValidationError("--language must be zh-CN or en") }
        guard let text = TemplateSet.shipped(kind, lang) ?? MessageTemplates.shipped(kind, lang) else {
            let kinds = DocumentKind.all.map(\.id) + TemplateCatalog.messages.sorted()
            throw ValidationError("no shipped template '\(kind)'\(suggestion(kind, kinds)); the kinds are \(kinds.joined(separator: ", "))")
        }
        print(text)
    }
}
