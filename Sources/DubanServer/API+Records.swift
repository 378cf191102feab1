import DubanDocuments
import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

extension API {
    func addRecordRoutes(_ v1: RouterGroup<DubanContext>) {
        v1.get("documents") { request, context -> DocumentsBody in
            let viewer = try context.signedIn().viewer
            let q = request.uri.queryParameters
            let filter = DocumentFilter(kind: q.get("kind"), instance: q.get("matter"))
            let runtime = self.runtime
            return DocumentsBody(documents: try await call(context) { try runtime.documents(filter, as: viewer) }.map(DocumentBody.init))
        }
        v1.get("documents/:id/:format") { _, context -> Response in
            let viewer = try context.signedIn().viewer
            guard let id = Int64(try context.parameters.require("id")) else { throw APIError.notFound("such document") }
            guard let format = DocumentFormat(rawValue: try context.parameters.require("format")) else {
                throw APIError.notFound("such format: a document downloads as md, html or docx")
            }
            let runtime = self.runtime
            let (bytes, name) = try await call(context) { () throws -> ([UInt8], String) in
                guard let record = try runtime.documents(DocumentFilter(), as: viewer).first(where: { $0.id == id }) else {
                    throw APIError.notFound("such document")
                }
                let doc = try Runtime.issued(record)
                let bytes: [UInt8] = switch format {
                case .md: Array(doc.markdown().utf8)
                case .html: Array(doc.html().utf8)
                case .docx: Array(try doc.docx())
                }
                return (bytes, "\(doc.number) \(doc.title).\(format.rawValue)")
            }
            return Self.download(bytes, type: format.contentType, name: name)
        }
        v1.get("outbox") { request, context -> OutboxBody in
            _ = try context.office()
            let pending = request.uri.queryParameters.get("pending") == "true"
            let runtime = self.runtime
            return OutboxBody(messages: try await call(context) { try runtime.outbox(pendingOnly: pending, as: .office) }.map(OutboxBody.Message.init))
        }
        v1.post("outbox/:id/retry") { _, context -> OutboxBody.Message in
            _ = try context.office(acting: true)
            guard let id = Int64(try context.parameters.require("id")) else { throw APIError.notFound("such message") }
            let runtime = self.runtime
            return OutboxBody.Message(try await call(context, .write) { try runtime.retry(outbox: id) })
        }
        v1.get("audit/verify") { _, context -> VerifyBody in
            _ = try context.office()
            let runtime = self.runtime
            let v = try await call(context) { try runtime.verifyAudit() }
            return VerifyBody(ok: v.problems.isEmpty && v.orphans.isEmpty, events: v.events, lastHash: v.lastHash,
                              problems: v.problems, orphans: v.orphans)
        }
    }
}

extension OutboxBody.Message: ResponseEncodable {}
