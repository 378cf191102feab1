import DubanDocuments
import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

/// The office's records: the outbox (with dead letters and retry), each
/// unit's ledger, the documents and the policy's ladder.
struct OutboxView: Sendable {
    struct Message: Sendable {
        var id: Int64
        var matter: String
        var unit: String
        var kind: String
        var status: String
        var dead: Bool
        var attempts: Int
        var created: String
        var error: String
    }

    var messages: [Message]
}

struct LedgerView: Sendable {
    struct Line: Sendable {
        var unit: String
        var kind: String
        var time: String
        var clause: String
    }

    var lines: [Line]
}

struct DocumentsView: Sendable {
    struct Document: Sendable {
        var number: String
        var title: String
        var matter: String
        var created: String
        var docx: String
        var html: String
    }

    var documents: [Document]
}

struct PolicyView: Sendable {
    struct Step: Sendable {
        var number: Int
        var name: String
        var after: String
        var clause: String
        var ledger: String
    }

    struct Policy: Sendable {
        var title: String
        var steps: [Step]
        var repeats: [String]
        var hasRepeats: Bool
    }

    var policies: [Policy]
}

extension API {
    func addOfficeRecordPages(_ router: Router<DubanContext>) {
        page(router, .get, "/office/outbox") { visit in
            try await outboxPage(visit)
        }
        page(router, .post, "/office/outbox/:id/retry") { visit in
            _ = try await officeForm(visit)
            guard let id = Int64(try visit.context.parameters.require("id")) else { throw APIError.notFound("such message") }
            let runtime = self.runtime
            _ = try await call(visit.context, .write) { try runtime.retry(outbox: id) }
            return try await outboxPage(visit, notice: visit.language("retried"))
        }
        page(router, .get, "/office/ledger") { visit in
            let p = try officeReader(visit)
            let (runtime, l) = (self.runtime, visit.language)
            let view = try await call(visit.context) { () throws -> LedgerView in
                let timeline = Timeline(language: l, defs: try runtime.definitions())
                return LedgerView(lines: try runtime.ledger(as: p.viewer).sorted { ($0.unit, $0.time.seconds) < ($1.unit, $1.time.seconds) }.map {
                    .init(unit: timeline.unitName($0.unit), kind: l.ledger($0.kind.rawValue), time: Zone.shanghai.short($0.time),
                          clause: $0.clause ?? "")
                })
            }
            return await render(visit, "ledger", title: l("ledger"), body: view)
        }
        page(router, .get, "/office/documents") { visit in
            let p = try officeReader(visit)
            let runtime = self.runtime
            let view = try await call(visit.context) {
                DocumentsView(documents: try runtime.documents(DocumentFilter(), as: p.viewer).reversed().map { d in
                    .init(number: "\(d.kind) \(d.year)-\(d.number)", title: d.title, matter: d.instance, created: Zone.shanghai.short(d.created),
                          docx: "/api/v1/documents/\(d.id)/docx", html: "/api/v1/documents/\(d.id)/html")
                })
            }
            return await render(visit, "documents", title: visit.language("documents"), body: view)
        }
        page(router, .get, "/office/policy") { visit in
            _ = try officeReader(visit)
            let (runtime, l) = (self.runtime, visit.language)
            let view = try await call(visit.context) {
                PolicyView(policies: try runtime.definitions().project.policies.map { policy in
                    .init(title: policy.title, steps: policy.steps.enumerated().map { n, s in
                        .init(number: n + 1, name: s.name, after: visit.language.fill("policy_after", s.after.description),
                              clause: s.clause ?? "", ledger: s.ledger.map { l.ledger($0.rawValue) } ?? "")
                    }, repeats: policy.repeatOffence.map { "\($0.condition.source) → \($0.startAt)" },
                    hasRepeats: !policy.repeatOffence.isEmpty)
                })
            }
            return await render(visit, "policy", title: l("policy"), body: view)
        }
    }

    /// The office, admin or viewer: the records are theirs to read.
    func officeReader(_ visit: PageCall) throws -> Principal {
        let p = try visit.signedIn()
        guard p.isOffice else { throw APIError(AccessError.officeOnly) }
        return p
    }

    func outboxPage(_ visit: PageCall, notice: String? = nil) async throws -> Response {
        let p = try officeReader(visit)
        let (runtime, l) = (self.runtime, visit.language)
        let view = try await call(visit.context) { () throws -> OutboxView in
            let timeline = Timeline(language: l, defs: try runtime.definitions())
            // Dead letters first, then the newest.
            let messages = try runtime.outbox(as: p.viewer).sorted { ($0.status == .dead ? 0 : 1, -$0.id) < ($1.status == .dead ? 0 : 1, -$1.id) }
            return OutboxView(messages: messages.prefix(500).map { m in
                .init(id: m.id, matter: m.instance, unit: timeline.unitName(m.unit) + l.role(m.role), kind: m.template,
                      status: l("status_" + m.status.rawValue), dead: m.status == .dead && p.mayAct, attempts: m.attempts,
                      created: Zone.shanghai.short(m.created), error: m.lastError ?? "")
            })
        }
        return await render(visit, "outbox", title: l("outbox"), body: view, notice: notice)
    }
}
