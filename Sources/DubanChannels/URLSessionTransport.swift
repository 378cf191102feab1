import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP over Foundation's URLSession, with a hard timeout so a dead endpoint
/// never stalls a tick.
public struct URLSessionTransport: HTTPTransport {
    public init() {}

    public func post(_ request: HTTPRequest, timeout: Double) throws -> HTTPResponse {
        guard let url = URL(string: request.url) else { throw DeliveryError("\(request.label): not a URL", transient: false) }
        var r = URLRequest(url: url, timeoutInterval: timeout)
        r.httpMethod = "POST"
        for (k, v) in request.headers { r.setValue(v, forHTTPHeaderField: k) }
        r.httpBody = request.body
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: config)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        let result = Box()
        session.dataTask(with: r) { data, response, error in
            if let error {
                result.value = .failure(DeliveryError("\(request.label): \(Self.describe(error))"))
            } else {
                result.value = .success(HTTPResponse(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data ?? Data()))
            }
            done.signal()
        }.resume()
        // URLSession enforces the timeout; the margin only guards against a lost callback.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut { throw DeliveryError("\(request.label): no answer in \(Int(timeout)) s") }
        return try result.value!.get()
    }

    static func describe(_ error: Error) -> String {
        let e = error as NSError
        switch e.code {
        case NSURLErrorTimedOut: return "timed out"
        case NSURLErrorCannotConnectToHost: return "connection refused"
        case NSURLErrorCannotFindHost: return "unknown host"
        default: return "network error \(e.code)"
        }
    }

    final class Box: @unchecked Sendable {
        var value: Result<HTTPResponse, DeliveryError>?
    }
}
