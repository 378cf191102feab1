import Foundation
import Testing

/// The pages over HTTP (curl), where a browser is not needed to see the
/// rule: who is sent to the login page, what a unit may not see or do,
/// forms that act once and need the session's token, the CSV preview.
@Suite(.serialized) struct ServerPageTests {
    func start(_ site: ServerSite, unit: String = "chengguan", problem: String = "占道经营") throws -> String {
        let out = try site.duban(["start", "rectification", "--input", "unit=\(unit)", "--input", "problem=\(problem)",
                                  "--input", "deadline=2026-12-31"])
        return out.stdout.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The CSRF token a page form carries, read from the page as a browser would.
    func csrf(_ page: Exchange) -> String {
        guard let r = page.text.range(of: #"name="_csrf" value=""#) else { return "" }
        return String(page.text[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Anonymous readers are sent to the login page with the page to come
    /// back to; a unit's account may not open the office's pages; a
    /// viewer's sees them but has no forms that act.
    @Test func whoMayOpenWhat() throws {
        let site = try ServerSite()
        let anonymous = try site.request("GET", "/board?unit=gongan")
        #expect(anonymous.status == 303 && anonymous.headers["location"] == "/login?next=%2Fboard%3Funit%3Dgongan")
        let unit = try site.login("wang.fang")
        for path in ["/office", "/office/review", "/office/outbox", "/office/ledger", "/office/documents", "/office/policy"] {
            #expect(try site.request("GET", path, headers: unit).status == 403, "\(path)")
        }
        let viewer = try site.login("zhao.lei")
        #expect(try site.request("GET", "/office/ledger", headers: viewer).status == 200)
        #expect(try site.request("GET", "/office", headers: viewer).status == 403)
        let id = try start(site)
        let page = try site.request("GET", "/matters/\(id)", headers: viewer)
        #expect(page.status == 200 && !page.text.contains(#"class="card event""#), "a viewer is offered no action")
        let refused = try site.request("POST", "/matters/\(id)/events/cancel", headers: viewer, fields: ["_csrf": csrf(page)])
        #expect(refused.status == 403)
        #expect(try site.duban(["show", id]).stdout.contains("state assigned"))
    }

    /// Another unit's matter answers exactly as a missing one: same status,
    /// same page; its events refuse the same way, and nothing changes.
    @Test func anotherUnitsMatterIsMissing() throws {
        let site = try ServerSite()
        let theirs = try start(site, unit: "gongan", problem: "夜市油烟扰民")
        let b = try site.login("wang.fang")
        let other = try site.request("GET", "/matters/\(theirs)", headers: b)
        let missing = try site.request("GET", "/matters/99999", headers: b)
        #expect(other.status == 404 && missing.status == 404)
        #expect(other.text == missing.text)
        #expect(!other.text.contains("夜市油烟扰民") && !other.text.contains("公安"))
        let home = try site.request("GET", "/home", headers: b)
        let token = csrf(home)
        let act = try site.request("POST", "/matters/\(theirs)/events/acknowledge", headers: b, fields: ["_csrf": token, "_seen": "1"])
        let actMissing = try site.request("POST", "/matters/99999/events/acknowledge", headers: b, fields: ["_csrf": token, "_seen": "1"])
        #expect(act.status == 404 && act.text == actMissing.text)
        #expect(try site.duban(["show", theirs]).stdout.contains("state assigned"))
        let board = try site.request("GET", "/board", headers: b).text
        #expect(!board.contains("/matters/\(theirs)\""), "a unit's board shows its own matters' lights only")
    }

    /// A form acts once: without the session's token it is refused; sent
    /// twice (a double click, a reload), the second finds the matter moved
    /// on and does nothing; after acting, the browser is sent to the page.
    @Test func formsActOnce() throws {
        let site = try ServerSite()
        let id = try start(site)
        let a = try site.login("wang.fang")
        let page = try site.request("GET", "/matters/\(id)", headers: a)
        #expect(page.text.contains(#"action="/matters/\#(id)/events/acknowledge""#))
        var cookieOnly = a
        cookieOnly["X-CSRF-Token"] = nil
        let forged = try site.request("POST", "/matters/\(id)/events/acknowledge", headers: cookieOnly, fields: ["_seen": "1"])
        #expect(forged.status == 403)
        let fields = ["_csrf": csrf(page), "_seen": "1"]
        let first = try site.request("POST", "/matters/\(id)/events/acknowledge", headers: cookieOnly, fields: fields)
        #expect(first.status == 303 && first.headers["location"] == "/matters/\(id)?done=acknowledge")
        let second = try site.request("POST", "/matters/\(id)/events/acknowledge", headers: cookieOnly, fields: fields)
        #expect(second.status == 409 && second.text.contains("已有变化"))
        let shown = try site.duban(["show", id]).stdout
        #expect(shown.components(separatedBy: "(acknowledge)").count == 2, "\(shown)")
    }

    /// The office's CSV import shows every bad row by its line and starts
    /// nothing; a good file is previewed, still starting nothing, until the
    /// office confirms.
    @Test func csvPreviewThenStart() throws {
        let site = try ServerSite()
        let office = try site.login("li.ming")
        let token = csrf(try site.request("GET", "/office", headers: office))
        var cookieOnly = office
        cookieOnly["X-CSRF-Token"] = nil
        func count() throws -> Int { try site.duban(["list"]).stdout.split(separator: "\n").filter { $0.contains("rectification") }.count }
        let bad = try site.file("bad.csv", Data("unit,problem,deadline\nchengguan,占道经营,2026-12-31\nnowhere,乱堆乱放,2026-12-31\ngongan,,2026-13-45\n".utf8))
        let refused = try site.request("POST", "/office/import", headers: cookieOnly, fields: ["_csrf": token, "_workflow": "rectification"],
                                       files: [("csv", bad)])
        #expect(refused.status == 422)
        #expect(refused.text.contains("row 3") && refused.text.contains("row 4") && !refused.text.contains("row 2:"))
        #expect(try count() == 0)
        let good = try site.file("good.csv", Data("unit,problem,deadline\nchengguan,占道经营,2026-12-31\ngongan,乱停乱放,2026-12-30\n".utf8))
        let preview = try site.request("POST", "/office/import", headers: cookieOnly, fields: ["_csrf": token, "_workflow": "rectification"],
                                       files: [("csv", good)])
        #expect(preview.status == 200 && preview.text.contains("确认交办这 2 项") && preview.text.contains("乱停乱放"))
        #expect(try count() == 0, "a preview starts nothing")
        let csv = String(decoding: try Data(contentsOf: good), as: UTF8.self)
        let confirm = ["_csrf": token, "_workflow": "rectification", "_start": "1", "_csv": csv, "_once": "form-1"]
        let started = try site.request("POST", "/office/import", headers: cookieOnly, fields: confirm)
        #expect(started.status == 303 && started.headers["location"] == "/office?workflow=rectification&started=1,2")
        #expect(try site.request("GET", started.headers["location"]!, headers: office).text.contains("已交办：1、2"))
        // The confirmation sent again (back, then resubmit) leads to the same place and starts nothing more.
        let again = try site.request("POST", "/office/import", headers: cookieOnly, fields: confirm)
        #expect(again.status == 303 && again.headers["location"] == started.headers["location"])
        #expect(try count() == 2)
    }

    /// The office previews a draft of any kind about a matter, and issues
    /// one by hand: numbered, kept, in the timeline and the trail; a unit
    /// may do neither.
    @Test func officeIssuesDocuments() throws {
        let site = try ServerSite()
        let id = try start(site)
        let office = try site.login("li.ming")
        let page = try site.request("GET", "/matters/\(id)", headers: office)
        #expect(page.text.contains(#"<option value="supervision-order">督办通知单</option>"#))
        let draft = try site.request("GET", "/matters/\(id)/draft?kind=supervision-order", headers: office)
        #expect(draft.status == 200 && draft.text.contains("草稿") && draft.text.contains("占道经营"))
        #expect((try site.request("GET", "/api/v1/documents", headers: office).json["documents"] as? [Any])?.isEmpty == true,
                "a draft is not issued")
        let form = ["_csrf": csrf(page), "kind": "supervision-order", "_once": "issue-1"]
        let issued = try site.request("POST", "/matters/\(id)/documents", headers: ["Cookie": office["Cookie"]!], fields: form)
        #expect(issued.status == 303)
        // A double click issues one document.
        #expect(try site.request("POST", "/matters/\(id)/documents", headers: ["Cookie": office["Cookie"]!], fields: form).status == 303)
        let after = try site.request("GET", "/matters/\(id)", headers: office).text
        #expect(after.contains("印发公文") && after.contains("/docx"))
        try site.duban(["audit", "verify"])
        let documents = try site.request("GET", "/api/v1/documents", headers: office).json["documents"] as? [[String: Any]] ?? []
        #expect(documents.count == 1 && documents.first?["kind"] as? String == "supervision-order")
        let unit = try site.login("wang.fang")
        #expect(try site.request("GET", "/matters/\(id)/draft?kind=supervision-order", headers: unit).status == 403)
        let unitPage = try site.request("GET", "/matters/\(id)", headers: unit)
        #expect(!unitPage.text.contains("/documents\""))
        #expect(try site.request("POST", "/matters/\(id)/documents", headers: ["Cookie": unit["Cookie"]!],
                                 fields: ["_csrf": csrf(unitPage), "kind": "supervision-order"]).status == 403)
    }

    /// Chinese unless asked: `?lang=en` answers in English and is kept in a
    /// cookie; a browser preferring English gets English.
    @Test func language() throws {
        let site = try ServerSite()
        let office = try site.login("li.ming")
        #expect(try site.request("GET", "/board", headers: office).text.contains("挂图作战"))
        let english = try site.request("GET", "/board?lang=en", headers: office)
        #expect(english.text.contains("<h1>Board") && english.headers["set-cookie"]?.contains("duban_lang=en") == true)
        var prefers = office
        prefers["Accept-Language"] = "en-GB,en;q=0.9"
        #expect(try site.request("GET", "/login", headers: prefers).text.contains("Log in"))
    }
}
