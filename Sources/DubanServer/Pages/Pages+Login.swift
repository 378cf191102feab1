import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

struct LoginBody: Sendable {
    var next: String
    var name: String
}

extension API {
    func addLoginPages(_ router: Router<DubanContext>) {
        page(router, .get, "/login") { visit in
            await render(visit, "login", title: visit.language("login"), body: LoginBody(next: Self.safeNext(visit.request), name: ""))
        }
        page(router, .post, "/login") { visit in
            if let origin = visit.request.headers[.origin], origin != config.origin { throw APIError(AccessError.badOrigin(origin)) }
            let form = try await PageForm(visit.request, maxBody: 1 << 16)
            let name = form.fields["name"] ?? "", password = form.fields["password"] ?? ""
            let (runtime, now, address) = (self.runtime, wallClock(), visit.context.address)
            do {
                let opened = try await blocking(.write) { try runtime.login(name, password: password, address: address, now: now) }
                var response = Self.redirect(Self.safeNext(visit.request, form.fields["next"]))
                response.setCookie(Cookie(name: Authenticator.cookie, value: opened.cookie, maxAge: Int(Runtime.sessionLifetime),
                                          path: "/", secure: config.secureCookies, httpOnly: true, sameSite: .lax))
                return response
            } catch let error as AccessError {
                let message = if case .throttled = error { APIError(error).message } else { visit.language("login_failed") }
                return await render(visit, "login", title: visit.language("login"),
                                    body: LoginBody(next: Self.safeNext(visit.request, form.fields["next"]), name: name),
                                    error: message, status: APIError(error).status)
            }
        }
        page(router, .post, "/logout") { visit in
            _ = try await visit.form(maxBody: 1 << 16)
            if let cookie = visit.request.cookies[Authenticator.cookie]?.value {
                let runtime = self.runtime
                try await blocking(.write) { try runtime.logout(cookie: cookie) }
            }
            var response = Self.redirect("/login")
            response.setCookie(Cookie(name: Authenticator.cookie, value: "", maxAge: 0, path: "/", secure: config.secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        page(router, .get, "/password") { visit in
            _ = try visit.signedIn()
            return await render(visit, "password", title: visit.language("password"), body: [String: String]())
        }
        page(router, .post, "/password") { visit in
            let p = try visit.signedIn()
            let form = try await visit.form(maxBody: 1 << 16)
            let (current, new) = (form.fields["current"] ?? "", form.fields["new"] ?? "")
            guard new == form.fields["repeat"] else {
                return await render(visit, "password", title: visit.language("password"), body: [String: String](),
                                    error: visit.language("password_mismatch"), status: .unprocessableContent)
            }
            let (runtime, now, address, name) = (self.runtime, wallClock(), visit.context.address, p.person)
            do {
                // The current password is asked for again, through the login's throttle.
                _ = try await blocking(.write) { try runtime.login(name, password: current, address: address, now: now) }
                try await blocking(.write) { try runtime.resetPassword(name, to: new) }
            } catch let error as AccessError {
                let message = if case .loginFailed = error { visit.language("login_failed") } else { APIError(error).message }
                return await render(visit, "password", title: visit.language("password"), body: [String: String](),
                                    error: message, status: APIError(error).status)
            }
            return await render(visit, "login", title: visit.language("login"), body: LoginBody(next: "/", name: name),
                                notice: visit.language("password_changed"))
        }
    }

    /// Where to go after logging in: a path on this server only.
    static func safeNext(_ request: Request, _ given: String? = nil) -> String {
        let next = given ?? request.uri.queryParameters.get("next").map { String($0) } ?? "/"
        return next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") ? next : "/"
    }
}
