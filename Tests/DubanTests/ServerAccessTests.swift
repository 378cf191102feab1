import Foundation
import Testing

@Suite(.serialized)
struct ServerAccessTests {
    /// Callers of the matrix, in the order of each route's expected statuses.
    static let callers = ["anonymous", "office admin", "office viewer", "unit A", "unit B", "link for A's matter",
                          "expired link", "tampered link", "revoked link"]

    /// A route and the status each caller must get: a unit reaches its own
    /// matters only, another unit's reads as missing (404), a viewer reads
    /// but never acts (403), a link reaches its one matter, a bad link is 401.
    struct Route {
        var method: String
        var path: String
        var json: String?
        var expected: [Int]
    }

    static func routes(document: String) -> [Route] {
        [
            Route(method: "GET", path: "/api/v1/me", expected: [401, 200, 200, 200, 200, 200, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/units", expected: [401, 200, 200, 200, 200, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/board", expected: [401, 200, 200, 200, 200, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/matters", expected: [401, 200, 200, 200, 200, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/matters?unit=chengguan&finished=true", expected: [401, 200, 200, 200, 200, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/matters/1", expected: [401, 200, 200, 200, 404, 200, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/matters/3", expected: [401, 200, 200, 200, 404, 404, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/matters/1/attachments/1", expected: [401, 200, 200, 200, 404, 200, 401, 401, 401]),
            Route(method: "POST", path: "/api/v1/matters/1/events/nosuch", json: "{}", expected: [401, 409, 403, 409, 404, 403, 401, 401, 401]),
            Route(method: "POST", path: "/api/v1/matters/3/events/accept", json: "{}", expected: [401, 409, 403, 409, 404, 404, 401, 401, 401]),
            Route(method: "POST", path: "/api/v1/matters", json: #"{"workflow":"nosuch","inputs":{}}"#,
                  expected: [401, 422, 403, 403, 403, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/documents", expected: [401, 200, 200, 200, 200, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/documents/\(document)/md", expected: [401, 200, 200, 200, 404, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/documents/\(document)/docx", expected: [401, 200, 200, 200, 404, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/outbox", expected: [401, 200, 200, 403, 403, 403, 401, 401, 401]),
            Route(method: "POST", path: "/api/v1/outbox/1/retry", expected: [401, 200, 403, 403, 403, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/audit/verify", expected: [401, 200, 200, 403, 403, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/stream?after=0", expected: [401, 200, 200, 200, 200, 403, 401, 401, 401]),
            Route(method: "GET", path: "/api/v1/openapi.yaml", expected: [200, 200, 200, 200, 200, 200, 401, 401, 401]),
            Route(method: "GET", path: "/healthz", expected: [200, 200, 200, 200, 200, 200, 200, 200, 200]),
            Route(method: "GET", path: "/metrics", expected: [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ]
    }

    /// Every route answers each kind of caller as the access rules say; unit
    /// B's answers (the stream too) never carry unit A's identifiers; and
    /// every answer matches the OpenAPI document, as an independent
    /// validator (openapi-core) reads it.
    @Test(arguments: StoreKind.available) func authorizationMatrix(_ store: StoreKind) throws {
        let site = try ServerSite(store: store)
        try site.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营A", "--input", "deadline=2026-12-31"])
        try site.duban(["start", "rectification", "--input", "unit=gongan", "--input", "problem=乱停车B", "--input", "deadline=2026-12-31"])
        // Matter 3 is A's, long overdue: the tick issues a supervision order and a criticism about A.
        try site.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=油烟扰民A", "--input", "deadline=2026-10-09",
                        "--now", "2026-10-08T09:00"])
        try site.duban(["tick", "--now", "2026-10-20T10:00", "--catch-up"])
        // Matter 4's message was made on 1 October: its link has expired. Matter 5's link is revoked.
        try site.duban(["start", "rectification", "--input", "unit=jiaotong", "--input", "problem=占道施工", "--input", "deadline=2026-12-31",
                        "--now", "2026-10-01T09:00"])
        try site.duban(["start", "rectification", "--input", "unit=jiaotong", "--input", "problem=信号灯", "--input", "deadline=2026-12-31"])
        let links = try site.deliverLinks()
        try site.duban(["links", "revoke", "jiaotong"])
        let a = try site.login("wang.fang"), b = try site.login("zhang.wei")
        #expect(try site.request("POST", "/api/v1/matters/1/events/acknowledge", headers: a).status == 200)
        let report = try site.request("POST", "/api/v1/matters/1/events/report", headers: a, files: [("evidence", try site.png())])
        #expect(report.status == 200)
        let sha = ((report.json["attachments"] as? [[String: Any]])?.first?["sha256"] as? String) ?? "missing"
        let admin = try site.token("li.ming")
        let documents = try site.request("GET", "/api/v1/documents", headers: admin).json["documents"] as? [[String: Any]] ?? []
        let aboutA = documents.first { $0["unit"] as? String == "chengguan" }?["id"] as? Int
        #expect(aboutA != nil, "the tick issued no document about A")
        let linkA = try #require(links["1"]), signature = linkA.split(separator: ".")[1]
        let tampered = linkA.split(separator: ".")[0] + "." + (signature.first == "A" ? "B" : "A") + signature.dropFirst()
        let credentials: [[String: String]] = [
            [:], admin, try site.token("zhao.lei"), a, b, ["X-Duban-Link": linkA],
            ["X-Duban-Link": try #require(links["4"])], ["X-Duban-Link": String(tampered)], ["X-Duban-Link": try #require(links["5"])],
        ]
        var exchanges: [Exchange] = []
        for route in Self.routes(document: String(aboutA ?? 0)) {
            for (i, caller) in Self.callers.enumerated() {
                let r = try site.request(route.method, route.path, headers: credentials[i], json: route.json,
                                         maxTime: route.path.contains("stream") ? 0.8 : 20)
                #expect(r.status == route.expected[i], "\(route.method) \(route.path) as \(caller): \(r.status) \(r.text.prefix(200))")
                exchanges.append(r)
                if caller == "unit B" {
                    for secret in ["chengguan", "区城市管理委员会", "占道经营A", "油烟扰民A", "wang.fang", sha] {
                        #expect(!r.text.contains(secret), "\(route.method) \(route.path) told unit B about '\(secret)'")
                    }
                }
            }
        }
        let recorded = exchanges.map { x -> [String: Any] in
            let parts = x.path.split(separator: "?", maxSplits: 1)
            let query = parts.count > 1 ? Dictionary(parts[1].split(separator: "&").map {
                let kv = $0.split(separator: "=", maxSplits: 1)
                return (String(kv[0]), kv.count > 1 ? String(kv[1]) : "")
            }) { a, _ in a } : [:]
            let type = x.headers["content-type"] ?? ""
            let textual = ["json", "yaml", "event-stream"].contains { type.contains($0) }
            return ["method": x.method, "path": String(parts[0]), "query": query, "status": x.status, "content_type": type,
                    "body": textual ? x.text : ""]
        }
        let file = site.folder.appendingPathComponent("exchanges.json")
        try JSONSerialization.data(withJSONObject: recorded).write(to: file)
        let check = try python(["Tests/DubanTests/Oracles/openapi_check.py", "docs/api/openapi.yaml", file.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
