import Foundation
import Testing
import ZIPFoundation

@Suite(.serialized)
struct ServerBehaviourTests {
    /// A state change made with a session cookie needs the session's CSRF
    /// token and, when the browser sends one, the server's own Origin; a
    /// refused change leaves the matter as it was.
    @Test func csrfAndOrigin() throws {
        let site = try ServerSite()
        try site.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--input", "deadline=2026-12-31"])
        let a = try site.login("wang.fang")
        let cookieOnly = ["Cookie": a["Cookie"]!]
        let noToken = try site.request("POST", "/api/v1/matters/1/events/acknowledge", headers: cookieOnly)
        #expect(noToken.status == 403 && noToken.text.contains("CSRF"))
        var wrongToken = a
        wrongToken["X-CSRF-Token"] = "forged"
        #expect(try site.request("POST", "/api/v1/matters/1/events/acknowledge", headers: wrongToken).status == 403)
        var otherSite = a
        otherSite["Origin"] = "https://evil.example"
        #expect(try site.request("POST", "/api/v1/matters/1/events/acknowledge", headers: otherSite).status == 403)
        #expect(try site.request("GET", "/api/v1/matters/1", headers: a).json["matter"].flatMap { ($0 as? [String: Any])?["state"] as? String } == "assigned")
        var sameSite = a
        sameSite["Origin"] = site.base
        #expect(try site.request("POST", "/api/v1/matters/1/events/acknowledge", headers: sameSite).status == 200)
        // After logout the cookie opens nothing.
        #expect(try site.request("POST", "/api/v1/logout", headers: a).status == 204)
        #expect(try site.request("GET", "/api/v1/me", headers: a).status == 401)
    }

    /// Five wrong passwords lock the account for a while (429 with
    /// Retry-After), even for the right password; another account from the
    /// same address still logs in; a reset clears the lock.
    @Test(arguments: StoreKind.available) func loginThrottle(_ store: StoreKind) throws {
        let site = try ServerSite(store: store)
        for _ in 0..<5 {
            let r = try site.request("POST", "/api/v1/login", json: #"{"name":"wang.fang","password":"wrong password!"}"#)
            #expect(r.status == 401 && r.text.contains("wrong account name or password"))
        }
        let locked = try site.request("POST", "/api/v1/login", json: "{\"name\":\"wang.fang\",\"password\":\"\(ServerSite.passwords["wang.fang"]!)\"}")
        #expect(locked.status == 429 && locked.headers["retry-after"] != nil)
        #expect(locked.headers["set-cookie"] == nil)
        #expect(try site.login("zhang.wei")["Cookie"] != nil)
        // An unknown name is answered exactly as a wrong password.
        let unknown = try site.request("POST", "/api/v1/login", json: #"{"name":"nobody","password":"wrong password!"}"#)
        let wrong = try site.request("POST", "/api/v1/login", json: #"{"name":"zhang.wei","password":"wrong password!"}"#)
        #expect(unknown.status == 401 && unknown.text == wrong.text)
        try site.duban(["user", "reset", "wang.fang"], input: "a-new-pass-2026\n")
        let after = try site.request("POST", "/api/v1/login", json: #"{"name":"wang.fang","password":"a-new-pass-2026"}"#)
        #expect(after.status == 200)
    }

    /// A session is kept in the database: it still works after the server
    /// restarts, and ends when the account is disabled.
    @Test(arguments: StoreKind.available) func sessionSurvivesRestart(_ store: StoreKind) throws {
        let site = try ServerSite(store: store)
        let a = try site.login("wang.fang")
        #expect(site.stop() == 0)
        try site.start()
        let me = try site.request("GET", "/api/v1/me", headers: a)
        #expect(me.status == 200 && me.json["unit"] as? String == "chengguan")
        try site.duban(["user", "disable", "wang.fang"])
        #expect(try site.request("GET", "/api/v1/me", headers: a).status == 401)
    }

    /// The stream sends a change after a signal, with the audit sequence as
    /// its id; `Last-Event-ID` resumes after an id without repeating it; a
    /// stream without one starts from now.
    @Test func streamResumes() throws {
        let site = try ServerSite()
        try site.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--input", "deadline=2026-12-31"])
        let a = try site.login("wang.fang")
        func ids(_ text: String) -> [Int] { text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.compactMap { Int($0.dropFirst(4)) } }
        #expect(try site.request("POST", "/api/v1/matters/1/events/acknowledge", headers: a).status == 200)
        var afterStart = a
        afterStart["Last-Event-ID"] = "1"
        let text = try site.stream("/api/v1/stream", headers: afterStart).read { $0.contains("\"trigger\":\"acknowledge\"") }
        #expect(text.contains("\"trigger\":\"acknowledge\""), "\(text)")
        #expect(ids(text) == [2])
        // Live: a stream open before the signal receives it.
        var resume = a
        resume["Last-Event-ID"] = "2"
        let live = try site.stream("/api/v1/stream", headers: resume)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try site.request("POST", "/api/v1/matters/1/events/report", headers: a).status == 200)
        let resumed = live.read { ids($0).contains(3) }
        #expect(ids(resumed) == [3] && resumed.contains("\"trigger\":\"report\""), "\(resumed)")
        let fromNow = try site.request("GET", "/api/v1/stream", headers: a, maxTime: 1).text
        #expect(ids(fromNow).isEmpty, "a stream without Last-Event-ID starts from now: \(fromNow)")
        var bad = a
        bad["Last-Event-ID"] = "yesterday"
        #expect(try site.request("GET", "/api/v1/stream", headers: bad).status == 400)
    }

    /// Evidence: a 10 MB limit per file (413), JPEG/PNG/PDF told by content
    /// so an HTML file named .jpg is refused (422), a per-matter limit; a
    /// refused upload changes nothing and leaves no file; a kept file is
    /// served only as a download, with its hash in the audit trail and the
    /// archive.
    @Test(arguments: StoreKind.available) func evidenceUploads(_ store: StoreKind) throws {
        let site = try ServerSite(store: store)
        try site.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--input", "deadline=2026-12-31"])
        let a = try site.login("wang.fang")
        #expect(try site.request("POST", "/api/v1/matters/1/events/acknowledge", headers: a).status == 200)
        let html = try site.file("before.jpg", Data("<html><script>alert(1)</script></html>".utf8))
        let renamed = try site.request("POST", "/api/v1/matters/1/events/report", headers: a, files: [("evidence", html)])
        #expect(renamed.status == 422 && renamed.text.contains("not a JPEG, PNG or PDF"))
        let big = try site.file("big.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 10 << 20)))
        let tooBig = try site.request("POST", "/api/v1/matters/1/events/report", headers: a, files: [("evidence", big)])
        #expect(tooBig.status == 413)
        let nine = try site.file("nine.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 1, count: 9 << 20)))
        let many = (0..<6).map { _ in ("evidence", nine) }
        // Six files of 9 MB are over the 50 MB a matter holds, even as one file kept six times.
        #expect(try site.request("POST", "/api/v1/matters/1/events/report", headers: a, files: many).status == 413)
        let evidence = site.site.appendingPathComponent("duban.sqlite.evidence")
        let files = (FileManager.default.enumerator(atPath: evidence.path)?.allObjects as? [String] ?? []).filter { $0.contains(".") }
        #expect(files.isEmpty, "refused uploads left \(files)")
        let matter = try site.request("GET", "/api/v1/matters/1", headers: a).json
        #expect((matter["matter"] as? [String: Any])?["state"] as? String == "rectifying")
        let pdf = try site.file("整改报告.pdf", Data("%PDF-1.4\n%%EOF\n".utf8))
        let ok = try site.request("POST", "/api/v1/matters/1/events/report", headers: a, files: [("evidence", try site.png()), ("evidence", pdf)])
        #expect(ok.status == 200)
        let attachments = ok.json["attachments"] as? [[String: Any]] ?? []
        #expect(attachments.map { $0["media_type"] as? String } == ["image/png", "application/pdf"])
        let download = try site.request("GET", "/api/v1/matters/1/attachments/\(attachments[1]["id"] as? Int ?? 0)", headers: a)
        #expect(download.headers["content-disposition"]?.hasPrefix("attachment;") == true)
        #expect(download.headers["x-content-type-options"] == "nosniff" && download.body == Data("%PDF-1.4\n%%EOF\n".utf8))
        let history = ok.json["history"] as? [[String: Any]] ?? []
        #expect((history.last?["files"] as? [String]) == attachments.map { $0["sha256"] as? String ?? "" })
        #expect(history.last?["person"] as? String == "wang.fang")
        try site.duban(["archive", "--out", "campaign.zip"])
        let zip = try Archive(url: site.site.appendingPathComponent("campaign.zip"), accessMode: .read)
        let paths = zip.map(\.path)
        #expect(paths.contains { $0.hasPrefix("evidence/1/") && $0.hasSuffix("整改报告.pdf") }, "\(paths)")
        #expect(paths.contains("evidence/index.csv"))
    }
}
