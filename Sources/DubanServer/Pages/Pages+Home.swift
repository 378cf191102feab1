import DubanModel
import DubanRuntime
import Foundation
import HTTPTypes
import Hummingbird

/// A unit's home: its running matters, most urgent first, and what came
/// since the last visit (kept per browser in a cookie).
struct HomeView: Sendable {
    var matters: [MatterLine]
    var news: [TimelineItem]
    var hasMatters: Bool
    var hasNews: Bool
}

extension API {
    static let seenCookie = "duban_seen"

    func addHomePage(_ router: Router<DubanContext>) {
        page(router, .get, "/home") { visit in
            let p = try visit.signedIn()
            let (runtime, now, l) = (self.runtime, clock(), visit.language)
            let last = visit.request.cookies[Self.seenCookie].flatMap { Int64($0.value) }
            let (body, through) = try await call(visit.context) { () throws -> (HomeView, Int64) in
                let defs = try runtime.definitions()
                let matters = try runtime.matters(MatterQuery(), as: p.viewer, now: now).matters.sorted { $0.urgency < $1.urgency }
                let timeline = Timeline(language: l, defs: defs)
                var news: [TimelineItem] = []
                let through: Int64
                if let last {
                    let (entries, upTo) = try runtime.changes(after: last, as: p.viewer, limit: 1000)
                    let byID = Dictionary(uniqueKeysWithValues: matters.map { ($0.id, $0.instance) })
                    news = entries.suffix(50).reversed().map { h in
                        let w = h.instance.flatMap { byID[$0] }.flatMap { defs.workflow($0.workflow, version: $0.version) }
                        return timeline.item(h, workflow: w, withMatter: true)
                    }
                    through = upTo
                } else {
                    through = try runtime.auditHead()
                }
                let lines = matters.map { MatterLine($0, actor: p.actor, defs: defs, now: now, call: visit) }
                return (HomeView(matters: lines, news: news, hasMatters: !lines.isEmpty, hasNews: !news.isEmpty), through)
            }
            var response = await render(visit, "home", title: l("home"), body: body)
            // Live refreshes leave the mark where the page was first opened.
            if visit.request.headers[HTTPField.Name("X-Duban-Partial")!] == nil {
                response.setCookie(Cookie(name: Self.seenCookie, value: String(through), maxAge: 365 * 86400, path: "/home",
                                          secure: config.secureCookies, httpOnly: true, sameSite: .lax))
            }
            return response
        }
    }
}
