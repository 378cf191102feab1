import DubanModel
import Foundation

/// Sends one message over one configured channel. Network transports are
/// injected, so tests run against local servers and the core never dials out.
public struct ChannelSender: Sendable {
    public var http: any HTTPTransport
    public var mail: any MailTransport
    public var secrets: Secrets
    public var smtp: SMTPSettings?
    public var timeout: Double
    /// Where console messages go (standard output by default).
    public var console: @Sendable (String) -> Void

    public init(http: any HTTPTransport = CurlHTTPTransport(), mail: any MailTransport = CurlMailTransport(), secrets: Secrets,
                smtp: SMTPSettings?, timeout: Double = 10, console: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.http = http
        self.mail = mail
        self.secrets = secrets
        self.smtp = smtp
        self.timeout = timeout
        self.console = console
    }

    public func send(_ m: OutgoingMessage, via c: ChannelConfig, now: Instant) throws {
        switch c.kind {
        case .console:
            console("[\(Zone.shanghai.short(now))] → \(m.unitName)\(m.recipient.map { " \($0)" } ?? ""): \(m.subject)\n\(m.text)")
        case .jsonl:
            try appendLine(to: c.path ?? "", m, now: now)
        case .webhook, .wecom, .dingtalk, .feishu:
            let request = try HTTPRequest.make(m, c, secrets: secrets, now: now)
            try request.check(try http.post(request, timeout: timeout), kind: c.kind)
        case .email:
            guard let smtp else { throw DeliveryError("email: no smtp server in units.yaml", transient: false) }
            let mail = MailMessage(from: smtp.from, fromName: smtp.fromName, to: c.to, subject: m.subject, text: m.text,
                                   messageID: "\(m.idempotencyKey.replacingOccurrences(of: "/", with: ".").replacingOccurrences(of: "#", with: "-"))@duban",
                                   date: now)
            try self.mail.send(mail, via: smtp, secrets: secrets, timeout: timeout)
        }
    }

    /// One JSON object a line, flushed to disk before the delivery counts as done.
    func appendLine(to path: String, _ m: OutgoingMessage, now: Instant) throws {
        let line = try JSON.data([
            "idempotency_key": m.idempotencyKey, "kind": m.kind, "template": m.template, "unit": m.unit, "unit_name": m.unitName,
            "recipient": m.recipient ?? "", "subject": m.subject, "text": m.text, "created": Zone.shanghai.iso(m.created),
            "sent": Zone.shanghai.iso(now),
        ]) + Data("\n".utf8)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw DeliveryError("jsonl: cannot open \(path): \(String(cString: strerror(errno)))", transient: false) }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else { throw DeliveryError("jsonl: cannot write \(path): \(String(cString: strerror(errno)))") }
    }
}
