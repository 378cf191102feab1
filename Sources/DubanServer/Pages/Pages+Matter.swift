import DubanChannels
import DubanEngine
import DubanModel
import DubanRuntime
import Foundation
import HTTPTypes
import Hummingbird

/// A matter's page: what, who, the deadline, the light, its timeline, its
/// documents and files, and a form for each event the reader may send now.
struct MatterView: Sendable {
    struct Fact: Sendable {
        var label: String
        var value: String
    }

    struct Download: Sendable {
        var label: String
        var href: String
        var note: String
    }

    struct EventForm: Sendable {
        var label: String
        var action: String
        var seen: String
        var fields: [FormField]
    }

    var line: MatterLine
    var facts: [Fact]
    var timeline: [TimelineItem]
    var documents: [Download]
    var attachments: [Download]
    var events: [EventForm]
    var hasDocuments: Bool
    var hasAttachments: Bool
    /// For the office's admins: the kinds a document may be issued in about this matter.
    var documentKinds: [FormField.Option]
    var hasDocumentKinds: Bool
}

extension API {
    func addMatterPages(_ router: Router<DubanContext>) {
        page(router, .get, "/matters/:id") { visit in
            let id = try visit.context.parameters.require("id")
            let done = visit.request.uri.queryParameters.get("done").map { visit.language.fill("done", visit.language.event(String($0))) }
            return try await matterPage(visit, id, action: { "/matters/\(id)/events/\($0)" }, notice: done)
        }
        page(router, .post, "/matters/:id/events/:event") { visit in
            let p = try visit.signedIn()
            guard p.mayAct else { throw APIError(AccessError.readOnly) }
            let (id, name) = (try visit.context.parameters.require("id"), try visit.context.parameters.require("event"))
            let form = try await visit.form(maxBody: config.maxBody)
            if let refused = try await send(visit, id, name, by: p, form, action: { "/matters/\(id)/events/\($0)" }) { return refused }
            return Self.redirect("/matters/\(id)?done=\(percentEncode(name))")
        }
        page(router, .post, "/matters/:id/documents") { visit in
            let form = try await officeForm(visit)
            let (id, p) = (try visit.context.parameters.require("id"), try visit.signedIn())
            let (runtime, now, kind) = (self.runtime, clock(), form.fields["kind"] ?? "")
            do {
                return try await once(form) {
                    _ = try await call(visit.context, .write) { try runtime.issue(kind: kind, matter: id, person: p.person, now: now) }
                    return "/matters/\(id)?done=\(Runtime.issueEvent)"
                }
            } catch {
                let api = APIError(error, unit: nil)
                return try await matterPage(visit, id, action: { "/matters/\(id)/events/\($0)" }, error: api.message, status: api.status)
            }
        }
        page(router, .get, "/matters/:id/draft") { visit in
            _ = try officeReader(visit)
            let (id, kind) = (try visit.context.parameters.require("id"), visit.request.uri.queryParameters.get("kind").map { String($0) } ?? "")
            let (runtime, now) = (self.runtime, clock())
            let html = try await call(visit.context) { try runtime.draft(instance: id, kind: kind, now: now).html() }
            // The draft is a document of its own, with its print styles inline.
            var response = Self.html(html)
            response.headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
            return response
        }
    }

    /// Sends an event from a page's form. Refused, the answer is the matter's
    /// page again as it stands, saying why (a missing matter is not shown);
    /// nil when the event was taken.
    func send(_ visit: PageCall, _ id: String, _ name: String, by p: Principal, _ form: PageForm,
              action: @escaping @Sendable (String) -> String, template: String = "matter") async throws -> Response? {
        do {
            try await signal(id, Event(name: name, actor: p.actor, payload: form.values.mapValues(Value.text)), files: form.files,
                             by: p, seen: form.fields[PageForm.seenField].flatMap { Int64($0) }, visit.context)
            return nil
        } catch {
            let api = APIError(error, unit: p.unit)
            if api.status == .notFound { throw error }
            return try await matterPage(visit, id, action: action, template: template, error: Self.pageMessage(error, api, visit),
                                        status: api.status)
        }
    }

    /// The matter's page for the caller; `action` gives each event form's target.
    func matterPage(_ visit: PageCall, _ id: String, action: @escaping @Sendable (String) -> String, template: String = "matter",
                    notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = try visit.signedIn()
        let (runtime, now, l) = (self.runtime, clock(), visit.language)
        let body = try await call(visit.context) { () throws -> MatterView in
            let defs = try runtime.definitions()
            var d = try runtime.matter(id, as: p.viewer, actor: p.mayAct ? p.actor : nil, now: now)
            if let link = p.link { d.available = d.available.filter { link.events.contains($0.name) } }
            let w = defs.workflow(d.matter.instance.workflow, version: d.matter.instance.version)
            let units = p.isOffice ? defs.project.units?.units ?? [] : []
            let timeline = Timeline(language: l, defs: defs)
            let seen = String(d.history.last?.seq ?? 0)
            // An office admin, signed in, may issue documents about the matter.
            let issues = p.isOffice && p.mayAct && p.link == nil
            return MatterView(
                line: MatterLine(d.matter, actor: p.mayAct ? p.actor : nil, defs: defs, now: now, call: visit),
                // The deadline is shown with its workdays left, above.
                facts: (w?.inputs ?? []).filter { $0.name != "deadline" }.compactMap { decl in
                    guard let v = d.matter.instance.values[decl.name], v != .null else { return nil }
                    var text = v.display(in: .shanghai)
                    if decl.type.base == .unit { text = timeline.unitName(text) }
                    if case .enumeration = decl.type { text = l.words["\(decl.name)_\(text)"] ?? text }
                    return text.isEmpty ? nil : MatterView.Fact(label: decl.title ?? decl.name, value: text)
                },
                timeline: d.historyEntries.map { timeline.item($0, workflow: w) }.reversed(),
                documents: d.documents.map { doc in
                    .init(label: doc.title, href: "/api/v1/documents/\(doc.id)/docx", note: "\(doc.kind) \(doc.year)-\(doc.number)")
                },
                attachments: d.attachments.map { a in
                    .init(label: a.name, href: "/api/v1/matters/\(id)/attachments/\(a.id)", note: "\(max(1, a.size / 1024)) KB")
                },
                events: d.available.map { e in
                    var fields = e.payload.map { FormField($0, units: units, language: l) }
                    // A unit proves its work with photos and files (立整立改); the office's events take none.
                    if p.unit != nil, !e.payload.contains(where: { $0.type == .file }) { fields.append(.evidence(l)) }
                    return .init(label: l.event(e.name, title: e.title), action: action(e.name), seen: seen, fields: fields)
                },
                hasDocuments: !d.documents.isEmpty, hasAttachments: !d.attachments.isEmpty,
                documentKinds: issues ? try runtime.documentKinds().map { .init(value: $0, label: l.documentKind($0), selected: false) } : [],
                hasDocumentKinds: issues)
        }
        return await render(visit, template, title: "\(l("matter")) \(id) \(body.line.subject)", body: body, notice: notice,
                            error: error, status: status)
    }
}
