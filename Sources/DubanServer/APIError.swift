import DubanEngine
import DubanRuntime
import Foundation
import HTTPTypes
import Hummingbird

/// A refusal as the API answers it: a status and a message a clerk can act
/// on, as `{"error": {"status": 404, "message": "…"}}`.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    /// Seconds, for 429.
    var retryAfter: Int64?
    /// The runtime's refusal it words, for the pages to word in their own language.
    var cause: (any Error)?

    init(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int64? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["error": ["status": status.code, "message": message]],
                                              options: [.sortedKeys, .withoutEscapingSlashes])
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// What the runtime's refusals answer. `unit`: the caller's unit, whose
    /// messages must never name another unit.
    init(_ error: any Error, unit: String?) {
        switch error {
        case let e as APIError:
            self = e
        case let e as AccessError:
            self.init(e)
        case let e as RuntimeError:
            self.init(e, unit: unit)
        default:
            self.init(.internalServerError, "the server failed: \(error)")
        }
        if !(error is APIError) { cause = error }
    }

    init(_ e: AccessError) {
        switch e {
        case .loginFailed, .notSignedIn: self.init(.unauthorized, e.description)
        case .badLink(.otherMatter): self.init(.notFound, e.description)
        case .badLink(.eventNotAllowed): self.init(.forbidden, e.description)
        case .badLink: self.init(.unauthorized, e.description)
        case .throttled(let s): self.init(.tooManyRequests, e.description, retryAfter: s)
        case .readOnly, .officeOnly, .csrf, .badOrigin: self.init(.forbidden, e.description)
        case .fileTooLarge, .matterEvidenceFull: self.init(.contentTooLarge, e.description)
        case .notEvidence, .fileNotSent, .weakPassword, .badAccountName: self.init(.unprocessableContent, e.description)
        case .unknownAccount, .unknownToken: self.init(.notFound, e.description)
        case .accountExists: self.init(.conflict, e.description)
        }
    }

    init(_ e: RuntimeError, unit: String?) {
        switch e {
        case .unknownInstance(let id): self.init(.notFound, "no matter '\(id)'")
        case .refused(let engine): self.init(engine, unit: unit)
        case .unknownWorkflow, .unknownUnit, .rows, .unknownDocumentKind, .incompleteDocument: self.init(.unprocessableContent, e.description)
        case .unknownMessage(let id): self.init(.notFound, "no outbox message \(id)")
        case .changedSince: self.init(.conflict, e.description)
        case .nothingDeployed: self.init(.serviceUnavailable, e.description)
        case .database(.busy): self.init(.serviceUnavailable, "the database is busy: try again in a moment", retryAfter: 5)
        default: self.init(.internalServerError, e.description)
        }
    }

    init(_ e: EngineError, unit: String?) {
        switch e {
        case .finished, .eventNotAllowed, .conditionFailed: self.init(.conflict, e.description)
        case .wrongActor(let event, _, _):
            // The engine lists who may send it; a unit is told only that it may not.
            self.init(.forbidden, unit == nil ? e.description : "your unit may not send '\(event)' to this matter")
        case .badPayload, .badInputs, .expression: self.init(.unprocessableContent, e.description)
        }
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    static func notFound(_ what: String) -> APIError { APIError(.notFound, "no \(what)") }
}

/// Turns every error a route throws into an `APIError`, so no refusal
/// leaves in Hummingbird's default shape or names another unit.
struct ErrorMiddleware: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: DubanContext, next: (Request, DubanContext) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.request(status: response.status.code)
            return response
        } catch {
            let api = (error as? HTTPError).map { APIError($0.status, $0.body ?? $0.status.reasonPhrase) }
                ?? APIError(error, unit: context.principal?.unit)
            metrics.request(status: api.status.code)
            return try api.response(from: request, context: context)
        }
    }
}
