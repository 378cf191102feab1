import Foundation
import Testing

/// Every page route against every kind of caller, as the authorization
/// matrix does for the API: a unit reaches its own matters only, another
/// unit's reads as missing, a viewer reads but never acts, the office's
/// pages are the office's, an API token opens no page, and unit B's pages
/// never carry unit A's identifiers.
@Suite(.serialized)
struct ServerPageMatrixTests {
    /// The callers, in the order of each route's expected statuses.
    static let callers = ["anonymous", "office admin", "office viewer", "unit A", "unit B", "API token"]

    struct Route {
        var method: String
        var path: String
        var fields: [String: String] = [:]
        var expected: [Int]
    }

    static let routes: [Route] = [
        Route(method: "GET", path: "/", expected: [303, 303, 303, 303, 303, 303]),
        Route(method: "GET", path: "/login", expected: [200, 200, 200, 200, 200, 200]),
        Route(method: "GET", path: "/assets/duban.css", expected: [200, 200, 200, 200, 200, 200]),
        Route(method: "GET", path: "/password", expected: [303, 200, 200, 200, 200, 303]),
        Route(method: "GET", path: "/board", expected: [303, 200, 200, 200, 200, 303]),
        Route(method: "GET", path: "/home", expected: [303, 200, 200, 200, 200, 303]),
        Route(method: "GET", path: "/matters/1", expected: [303, 200, 200, 200, 404, 303]),
        Route(method: "GET", path: "/matters/1/draft?kind=supervision-order", expected: [303, 200, 200, 403, 403, 303]),
        Route(method: "GET", path: "/office", expected: [303, 200, 403, 403, 403, 303]),
        Route(method: "GET", path: "/office/review", expected: [303, 200, 200, 403, 403, 303]),
        Route(method: "GET", path: "/office/outbox", expected: [303, 200, 200, 403, 403, 303]),
        Route(method: "GET", path: "/office/ledger", expected: [303, 200, 200, 403, 403, 303]),
        Route(method: "GET", path: "/office/documents", expected: [303, 200, 200, 403, 403, 303]),
        Route(method: "GET", path: "/office/policy", expected: [303, 200, 200, 403, 403, 303]),
        Route(method: "POST", path: "/matters/1/events/nosuch", fields: ["_seen": "0"], expected: [401, 409, 403, 409, 404, 401]),
        Route(method: "POST", path: "/matters/1/documents", fields: ["kind": "nosuch"], expected: [401, 422, 403, 403, 403, 401]),
        Route(method: "POST", path: "/office/assign", fields: ["_workflow": "nosuch"], expected: [401, 422, 403, 403, 403, 401]),
        Route(method: "POST", path: "/office/import", fields: ["_workflow": "rectification", "_csv": "unit\n"],
              expected: [401, 422, 403, 403, 403, 401]),
        Route(method: "POST", path: "/office/outbox/1/retry", expected: [401, 200, 403, 403, 403, 401]),
        Route(method: "POST", path: "/password", fields: ["current": "x", "new": "a-new-pass-2026", "repeat": "another-2026"],
              expected: [401, 422, 422, 422, 422, 401]),
    ]

    /// The page as each caller gets it; unit B's pages are read for A's identifiers.
    @Test func pageMatrix() throws {
        let site = try ServerSite()
        try site.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营A", "--input", "deadline=2026-12-31"])
        try site.duban(["start", "rectification", "--input", "unit=gongan", "--input", "problem=乱停车B", "--input", "deadline=2026-12-31"])
        try site.duban(["signal", "1", "acknowledge", "--actor", "chengguan"])
        let sessions = try ["li.ming", "zhao.lei", "wang.fang", "zhang.wei"].map { try site.login($0) }
        // A page form carries its session's token as a field; the API's header is not sent.
        let credentials: [[String: String]] = [[:]] + sessions.map { ["Cookie": $0["Cookie"]!] } + [try site.token("li.ming")]
        let tokens = [""] + sessions.map { $0["X-CSRF-Token"]! } + [""]
        for route in Self.routes {
            for (i, caller) in Self.callers.enumerated() {
                var fields = route.fields
                if route.method == "POST" { fields["_csrf"] = tokens[i] }
                let r = try site.request(route.method, route.path, headers: credentials[i], fields: fields)
                #expect(r.status == route.expected[i], "\(route.method) \(route.path) as \(caller): \(r.status) \(r.text.prefix(300))")
                if r.status == 303, caller == "anonymous" || caller == "API token" {
                    #expect(r.headers["location"]?.hasPrefix("/login") == true, "\(route.path) as \(caller) went to \(r.headers["location"] ?? "")")
                }
                if caller == "unit B" {
                    // The ranking names every unit (a monthly circular publishes it); nothing else of A's shows.
                    var secrets = ["chengguan", "占道经营A", "wang.fang", "/matters/1\""]
                    if route.path != "/board" { secrets.append("区城市管理委员会") }
                    for secret in secrets {
                        #expect(!r.text.contains(secret), "\(route.method) \(route.path) told unit B about '\(secret)'")
                    }
                }
            }
        }
        #expect(try site.duban(["show", "1"]).stdout.contains("state rectifying"), "a refused form changed the matter")
    }
}
