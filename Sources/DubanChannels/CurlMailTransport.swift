import CCurl
import DubanModel
import Foundation

/// SMTP through the system libcurl: STARTTLS (required when asked for), AUTH,
/// a connect and a total timeout.
public struct CurlMailTransport: MailTransport {
    public init() {}

    public func send(_ mail: MailMessage, via smtp: SMTPSettings, secrets: Secrets, timeout: Double) throws {
        guard let easy = CurlEasy() else { throw DeliveryError("email: libcurl could not start") }
        // The handle is used through its raw pointer below: keep it to the end.
        defer { withExtendedLifetime(easy) {} }
        let curl = easy.handle
        let scheme = smtp.port == 465 ? "smtps" : "smtp"
        func set(_ option: CURLoption, _ value: String) { easy.set(option, value) }
        set(CURLOPT_URL, "\(scheme)://\(smtp.host):\(smtp.port)")
        set(CURLOPT_MAIL_FROM, "<\(mail.from)>")
        if smtp.starttls && scheme == "smtp" { _ = duban_curl_set_long(curl, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let ca = smtp.caFile { set(CURLOPT_CAINFO, ca) }
        if let userEnv = smtp.userEnv, let passwordEnv = smtp.passwordEnv {
            set(CURLOPT_USERNAME, try secrets.value(userEnv))
            set(CURLOPT_PASSWORD, try secrets.value(passwordEnv))
        }
        var recipients: UnsafeMutablePointer<curl_slist>?
        for r in mail.to { recipients = curl_slist_append(recipients, "<\(r)>") }
        defer { curl_slist_free_all(recipients) }
        _ = duban_curl_set_pointer(curl, CURLOPT_MAIL_RCPT, recipients)
        easy.bound(seconds: timeout)
        _ = duban_curl_set_long(curl, CURLOPT_UPLOAD, 1)
        let source = Upload(Array(mail.rendered().utf8))
        let unmanaged = Unmanaged.passRetained(source)
        defer { unmanaged.release() }
        _ = duban_curl_set_pointer(curl, CURLOPT_READDATA, unmanaged.toOpaque())
        _ = duban_curl_set_read(curl) { buffer, size, count, context in
            let upload = Unmanaged<Upload>.fromOpaque(context!).takeUnretainedValue()
            let n = min(size * count, upload.bytes.count - upload.offset)
            upload.bytes.withUnsafeBufferPointer { src in
                buffer!.withMemoryRebound(to: UInt8.self, capacity: n) { dst in
                    dst.update(from: src.baseAddress! + upload.offset, count: n)
                }
            }
            upload.offset += n
            return n
        }
        let code = curl_easy_perform(curl)
        guard code == CURLE_OK else {
            var response = 0
            _ = withUnsafeMutablePointer(to: &response) { curl_easy_getinfo_long(curl, $0) }
            let reason = String(cString: curl_easy_strerror(code))
            throw DeliveryError("email via \(smtp.host):\(smtp.port): \(reason)\(response > 0 ? " (server said \(response))" : "")",
                                transient: code != CURLE_LOGIN_DENIED)
        }
    }

    final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }
}
