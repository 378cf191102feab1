import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP over Foundation's URLSession, with a hard timeout so a dead endpoint
/// never stalls a tick. Redirects are not followed (a robot or webhook that
/// answers 3xx has not taken the message), and no more of an answer is read
/// than a log needs, so an endpoint streaming gigabytes costs nothing.
public struct URLSessionTransport: HTTPTransport {
    /// Bytes of an answer kept; the rest is not read.
    public static let bodyLimit = 8 << 10

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
        let collector = Collector()
        let session = URLSession(configuration: config, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: r).resume()
        // URLSession enforces the timeout; the margin only guards against a lost callback.
        if collector.done.wait(timeout: .now() + timeout + 5) == .timedOut { throw DeliveryError("\(request.label): no answer in \(Int(timeout)) s") }
        return try collector.result(label: request.label)
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

    /// Gathers one answer: its status, the Location of a redirect, and the
    /// first `bodyLimit` bytes of its body (the task is cancelled there).
    final class Collector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        // Written by the session's delegate queue before `done` is signalled, read after.
        private var response: HTTPURLResponse?
        private var body = Data()
        private var error: Error?
        private var truncated = false

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
            self.response = response as? HTTPURLResponse
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            body.append(data.prefix(URLSessionTransport.bodyLimit - body.count))
            if body.count >= URLSessionTransport.bodyLimit && !truncated {
                truncated = true
                dataTask.cancel()
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            if response == nil { response = task.response as? HTTPURLResponse }
            self.error = truncated ? nil : error
            done.signal()
        }

        func result(label: String) throws -> HTTPResponse {
            if let error { throw DeliveryError("\(label): \(URLSessionTransport.describe(error))") }
            return HTTPResponse(status: response?.statusCode ?? 0, body: body, location: response?.value(forHTTPHeaderField: "Location"))
        }
    }
}
