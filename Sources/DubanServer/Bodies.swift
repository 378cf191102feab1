import DubanEngine
import DubanModel
import DubanRuntime
import Hummingbird

// The JSON the API answers with: one type per schema of docs/api/openapi.yaml,
// keys in snake_case (the context's encoder converts them).

struct MeBody: ResponseEncodable {
    var name: String
    var role: String
    var unit: String?
    var unitName: String?
    /// Present on login and on /me with a session: what X-CSRF-Token must carry.
    var csrfToken: String?
}

struct UnitBody: ResponseEncodable {
    var id: String
    var name: String
}

struct UnitsBody: ResponseEncodable { var units: [UnitBody] }

struct BoardBody: ResponseEncodable {
    struct Late: Encodable {
        var id: String
        var lastStep: String?
        var nextStep: String?
        var step: Int?
        var steps: Int?
        var level: String?

        init(id: String, _ ladder: LadderPosition?) {
            self.id = id
            lastStep = ladder?.taken
            nextStep = ladder?.next
            step = ladder?.nextNumber
            steps = ladder?.steps
            level = ladder?.level?.rawValue
        }
    }

    struct Row: Encodable {
        var unit: String
        var name: String
        var rank: Int
        var matters: Int
        var closed: Int
        var closedOnTime: Int
        var onTimePercent: Int?
        var overdue: Int
        var reminders: Int
        var criticisms: Int
        var interviews: Int
        var referrals: Int
        var decisions: Int
        var lights: [String: Int]
        var late: [Late]
    }

    var rows: [Row]

    init(_ rows: [BoardRow]) {
        self.rows = rows.map { r in
            Row(unit: r.unit, name: r.name, rank: r.rank, matters: r.matters, closed: r.closed, closedOnTime: r.closedOnTime,
                onTimePercent: r.onTimePercent, overdue: r.overdue, reminders: r.reminders, criticisms: r.criticisms,
                interviews: r.interviews, referrals: r.referrals, decisions: r.decisions,
                lights: Dictionary(uniqueKeysWithValues: Light.allCases.map { ($0.rawValue, r.lights[$0] ?? 0) }),
                late: r.late.map { Late(id: $0.id, $0.ladder) })
        }
    }
}

struct MatterBody: ResponseEncodable {
    var id: String
    var workflow: String
    var version: Int
    var state: String
    var stateTitle: String
    var unit: String?
    var deadline: String?
    var overdue: Bool
    var light: String
    var finished: Bool
    var started: String
    var ladder: BoardBody.Late?

    init(_ m: Matter) {
        id = m.id
        workflow = m.instance.workflow
        version = m.instance.version
        state = m.instance.state
        stateTitle = m.stateTitle
        unit = m.unit
        deadline = m.deadline.map(iso)
        overdue = m.overdue
        light = m.light.rawValue
        finished = m.instance.finished
        started = iso(m.instance.started)
        ladder = m.ladder.map { BoardBody.Late(id: m.id, $0) }
    }
}

struct MatterPageBody: ResponseEncodable {
    var total: Int
    var offset: Int
    var matters: [MatterBody]
}

struct DocumentBody: Encodable {
    var id: Int64
    var kind: String
    var year: Int
    var number: Int
    var title: String
    var instance: String
    var unit: String?
    var to: String?
    var created: String
    var downloads: [String: String]

    init(_ d: DocumentRecord) {
        id = d.id
        kind = d.kind
        year = d.year
        number = d.number
        title = d.title
        instance = d.instance
        unit = d.unit
        to = d.to
        created = iso(d.created)
        downloads = Dictionary(uniqueKeysWithValues: DocumentFormat.allCases.map { ($0.rawValue, "/api/v1/documents/\(d.id)/\($0.rawValue)") })
    }
}

struct DocumentsBody: ResponseEncodable { var documents: [DocumentBody] }

struct MatterDetailBody: ResponseEncodable {
    struct Field: Encodable {
        var name: String
        var type: String
        var required: Bool
        var title: String?
    }

    struct EventBody: Encodable {
        var name: String
        var payload: [Field]
    }

    struct HistoryBody: Encodable {
        var seq: Int64
        var time: String
        var actor: String
        var person: String?
        var kind: String
        var trigger: String?
        var effects: [String]
        var files: [String]

        init(_ h: HistoryEntry) {
            seq = h.seq
            time = iso(h.time)
            actor = h.actor
            person = h.person
            kind = h.kind.rawValue
            trigger = h.trigger
            effects = h.effects
            files = h.files
        }
    }

    struct AttachmentBody: Encodable {
        var id: Int64
        var name: String
        var mediaType: String
        var size: Int
        var sha256: String
        var added: String
        var download: String
    }

    var matter: MatterBody
    var values: [String: JSONValue]
    var events: [EventBody]
    var history: [HistoryBody]
    var documents: [DocumentBody]
    var attachments: [AttachmentBody]

    init(_ d: MatterDetail) {
        matter = MatterBody(d.matter)
        values = d.matter.instance.values.mapValues { JSONValue($0) }
        events = d.available.map { e in
            EventBody(name: e.name, payload: e.payload.map { Field(name: $0.name, type: $0.type.description, required: $0.required, title: $0.title) })
        }
        history = d.historyEntries.map(HistoryBody.init)
        documents = d.documents.map(DocumentBody.init)
        attachments = d.attachments.map { a in
            AttachmentBody(id: a.id, name: a.name, mediaType: a.mediaType.rawValue, size: a.size, sha256: a.sha256, added: iso(a.added),
                           download: "/api/v1/matters/\(a.instance)/attachments/\(a.id)")
        }
    }
}

struct OutboxBody: ResponseEncodable {
    struct Message: Encodable {
        var id: Int64
        var instance: String
        var kind: String
        var unit: String
        var template: String
        var status: String
        var attempts: Int
        var created: String
        var nextAttempt: String?
        var lastError: String?
        var sentAt: String?

        init(_ m: OutboxMessage) {
            id = m.id
            instance = m.instance
            kind = m.kind.rawValue
            unit = m.unit
            template = m.template
            status = m.status.rawValue
            attempts = m.attempts
            created = iso(m.created)
            nextAttempt = m.nextAttempt.map(iso)
            lastError = m.lastError
            sentAt = m.sentAt.map(iso)
        }
    }

    var messages: [Message]
}

struct StartedBody: ResponseEncodable { var ids: [String] }

struct VerifyBody: ResponseEncodable {
    var ok: Bool
    var events: Int
    var lastHash: String
    var problems: [String]
    var orphans: [String]
}

/// The formats a document downloads in.
enum DocumentFormat: String, CaseIterable {
    case md, html, docx

    var contentType: String {
        switch self {
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }
}
