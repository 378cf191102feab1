import DubanChannels
import DubanEngine
import DubanLanguage
import DubanModel
import DubanRuntime
import Foundation
import HTTPTypes
import Hummingbird

struct EventRequest: Decodable {
    var payload: [String: PayloadValue]?
}

struct StartRequest: Decodable {
    var workflow: String
    var inputs: [String: PayloadValue]
}

/// A value sent in JSON: given to the engine as text, which checks and
/// converts it to the declared type, as it does a value typed on the CLI.
enum PayloadValue: Decodable {
    case scalar(String), list([String])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .scalar(s) }
        else if let b = try? c.decode(Bool.self) { self = .scalar(String(b)) }
        else if let i = try? c.decode(Int.self) { self = .scalar(String(i)) }
        else if let l = try? c.decode([String].self) { self = .list(l) }
        else { throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath, debugDescription: "not a text, number or list")) }
    }

    var value: Value {
        switch self {
        case .scalar(let s): .text(s)
        case .list(let l): .list(l.map(Value.text))
        }
    }
}

extension API {
    func addMatterRoutes(_ v1: RouterGroup<DubanContext>) {
        v1.get("matters") { request, context -> MatterPageBody in
            let viewer = try context.signedIn().viewer
            let q = request.uri.queryParameters
            func int(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
                guard let text = q.get(key) else { return fallback }
                guard let n = Int(text), range.contains(n) else { throw APIError.badRequest("'\(key)' must be a number from \(range.lowerBound) to \(range.upperBound)") }
                return n
            }
            func flag(_ key: String) throws -> Bool {
                guard let text = q.get(key) else { return false }
                guard let b = Bool(text) else { throw APIError.badRequest("'\(key)' must be true or false") }
                return b
            }
            var light: Light?
            if let text = q.get("light") {
                guard let l = Light(rawValue: text) else { throw APIError.badRequest("'light' must be red, yellow or green") }
                light = l
            }
            let query = MatterQuery(workflow: q.get("workflow"), state: q.get("state"), unit: q.get("unit"),
                                    includeFinished: try flag("finished"), overdueOnly: try flag("overdue"), light: light,
                                    offset: try int("offset", 0, 0...Int(Int32.max)), limit: try int("limit", 50, 1...500))
            let (runtime, now) = (self.runtime, clock())
            let page = try await call(context) { try runtime.matters(query, as: viewer, now: now) }
            return MatterPageBody(total: page.total, offset: query.offset, matters: page.matters.map(MatterBody.init))
        }
        v1.get("matters/:id") { _, context -> MatterDetailBody in
            try await detail(context.parameters.require("id"), context)
        }
        v1.post("matters/:id/events/:event") { request, context -> MatterDetailBody in
            let p = try context.actor()
            let (id, name) = (try context.parameters.require("id"), try context.parameters.require("event"))
            if let link = p.link, !link.events.contains(name) { throw APIError(AccessError.badLink(.eventNotAllowed)) }
            let (payload, files) = try await eventBody(request, context)
            try await signal(id, Event(name: name, actor: p.actor, payload: payload), files: files, by: p, context)
            return try await detail(id, context)
        }
        v1.get("matters/:id/attachments/:attachment") { _, context -> Response in
            let viewer = try context.signedIn().viewer
            let id = try context.parameters.require("id")
            guard let number = Int64(try context.parameters.require("attachment")) else { throw APIError.notFound("such file") }
            let runtime = self.runtime
            guard let (a, bytes) = try await call(context, .read, { try runtime.attachment(number, of: id, as: viewer) }) else {
                throw APIError.notFound("such file")
            }
            return Self.download(Array(bytes), type: a.mediaType.rawValue, name: a.name)
        }
        v1.post("matters") { request, context -> Response in
            _ = try context.office(acting: true)
            let rows: [[String: Value]]
            let workflow: String
            if request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true {
                guard let w = request.uri.queryParameters.get("workflow") else { throw APIError.badRequest("give the workflow: POST /api/v1/matters?workflow=ID") }
                let text = String(buffer: try await request.body.collect(upTo: 8 << 20))
                do { rows = try CSVTable(parsing: text).rows.map { $0.mapValues(Value.text) } } catch let error as CSVTable.ParseError {
                    throw APIError(.unprocessableContent, "nothing was started; fix these rows:\n"
                        + error.problems.map { "line \($0.line): \($0.message)" }.joined(separator: "\n"))
                }
                guard !rows.isEmpty else { throw APIError(.unprocessableContent, "the CSV has a header but no rows") }
                workflow = w
            } else {
                let body = try await API.decode(StartRequest.self, request, context)
                rows = [body.inputs.mapValues(\.value)]
                workflow = body.workflow
            }
            let (runtime, now) = (self.runtime, clock())
            let ids = try await call(context, .write) { try runtime.start(workflow, rows: rows, now: now) }
            return try StartedBody(ids: ids).response(from: request, context: context).with(status: .created)
        }
    }

    func detail(_ id: String, _ context: DubanContext) async throws -> MatterDetailBody {
        let p = try context.signedIn()
        let (runtime, now) = (self.runtime, clock())
        var d = try await call(context) { try runtime.matter(id, as: p.viewer, actor: p.mayAct ? p.actor : nil, now: now) }
        if let link = p.link { d.available = d.available.filter { link.events.contains($0.name) } }
        return MatterDetailBody(d)
    }

    /// The payload and files of an event: JSON `{"payload": {…}}`, or a form
    /// whose fields are the payload and whose files are evidence.
    func eventBody(_ request: Request, _ context: DubanContext) async throws -> ([String: Value], [Multipart.Part]) {
        let type = request.headers[.contentType] ?? ""
        if let boundary = Multipart.boundary(type) {
            let bytes = try await request.body.collect(upTo: config.maxBody)
            guard let form = Multipart(Array(buffer: bytes), boundary: boundary) else {
                throw APIError.badRequest("the multipart form could not be read")
            }
            return (form.fields.mapValues(Value.text), form.files)
        }
        if request.headers[.contentLength] == "0" || type.isEmpty { return ([:], []) }
        return ((try await API.decode(EventRequest.self, request, context).payload ?? [:]).mapValues(\.value), [])
    }

    /// Keeps the evidence, then sends the event; a refused event takes away
    /// what it brought. Files in a part named after a `file` payload field
    /// fill that field with their hashes; those named `evidence` are kept
    /// beside the event. `seen`: the matter's last audit row the sender saw.
    func signal(_ id: String, _ event: Event, files: [Multipart.Part], by p: Principal, seen: Int64? = nil,
                _ context: DubanContext) async throws {
        let (runtime, now) = (self.runtime, clock())
        try await call(context, .write) {
            guard let folder = runtime.evidence else { throw APIError(.internalServerError, "this server keeps no evidence folder") }
            var kept: [(Attachment, Bool)] = []
            var event = event
            do {
                for f in files {
                    let name = f.filename ?? f.name
                    let (hash, type, created) = try folder.put(f.body, name: name)
                    kept.append((Attachment(instance: id, sha256: hash, name: name, mediaType: type, size: f.body.count, added: now), created))
                    if f.name != Multipart.evidenceField {
                        guard case .list(let hashes) = event.payload[f.name] ?? .list([]) else { throw AccessError.fileNotSent(field: f.name) }
                        event.payload[f.name] = .list(hashes + [.text(hash)])
                    }
                }
                try runtime.signal(id, event, as: p.viewer, person: p.person, evidence: kept.map(\.0), unchangedSince: seen, now: now)
            } catch {
                for (a, created) in kept where created { folder.discard(a.sha256, a.mediaType) }
                throw error
            }
        }
    }

    /// A file that is always saved, never shown inline, and never sniffed into HTML.
    static func download(_ bytes: [UInt8], type: String, name: String) -> Response {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 32 ? Character($0) : "_" })
        return Response(status: .ok, headers: [
            .contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(percentEncode(name))",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Response {
    func with(status: HTTPResponse.Status) -> Response {
        var r = self
        r.status = status
        return r
    }
}
