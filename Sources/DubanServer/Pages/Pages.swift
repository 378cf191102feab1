import DubanChannels
import DubanModel
import DubanRuntime
import Foundation
import HTTPTypes
import Hummingbird

/// One page request: the language, who asks, and the session's CSRF token.
struct PageCall: Sendable {
    let request: Request
    let context: DubanContext
    let language: PageLanguage

    var principal: Principal? { context.principal }
    var csrf: String {
        if case .cookie(let csrf) = context.credential { return csrf }
        return ""
    }

    /// The person signed in with a session (or opening a signed link), or
    /// 401, which sends them to the login page.
    func signedIn() throws -> Principal {
        switch context.credential {
        case .cookie, .link: if let p = context.principal { return p }
        case .none, .token: break
        }
        throw APIError(.unauthorized, "not signed in")
    }

    /// A page form, after its CSRF token is checked.
    func form(maxBody: Int) async throws -> PageForm {
        let form = try await PageForm(request, maxBody: maxBody)
        guard let sent = form.fields[PageForm.csrfField], !csrf.isEmpty, constantTimeEqual(sent.utf8, csrf.utf8) else {
            throw APIError(AccessError.csrf)
        }
        return form
    }
}

extension API {
    func addPages(_ router: Router<DubanContext>) {
        router.get("assets/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let text = WebAssets.assets[name] else { throw APIError.notFound("such file") }
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300",
                                                   HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        page(router, .get, "/") { visit in
            let p = try visit.signedIn()
            return Self.redirect(p.isOffice ? "/board" : "/home")
        }
        addLoginPages(router)
        addBoardPage(router)
        addHomePage(router)
        addMatterPages(router)
        addOfficePages(router)
        addOfficeRecordPages(router)
        addLinkPages(router)
    }

    /// Adds a page route. A refusal is shown as a page in the reader's
    /// language with its status; a reader not signed in goes to the login page.
    func page(_ router: Router<DubanContext>, _ method: HTTPRequest.Method, _ path: RouterPath,
              _ handler: @escaping @Sendable (PageCall) async throws -> Response) {
        router.on(path, method: method) { request, context -> Response in
            let visit = PageCall(request: request, context: context, language: PageLanguage(request))
            do {
                return Self.remembering(visit, try await handler(visit))
            } catch {
                let api = APIError(error, unit: context.principal?.unit)
                let isLink: Bool = if case AccessError.badLink = api.cause ?? error { true } else { false }
                if api.status == .unauthorized && request.method == .get && !isLink {
                    let next = request.uri.path == "/" ? "" : "?next=" + percentEncode(request.uri.description)
                    return Self.redirect("/login" + next)
                }
                return Self.remembering(visit, await self.render(visit, "message", title: visit.language("error"), body: [String: String](),
                                                          error: Self.pageMessage(error, api, visit), status: api.status))
            }
        }
    }

    /// A refusal in the reader's words; messages a clerk acts on come from the runtime as they are.
    static func pageMessage(_ error: any Error, _ api: APIError, _ visit: PageCall) -> String {
        switch api.cause ?? error {
        case RuntimeError.changedSince: return visit.language("changed")
        case AccessError.csrf, AccessError.badOrigin: return visit.language("csrf")
        case AccessError.readOnly, AccessError.officeOnly: return visit.language("forbidden")
        case AccessError.badLink(let problem) where problem != .eventNotAllowed: return visit.language("link_expired")
        default: break
        }
        // The engine's and runtime's own words stay, after the reader's, for the detail.
        switch api.status {
        case .notFound: return visit.language("not_found")
        case .unauthorized: return visit.language("login_failed")
        case .conflict: return visit.language("refused") + "\n" + api.message
        case .unprocessableContent, .contentTooLarge: return visit.language("invalid") + "\n" + api.message
        default: return api.message
        }
    }

    /// A page: the frame around the named template's part.
    func render<Body: Sendable>(_ visit: PageCall, _ template: String, title: String, body: Body, notice: String? = nil,
                                error: String? = nil, status: HTTPResponse.Status = .ok) async -> Response {
        let l = visit.language
        var user: PageFrame<Body>.Person?
        var nav: [PageFrame<Body>.Link] = []
        if case .cookie = visit.context.credential, let p = visit.principal {
            let runtime = self.runtime
            let unitName = try? await blocking(.read) { try p.unit.flatMap { try runtime.definitions().project.units?.unit($0)?.name } }
            user = .init(name: p.person, unitName: unitName ?? nil)
            let items: [(String, String)] = switch p.role {
            case .admin: [("/board", "board"), ("/office", "office"), ("/office/review", "review"), ("/office/documents", "documents"),
                          ("/office/outbox", "outbox"), ("/office/ledger", "ledger"), ("/office/policy", "policy")]
            case .viewer: [("/board", "board"), ("/office/documents", "documents"), ("/office/ledger", "ledger"), ("/office/policy", "policy")]
            case .unit: [("/home", "home"), ("/board", "board")]
            }
            nav = (items + [("/password", "password")]).map { .init(href: $0.0, label: l($0.1), current: visit.request.uri.path == $0.0) }
        }
        let other = PageLanguage.allCases.first { $0 != l }!
        let frame = PageFrame(lang: l.tag, t: l.words, title: title, user: user, csrf: visit.csrf, nav: nav,
                              otherLanguage: .init(href: "?lang=\(other.rawValue)", label: l("other_language")),
                              notice: notice, error: error, body: body)
        return Self.html(PageRenderer.render(template, frame), status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
            HTTPField.Name("Content-Security-Policy")!: "default-src 'self'; img-src 'self' data:; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'",
        ], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303: after a form acts, the browser asks for the page anew, so a reload does not send the form again.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// `?lang=` is kept in a cookie for the next pages.
    static func remembering(_ visit: PageCall, _ response: Response) -> Response {
        guard let asked = visit.request.uri.queryParameters.get("lang"), PageLanguage(rawValue: String(asked)) != nil else { return response }
        var r = response
        r.setCookie(Cookie(name: PageLanguage.cookie, value: String(asked), maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .lax))
        return r
    }
}
