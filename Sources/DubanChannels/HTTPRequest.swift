import DubanModel
import Foundation

/// A POST a channel makes; built purely from the message, config, secrets and time.
public struct HTTPRequest: Sendable, Hashable {
    public var url: String
    public var headers: [String: String]
    public var body: Data
    /// What to name in errors: the host only, never a URL that carries a token.
    public var label: String
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var body: Data
    /// Where a redirect points (never followed).
    public var location: String?

    public init(status: Int, body: Data, location: String? = nil) {
        self.status = status
        self.body = body
        self.location = location
    }
}

/// Sends one HTTP request; every implementation has a timeout.
public protocol HTTPTransport: Sendable {
    func post(_ request: HTTPRequest, timeout: Double) throws -> HTTPResponse
}

extension HTTPRequest {
    /// The request for a webhook or robot channel.
    public static func make(_ m: OutgoingMessage, _ c: ChannelConfig, secrets: Secrets, now: Instant) throws -> HTTPRequest {
        let url = try c.url ?? secrets.value(c.urlEnv ?? "")
        guard let parsed = URL(string: url), let host = parsed.host else {
            throw DeliveryError("the \(c.kind.rawValue) URL in \(c.urlEnv ?? "url") is not a URL", transient: false)
        }
        let label = "\(c.kind.rawValue) \(host)"
        let content = m.subject.isEmpty ? m.text : "\(m.subject)\n\(m.text)"
        switch c.kind {
        case .webhook:
            let body = try JSON.data([
                "idempotency_key": m.idempotencyKey, "kind": m.kind, "template": m.template, "unit": m.unit, "unit_name": m.unitName,
                "recipient": m.recipient ?? "", "subject": m.subject, "text": m.text, "created": Zone.shanghai.iso(m.created),
            ])
            var headers = ["Content-Type": "application/json; charset=utf-8", "Idempotency-Key": m.idempotencyKey]
            if let env = c.secretEnv {
                // Signed over timestamp and body, so a replayed body with a new time fails.
                let timestamp = String(now.seconds)
                headers["X-Duban-Timestamp"] = timestamp
                headers["X-Duban-Signature"] = "sha256=" + HMACSHA256.hex(key: try secrets.value(env), message: timestamp + "." + String(decoding: body, as: UTF8.self))
            }
            return HTTPRequest(url: url, headers: headers, body: body, label: label)
        case .wecom:
            return HTTPRequest(url: url, headers: ["Content-Type": "application/json"],
                               body: try JSON.data(["msgtype": "text", "text": ["content": content]]), label: label)
        case .dingtalk:
            var signed = url
            if let env = c.secretEnv {
                // 加签: HMAC-SHA256 of "timestamp\nsecret" keyed by the secret, Base64, URL-encoded; milliseconds.
                let secret = try secrets.value(env)
                let timestamp = String(now.seconds * 1000)
                let sign = Data(HMACSHA256.mac(key: Array(secret.utf8), message: Array("\(timestamp)\n\(secret)".utf8))).base64EncodedString()
                signed += (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(percentEncode(sign))"
            }
            return HTTPRequest(url: signed, headers: ["Content-Type": "application/json"],
                               body: try JSON.data(["msgtype": "text", "text": ["content": content]]), label: label)
        case .feishu:
            var body: [String: Any] = ["msg_type": "text", "content": ["text": content]]
            if let env = c.secretEnv {
                // 签名校验: HMAC-SHA256 keyed by "timestamp\nsecret" over nothing, Base64; seconds.
                let timestamp = String(now.seconds)
                let key = "\(timestamp)\n\(try secrets.value(env))"
                body["timestamp"] = timestamp
                body["sign"] = Data(HMACSHA256.mac(key: Array(key.utf8), message: [UInt8]())).base64EncodedString()
            }
            return HTTPRequest(url: url, headers: ["Content-Type": "application/json"], body: try JSON.data(body), label: label)
        case .console, .jsonl, .email:
            throw DeliveryError("\(c.kind.rawValue) is not an HTTP channel", transient: false)
        }
    }

    /// Whether the receiver took it: a 2xx status, and for the robots a zero error code in the body.
    public func check(_ response: HTTPResponse, kind: ChannelConfig.Kind) throws {
        if (300..<400).contains(response.status) {
            throw DeliveryError("\(label) answered HTTP \(response.status), a redirect to \(response.location ?? "nowhere"): "
                + "redirects are not followed; put the address it points to in the channel")
        }
        guard (200..<300).contains(response.status) else {
            throw DeliveryError("\(label) answered HTTP \(response.status)")
        }
        guard [.wecom, .dingtalk, .feishu].contains(kind) else { return }
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        let code = (json["errcode"] ?? json["code"] ?? json["StatusCode"]) as? Int ?? 0
        if code != 0 {
            let message = (json["errmsg"] ?? json["msg"] ?? json["StatusMessage"]) as? String ?? ""
            throw DeliveryError("\(label) refused the message: code \(code) \(message)")
        }
    }
}

/// RFC 3986 percent-encoding of all but the unreserved characters.
public func percentEncode(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
}

enum JSON {
    /// Sorted keys and no escaped slashes: the same message gives the same bytes.
    static func data(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
