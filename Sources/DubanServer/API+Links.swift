import DubanDocuments
import DubanEngine
import DubanModel
import DubanRuntime
import Foundation
import HTTPTypes
import Hummingbird

/// The page a unit's signed link opens. Opening it changes nothing (chat
/// and mail scanners open links); only its buttons, which POST, act, and
/// only on that matter for that unit.
extension API {
    func addLinkPages(_ router: Router<DubanContext>) {
        router.get("l/:token") { _, context -> Response in
            let token = try context.parameters.require("token")
            var context = context
            context.principal = try await call(context) { [runtime, clock] in try runtime.openLink(token, now: clock()) }
            let d = try await detail(context.principal!.link!.matter, context)
            return Self.html(LinkPage.render(d, token: token))
        }
        router.post("l/:token/events/:event") { request, context -> Response in
            let token = try context.parameters.require("token"), name = try context.parameters.require("event")
            var context = context
            let p = try await call(context) { [runtime, clock] in try runtime.openLink(token, now: clock()) }
            context.principal = p
            guard let link = p.link, link.events.contains(name) else { throw APIError(AccessError.badLink(.eventNotAllowed)) }
            let (payload, files) = try await eventBody(request, context)
            try await signal(link.matter, Event(name: name, actor: p.actor, payload: payload), files: files, by: p, context)
            return Self.html(LinkPage.done(try await detail(link.matter, context), token: token))
        }
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                                        HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The link page's HTML: the matter and one form per event the link allows.
enum LinkPage {
    static func render(_ d: MatterDetailBody, token: String) -> String {
        let m = d.matter
        var forms = ""
        for e in d.events {
            var fields = ""
            for f in e.payload {
                fields += "<label>\(HTML.escape(f.title ?? f.name))<input name=\"\(HTML.escape(f.name))\"\(f.required ? " required" : "")></label>\n"
            }
            fields += "<label>照片或文件（JPEG、PNG、PDF，每个不超过10MB）<input type=\"file\" name=\"evidence\" multiple accept=\"image/jpeg,image/png,application/pdf\"></label>\n"
            forms += """
            <form method="post" action="/l/\(HTML.escape(token))/events/\(HTML.escape(e.name))" enctype="multipart/form-data">
            \(fields)<button type="submit">确认：\(HTML.escape(e.name))</button>
            </form>\n
            """
        }
        return page(title: "督办事项 \(m.id)", body: """
            <h1>督办事项 \(HTML.escape(m.id))</h1>
            <p>状态：\(HTML.escape(m.stateTitle))</p>
            <p>期限：\(HTML.escape(m.deadline ?? "—"))</p>
            \(d.values.keys.sorted().compactMap { k in
                if case .text(let t) = d.values[k]! { return "<p>\(HTML.escape(k))：\(HTML.escape(t))</p>" }
                return nil
            }.joined(separator: "\n"))
            \(forms.isEmpty ? "<p>此事项现在无需办理。</p>" : forms)
            """)
    }

    static func done(_ d: MatterDetailBody, token: String) -> String {
        page(title: "已提交", body: "<h1>已提交</h1><p>督办事项 \(HTML.escape(d.matter.id))：\(HTML.escape(d.matter.stateTitle))</p>"
            + "<p><a href=\"/l/\(HTML.escape(token))\">返回</a></p>")
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>body{font-family:sans-serif;max-width:40em;margin:1em auto;padding:0 1em}label{display:block;margin:.5em 0}
        input{display:block;width:100%}button{font-size:1.1em;padding:.5em 1em;margin:.5em 0}</style></head>
        <body>
        \(body)
        </body></html>
        """
    }
}
