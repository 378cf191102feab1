import Foundation
import Hummingbird

/// A form as a browser sends it: multipart (with files) or URL-encoded.
struct PageForm: Sendable {
    var fields: [String: String]
    var files: [Multipart.Part]

    /// The CSRF token of the session, sent in every page form as `_csrf`.
    static let csrfField = "_csrf"
    /// The matter's last audit row the person saw, as `_seen`.
    static let seenField = "_seen"

    init(_ request: Request, maxBody: Int) async throws {
        let type = request.headers[.contentType] ?? ""
        let bytes = Array(buffer: try await request.body.collect(upTo: maxBody))
        if let boundary = Multipart.boundary(type) {
            guard let form = Multipart(bytes, boundary: boundary) else { throw APIError.badRequest("the form could not be read") }
            fields = form.fields
            files = form.files
        } else {
            fields = Self.urlEncoded(String(decoding: bytes, as: UTF8.self))
            files = []
        }
    }

    static func urlEncoded(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            guard let key = kv.first?.removingPercentEncoding else { continue }
            out[key] = out[key] ?? (kv.count > 1 ? kv[1].removingPercentEncoding ?? "" : "")
        }
        return out
    }

    /// The fields that are the event's or the start's values (not `_csrf`, `_seen`).
    var values: [String: String] { fields.filter { !$0.key.hasPrefix("_") && !$0.value.isEmpty } }
}
