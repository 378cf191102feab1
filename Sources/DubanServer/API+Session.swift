import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

struct LoginRequest: Decodable {
    var name: String
    var password: String
}

extension API {
    func addSessionRoutes(_ v1: RouterGroup<DubanContext>) {
        v1.post("login") { request, context -> Response in
            let body = try await API.decode(LoginRequest.self, request, context)
            if let origin = request.headers[.origin], origin != config.origin { throw APIError(AccessError.badOrigin(origin)) }
            let (runtime, now, address) = (self.runtime, wallClock(), context.address)
            let opened = try await call(context, .write) { try runtime.login(body.name, password: body.password, address: address, now: now) }
            var response = try await me(opened.principal, csrf: opened.csrf, context).response(from: request, context: context)
            response.setCookie(Cookie(name: Authenticator.cookie, value: opened.cookie, maxAge: Int(Runtime.sessionLifetime),
                                      path: "/", secure: config.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
        v1.post("logout") { request, context -> Response in
            if let cookie = request.cookies[Authenticator.cookie]?.value {
                let runtime = self.runtime
                try await call(context, .write) { try runtime.logout(cookie: cookie) }
            }
            var response = Response(status: .noContent)
            response.setCookie(Cookie(name: Authenticator.cookie, value: "", maxAge: 0, path: "/", secure: config.secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        v1.get("me") { _, context -> MeBody in
            let p = try context.signedIn()
            if case .cookie(let csrf) = context.credential { return try await me(p, csrf: csrf, context) }
            return try await me(p, csrf: nil, context)
        }
    }

    func me(_ p: Principal, csrf: String?, _ context: DubanContext) async throws -> MeBody {
        let runtime = self.runtime
        let name = try await call(context) { try p.unit.flatMap { try runtime.definitions().project.units?.unit($0)?.name } }
        return MeBody(name: p.person, role: p.role.rawValue, unit: p.unit, unitName: name, csrfToken: csrf)
    }
}
