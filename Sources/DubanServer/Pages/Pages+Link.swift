import DubanEngine
import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

/// The page a unit's signed link opens. Opening it changes nothing (chat
/// and mail scanners open links); only its buttons, which POST, act, only
/// on that matter for that unit, and only once: each form carries the
/// matter's last audit row, so a second tap finds the matter moved on.
extension API {
    func addLinkPages(_ router: Router<DubanContext>) {
        page(router, .get, "/l/:token") { visit in
            let (visit, link) = try await opened(visit)
            let token = try visit.context.parameters.require("token")
            let done = visit.request.uri.queryParameters.get("done").map { visit.language.fill("link_done", visit.language.event(String($0))) }
            return try await matterPage(visit, link.matter, action: { "/l/\(token)/events/\($0)" }, template: "link", notice: done)
        }
        page(router, .post, "/l/:token/events/:event") { visit in
            let (visit, link) = try await opened(visit)
            let (token, name) = (try visit.context.parameters.require("token"), try visit.context.parameters.require("event"))
            guard link.events.contains(name) else { throw APIError(AccessError.badLink(.eventNotAllowed)) }
            let p = try visit.signedIn()
            let form = try await PageForm(visit.request, maxBody: config.maxBody)
            if let refused = try await send(visit, link.matter, name, by: p, form, action: { "/l/\(token)/events/\($0)" }, template: "link") {
                return refused
            }
            return Self.redirect("/l/\(token)?done=\(name)")
        }
    }

    /// The visit with the link's principal, or the link's refusal as a page.
    func opened(_ visit: PageCall) async throws -> (PageCall, SignedLink) {
        let token = try visit.context.parameters.require("token")
        var context = visit.context
        context.principal = try await call(context) { [runtime, clock] in try runtime.openLink(token, now: clock()) }
        context.credential = .link
        guard let link = context.principal?.link else { throw APIError(AccessError.badLink(.malformed)) }
        return (PageCall(request: visit.request, context: context, language: visit.language), link)
    }
}
