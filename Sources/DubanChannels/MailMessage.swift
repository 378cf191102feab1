import DubanModel
import Foundation

/// An RFC 5322 message with Chinese text carried safely: headers as RFC 2047
/// encoded words, the body Base64 in UTF-8.
public struct MailMessage: Sendable {
    public var from: String
    public var fromName: String?
    public var to: [String]
    public var subject: String
    public var text: String
    public var messageID: String
    public var date: Instant

    public func rendered() -> String {
        let body = Data(text.utf8).base64EncodedString()
        let lines = stride(from: 0, to: body.count, by: 76).map { i -> String in
            let start = body.index(body.startIndex, offsetBy: i)
            return String(body[start..<(body.index(start, offsetBy: 76, limitedBy: body.endIndex) ?? body.endIndex)])
        }
        let headers = [
            "Date: \(Self.rfc5322(date))",
            "From: " + (fromName.map { "\(Self.encodedWord($0)) <\(from)>" } ?? "<\(from)>"),
            "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: \(Self.encodedWord(subject))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        return (headers + [""] + lines).joined(separator: "\r\n") + "\r\n"
    }

    /// `=?UTF-8?B?…?=`, split so no encoded word passes 75 characters or cuts a character.
    static func encodedWord(_ s: String) -> String {
        if s.allSatisfy({ $0.isASCII && !$0.isNewline }) && !s.contains("=?") { return s }
        var words: [String] = []
        var chunk = ""
        for c in s {
            if (chunk + String(c)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(c)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322(_ t: Instant) -> String {
        let local = Zone.shanghai.local(t)
        let c = local.day.components
        let days = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[local.day.weekday]), \(c.day) \(months[c.month - 1]) \(c.year) \(two(local.hour)):\(two(local.minute)):\(two(local.secondOfDay % 60)) +0800"
    }
}

/// Sends one email; every implementation has a timeout.
public protocol MailTransport: Sendable {
    func send(_ mail: MailMessage, via smtp: SMTPSettings, secrets: Secrets, timeout: Double) throws
}
