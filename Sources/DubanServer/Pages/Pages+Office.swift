import DubanLanguage
import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

/// The office's assigning page: one matter by a form generated from the
/// workflow's inputs, or many from a CSV, previewed with every bad row
/// reported by line before anything is started; and its review queue.
struct OfficeView: Sendable {
    struct Choice: Sendable {
        var id: String
        var title: String
        var selected: Bool
    }

    struct Row: Sendable { var cells: [String] }

    struct Preview: Sendable {
        var header: [String]
        var rows: [Row]
        var problems: [String]
        var csv: String
        var startLabel: String
    }

    var workflows: [Choice]
    var workflow: String
    var fields: [FormField]
    var preview: Preview?
}

struct ReviewView: Sendable {
    var matters: [MatterLine]
    var hasMatters: Bool
}

extension API {
    func addOfficePages(_ router: Router<DubanContext>) {
        page(router, .get, "/office") { visit in
            let q = visit.request.uri.queryParameters
            let started = q.get("started").map { visit.language.fill("started", $0.split(separator: ",").joined(separator: "、")) }
            return try await officePage(visit, workflow: q.get("workflow").map { String($0) }, notice: started)
        }
        page(router, .post, "/office/assign") { visit in
            let form = try await officeForm(visit)
            let workflow = form.fields["_workflow"] ?? ""
            let (runtime, now) = (self.runtime, clock())
            do {
                return try await once(form) {
                    let ids = try await call(visit.context, .write) { try runtime.start(workflow, rows: [form.values.mapValues(Value.text)], now: now) }
                    return "/matters/\(ids[0])"
                }
            } catch {
                let api = APIError(error, unit: nil)
                return try await officePage(visit, workflow: workflow, values: form.values, error: api.message, status: api.status)
            }
        }
        page(router, .post, "/office/import") { visit in
            let form = try await officeForm(visit)
            let workflow = form.fields["_workflow"] ?? ""
            let text = form.files.first.map { String(decoding: $0.body, as: UTF8.self) } ?? form.fields["_csv"] ?? ""
            let dryRun = form.fields["_start"] == nil
            let (runtime, now) = (self.runtime, clock())
            var preview = OfficeView.Preview(header: [], rows: [], problems: [], csv: text, startLabel: "")
            do {
                let table = try CSVTable(parsing: text)
                preview.header = table.header
                preview.rows = table.rows.map { row in .init(cells: table.header.map { row[$0] ?? "" }) }
                guard !table.rows.isEmpty else { throw APIError(.unprocessableContent, "the CSV has a header but no rows") }
                let rows = table.rows.map { $0.mapValues(Value.text) }
                if !dryRun {
                    return try await once(form) {
                        let ids = try await call(visit.context, .write) { try runtime.start(workflow, rows: rows, now: now) }
                        return "/office?workflow=\(workflow)&started=\(ids.joined(separator: ","))"
                    }
                }
                let ids = try await call(visit.context, .write) { try runtime.start(workflow, rows: rows, dryRun: true, now: now) }
                preview.startLabel = visit.language.fill("csv_start", ids.count)
                return try await officePage(visit, workflow: workflow, preview: preview, notice: visit.language.fill("csv_ok", ids.count))
            } catch let error as CSVTable.ParseError {
                preview.problems = error.problems.map { "line \($0.line): \($0.message)" }
            } catch RuntimeError.rows(let problems) {
                preview.problems = problems
            } catch {
                preview.problems = [APIError(error, unit: nil).message]
            }
            return try await officePage(visit, workflow: workflow, preview: preview, error: visit.language("csv_bad"),
                                        status: .unprocessableContent)
        }
        page(router, .get, "/office/review") { visit in
            let p = try visit.signedIn()
            guard p.isOffice else { throw APIError(AccessError.officeOnly) }
            let (runtime, now) = (self.runtime, clock())
            let view = try await call(visit.context) { () throws -> ReviewView in
                let defs = try runtime.definitions()
                let lines = try runtime.awaitingOffice(now: now).map {
                    MatterLine($0, actor: p.mayAct ? "office" : nil, defs: defs, now: now, call: visit)
                }
                return ReviewView(matters: lines, hasMatters: !lines.isEmpty)
            }
            return await render(visit, "review", title: visit.language("review"), body: view)
        }
    }

    /// A form only an office admin may send.
    func officeForm(_ visit: PageCall) async throws -> PageForm {
        let p = try visit.signedIn()
        guard p.isOffice else { throw APIError(AccessError.officeOnly) }
        guard p.mayAct else { throw APIError(AccessError.readOnly) }
        return try await visit.form(maxBody: 8 << 20)
    }

    func officePage(_ visit: PageCall, workflow: String?, values: [String: String] = [:], preview: OfficeView.Preview? = nil,
                    notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = try visit.signedIn()
        guard p.isOffice, p.mayAct else { throw APIError(p.isOffice ? AccessError.readOnly : AccessError.officeOnly) }
        let runtime = self.runtime
        let l = visit.language
        let view = try await call(visit.context) { () throws -> OfficeView in
            let defs = try runtime.definitions()
            let startable = defs.project.workflows.filter { w in !w.inputs.isEmpty && defs.latest(w.id) != nil }
            let chosen = startable.first { $0.id == workflow } ?? startable.first { $0.id == "rectification" } ?? startable.first
            let units = defs.project.units?.units ?? []
            return OfficeView(
                workflows: startable.map { .init(id: $0.id, title: $0.title, selected: $0.id == chosen?.id) },
                workflow: chosen?.id ?? "",
                fields: (chosen.flatMap { defs.latest($0.id) }?.inputs ?? []).map { FormField($0, units: units, language: l, value: values[$0.name] ?? "") },
                preview: preview)
        }
        return await render(visit, "office", title: l("assign"), body: view, notice: notice, error: error, status: status)
    }
}
