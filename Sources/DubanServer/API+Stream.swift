import DubanModel
import DubanRuntime
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import Synchronization

/// Set when the server begins to shut down: live streams end, so the
/// server does not wait on them.
final class ShutdownFlag: Sendable {
    private let flag = Atomic(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}

/// One change on the stream: an audit row the caller may see.
struct ChangeBody: Encodable {
    var matter: String?
    var entry: MatterDetailBody.HistoryBody
}

extension API {
    static let streamPoll: Duration = .milliseconds(500)
    static let heartbeat: Duration = .seconds(15)

    /// Server-sent events: each audit row the caller may see, with the row's
    /// sequence number as the event id; `Last-Event-ID` (or `?after=`)
    /// resumes after it, and without either the stream starts from now.
    func addStreamRoute(_ v1: RouterGroup<DubanContext>) {
        v1.get("stream") { request, context -> Response in
            let viewer = try context.signedIn().viewer
            let runtime = self.runtime
            let given = request.headers[HTTPField.Name("Last-Event-ID")!] ?? request.uri.queryParameters.get("after").map { String($0) }
            var after: Int64
            if let given {
                guard let n = Int64(given), n >= 0 else { throw APIError.badRequest("Last-Event-ID must be an event id from this stream") }
                after = n
            } else {
                after = try await call(context) { try runtime.auditHead() }
            }
            let start = after
            let (shutdown, trail) = (self.shutdown, self.trail)
            let encoder = context.responseEncoder
            let body = ResponseBody { writer in
                var last = start
                var quiet = Duration.zero
                try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
                // The server stops taking requests first on SIGTERM: a stream ends on that, not on the ticker's flag.
                while !Task.isShuttingDownGracefully && !shutdown.isSet && !Task.isCancelled {
                    let from = last
                    let (entries, through) = try await blocking { try runtime.changes(after: from, as: viewer) }
                    // The pages this stream refreshes then show the time these rows record.
                    if let latest = entries.map(\.time).max() { trail.observe(latest) }
                    for e in entries {
                        let data = try encoder.encode(ChangeBody(matter: e.instance, entry: .init(e)))
                        try await writer.write(ByteBuffer(string: "id: \(e.seq)\nevent: change\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n"))
                    }
                    last = through
                    if entries.isEmpty {
                        quiet += Self.streamPoll
                        if quiet >= Self.heartbeat {
                            try await writer.write(ByteBuffer(string: ": still here\n\n"))
                            quiet = .zero
                        }
                        try await Task.sleep(for: Self.streamPoll)
                    } else {
                        quiet = .zero
                    }
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }
    }
}
