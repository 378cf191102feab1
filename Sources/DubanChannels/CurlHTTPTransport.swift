import CCurl
import Foundation

/// HTTP POST through the system libcurl, with a connect and a total timeout
/// so a dead endpoint never stalls a tick. Redirects are not followed (a
/// robot or webhook that answers 3xx has not taken the message), and no more
/// of an answer is read than a log needs: an endpoint streaming gigabytes
/// is cut off at `bodyLimit`.
public struct CurlHTTPTransport: HTTPTransport {
    /// Bytes of an answer kept; reading stops there.
    public static let bodyLimit = 8 << 10

    public init() {}

    public func post(_ request: HTTPRequest, timeout: Double) throws -> HTTPResponse {
        guard let easy = CurlEasy() else { throw DeliveryError("\(request.label): libcurl could not start") }
        // The handle is used through its raw pointer below: keep it to the end.
        defer { withExtendedLifetime(easy) {} }
        let curl = easy.handle
        easy.set(CURLOPT_URL, request.url)
        easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        var headers: UnsafeMutablePointer<curl_slist>?
        // "Expect:" keeps curl from waiting for a 100 Continue before a larger body.
        for line in request.headers.sorted(by: { $0.key < $1.key }).map({ "\($0.key): \($0.value)" }) + ["Expect:"] {
            headers = curl_slist_append(headers, line)
        }
        defer { curl_slist_free_all(headers) }
        _ = duban_curl_set_pointer(curl, CURLOPT_HTTPHEADER, headers)
        let body = Array(request.body)
        let answer = Answer()
        let unmanaged = Unmanaged.passRetained(answer)
        defer { unmanaged.release() }
        let code = body.withUnsafeBufferPointer { bytes -> CURLcode in
            _ = duban_curl_set_pointer(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            easy.set(CURLOPT_POSTFIELDSIZE, bytes.count)
            easy.bound(seconds: timeout)
            _ = duban_curl_set_pointer(curl, CURLOPT_WRITEDATA, unmanaged.toOpaque())
            _ = duban_curl_set_write(curl) { data, size, count, context in
                let answer = Unmanaged<Answer>.fromOpaque(context!).takeUnretainedValue()
                let n = size * count
                let kept = min(n, CurlHTTPTransport.bodyLimit - answer.body.count)
                data!.withMemoryRebound(to: UInt8.self, capacity: kept) { answer.body.append($0, count: kept) }
                // Returning less than was given stops the transfer.
                if kept < n { answer.truncated = true }
                return kept
            }
            return curl_easy_perform(curl)
        }
        guard code == CURLE_OK || (code == CURLE_WRITE_ERROR && answer.truncated) else {
            throw DeliveryError("\(request.label): \(Self.describe(code))")
        }
        var status = 0
        _ = withUnsafeMutablePointer(to: &status) { curl_easy_getinfo_long(curl, $0) }
        var location: UnsafeMutablePointer<CChar>?
        _ = duban_curl_info_string(curl, CURLINFO_REDIRECT_URL, &location)
        return HTTPResponse(status: status, body: answer.body, location: location.map { String(cString: $0) })
    }

    static func describe(_ code: CURLcode) -> String {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return "timed out"
        case CURLE_COULDNT_CONNECT: return "connection refused"
        case CURLE_COULDNT_RESOLVE_HOST: return "unknown host"
        default: return String(cString: curl_easy_strerror(code))
        }
    }

    /// What the endpoint answered, up to the limit.
    final class Answer {
        var body = Data()
        var truncated = false
    }
}
