import Foundation
import Testing

@Suite(.serialized)
struct ServerLinkTests {
    /// The link in a unit's message opens its matter without changing it
    /// (scanners open links); only the page's POST acts, only with the
    /// events the link allows, and the audit trail names the link. A
    /// tampered or revoked link opens nothing, and text is escaped.
    @Test func linkPage() throws {
        let site = try ServerSite()
        try site.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=<script>alert(1)</script>",
                        "--input", "deadline=2026-12-31"])
        let links = try site.deliverLinks()
        let token = try #require(links["1"])
        let admin = try site.token("li.ming")
        func state() throws -> String? {
            (try site.request("GET", "/api/v1/matters/1", headers: admin).json["matter"] as? [String: Any])?["state"] as? String
        }
        let page = try site.request("GET", "/l/\(token)")
        #expect(page.status == 200 && page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("action=\"/l/\(token)/events/acknowledge\"") && page.text.contains("method=\"post\""))
        #expect(!page.text.contains("<script>") && page.text.contains("&lt;script&gt;"))
        #expect(try state() == "assigned", "opening the link must not act")
        #expect(try site.request("POST", "/l/\(token)/events/accept").status == 403)
        let done = try site.request("POST", "/l/\(token)/events/acknowledge")
        #expect(done.status == 303 && done.headers["location"] == "/l/\(token)?done=acknowledge")
        #expect(try site.request("GET", "/l/\(token)?done=acknowledge").text.contains("已办理：签收"))
        #expect(try state() == "rectifying")
        let history = try site.request("GET", "/api/v1/matters/1", headers: admin).json["history"] as? [[String: Any]] ?? []
        #expect(history.last?["person"] as? String == "link" && history.last?["actor"] as? String == "chengguan")
        let tampered = String(token.dropLast(3)) + (token.hasSuffix("AAA") ? "BBB" : "AAA")
        #expect(try site.request("GET", "/l/\(tampered)").status == 401)
        try site.duban(["links", "revoke", "chengguan"])
        let revoked = try site.request("POST", "/l/\(token)/events/report")
        #expect(revoked.status == 401 && revoked.text.contains("链接已失效"))
        #expect(try state() == "rectifying")
    }
}

@Suite(.serialized)
struct ServerTickerTests {
    /// The in-process ticker fires what is due alongside a cron tick; a
    /// SIGTERM in the middle ends the batch in hand and exits 0; the next
    /// tick fires the rest: every overdue matter gets exactly one reminder,
    /// and the audit trail verifies.
    @Test func sigtermDuringTickLosesNothing() throws {
        let site = try ServerSite()
        _ = site.stop()
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        func day(_ offset: Int) -> String {
            let f = DateFormatter()
            f.timeZone = zone
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
        }
        let count = 3000
        let csv = "unit,problem,deadline\n" + (0..<count).map { "\(["chengguan", "gongan", "jiaotong"][$0 % 3]),问题\($0),\(day(-6))" }.joined(separator: "\n")
        let file = try site.file("matters.csv", Data(csv.utf8))
        try site.duban(["start", "rectification", "--inputs", file.path, "--now", day(-10) + "T09:00"])
        try site.start(tickEvery: "1s")
        // A cron tick overlaps the server's first one.
        let cron = DispatchGroup()
        DispatchQueue.global().async(group: cron) { _ = try? Binary.run(["tick"], in: site.site) }
        Thread.sleep(forTimeInterval: 0.3)
        // The batch in hand may wait on the cron tick's 2,000-timer transaction: on a loaded CI machine
        // that has taken over 15 s. systemd gives a service 90 s to stop.
        #expect(site.stop(within: 60) == 0)
        cron.wait()
        try site.duban(["tick"])
        // Each matter's messages as (recipient, template, time due): a timer
        // fired twice would repeat one, a lost one would make a matter's list short.
        let rows = try site.duban(["outbox"]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ") }
        let perMatter = Dictionary(grouping: rows) { String($0[6]) }.mapValues { $0.map { "\($0[4]) \($0[5]) \($0[1]) \($0[2])" }.sorted() }
        #expect(perMatter.count == count, "\(perMatter.count) of \(count) overdue matters have messages")
        #expect(perMatter.values.allSatisfy { Set($0).count == $0.count }, "a timer fired twice")
        #expect(Set(perMatter.values.map(\.count)).count == 1, "matters got unequal messages: \(Set(perMatter.values.map(\.count)))")
        #expect(perMatter.values.allSatisfy { $0.contains { $0.contains(" reminder ") } })
        let audit = try site.duban(["audit", "verify"])
        #expect(audit.stdout.contains("intact"), "\(audit.stdout)")
        let log = try String(contentsOf: site.log, encoding: .utf8)
        #expect(!log.contains("tick failed"), "\(log)")
    }
}
