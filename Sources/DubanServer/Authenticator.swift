import DubanModel
import DubanRuntime
import HTTPTypes
import Hummingbird

/// Finds who is asking: an API token (`Authorization: Bearer …`), a session
/// cookie, or a signed link (`X-Duban-Link`, or the /l/ pages). A state
/// change made with a cookie must carry the session's CSRF token and, when
/// the browser sends one, the server's own Origin. A link reaches its own
/// matter only.
struct Authenticator: RouterMiddleware {
    let runtime: Runtime
    let config: ServerConfig
    let clock: @Sendable () -> Instant
    let wallClock: @Sendable () -> Instant

    static let cookie = "duban_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    static let linkHeader = HTTPField.Name("X-Duban-Link")!

    func handle(_ request: Request, context: DubanContext, next: (Request, DubanContext) async throws -> Response) async throws -> Response {
        var context = context
        let now = clock()
        let runtime = self.runtime
        if let auth = request.headers[.authorization] {
            guard auth.hasPrefix("Bearer ") else { throw APIError(.unauthorized, "send the API token as 'Authorization: Bearer TOKEN'") }
            let token = String(auth.dropFirst(7))
            guard let p = try await blocking(.read, { try runtime.principal(token: token) }) else {
                throw APIError(.unauthorized, "this API token is not valid: it was revoked, or its account is disabled")
            }
            context.principal = p
            context.credential = .token
        } else if let token = request.headers[Self.linkHeader] {
            context.principal = try await call(context) { try runtime.openLink(token, now: now) }
            context.credential = .link
        } else if let cookie = request.cookies[Self.cookie]?.value,
                  let (p, csrf) = try await blocking(.read, { try runtime.session(cookie: cookie, now: wallClock()) }) {
            context.principal = p
            context.credential = .cookie(csrf: csrf)
        }
        if case .cookie(let csrf) = context.credential, ![.get, .head].contains(request.method) {
            if let origin = request.headers[.origin], origin != config.origin { throw APIError(AccessError.badOrigin(origin)) }
            // The pages' forms carry the token as a field, checked where the form is read (PageCall.form).
            if request.uri.path.hasPrefix("/api/") {
                guard let sent = request.headers[Self.csrfHeader], constantTimeEqual(sent.utf8, csrf.utf8) else { throw APIError(AccessError.csrf) }
            }
        }
        if let link = context.principal?.link { try Self.confine(request.uri.path, to: link) }
        return try await next(request, context)
    }

    /// A link opens its matter's API routes and /me; another matter reads as missing.
    static func confine(_ path: String, to link: SignedLink) throws {
        let parts = path.split(separator: "/").map(String.init)
        if parts == ["api", "v1", "me"] || parts == ["api", "v1", "openapi.yaml"] { return }
        if parts.count >= 4, parts[0...2] == ["api", "v1", "matters"] {
            guard parts[3] == link.matter else { throw APIError(.notFound, "no matter '\(parts[3])'") }
            return
        }
        throw APIError(.forbidden, "a link opens its own matter only: log in for the rest")
    }
}

/// Runs a runtime call off the event loop; its refusals become API errors
/// worded for the caller (a unit never hears of another unit).
func call<T: Sendable>(_ context: DubanContext, _ work: Work = .read, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    do { return try await blocking(work, body) } catch { throw APIError(error, unit: context.principal?.unit) }
}
