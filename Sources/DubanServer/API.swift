import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

/// The routes of /api/v1, the link pages, /healthz and /metrics, over one
/// runtime. Each route reads through the runtime's read API with the
/// caller's viewer, so a unit's rule holds on every route alike.
struct API: Sendable {
    let runtime: Runtime
    let config: ServerConfig
    /// The time of day for people's logins: sessions and the login throttle.
    let wallClock: @Sendable () -> Instant
    let metrics: Metrics
    let shutdown: ShutdownFlag
    /// The campaign's clock, told of the times the live streams read.
    let trail: TrailClock
    let onceForms = OnceForms()

    /// The campaign's time: lights, deadlines and steps (never behind the audit trail).
    var clock: @Sendable () -> Instant { { [trail] in trail.now() } }

    func routes() -> Router<DubanContext> {
        let router = Router(context: DubanContext.self)
        router.add(middleware: ErrorMiddleware(metrics: metrics))
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/metrics") { _, _ in try await self.metricsText() }
        router.add(middleware: Authenticator(runtime: runtime, config: config, clock: clock, wallClock: wallClock))
        let v1 = router.group("api/v1")
        v1.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
        addSessionRoutes(v1)
        addBoardRoutes(v1)
        addMatterRoutes(v1)
        addRecordRoutes(v1)
        addStreamRoute(v1)
        addPages(router)
        return router
    }

    func metricsText() async throws -> Response {
        let runtime = self.runtime
        let queue = try await blocking { try runtime.outboxCounts() }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text(queue: queue))))
    }

    /// A JSON request body, or 400 saying what is wrong with it.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: DubanContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        do {
            return try context.requestDecoder.decode(T.self, from: Data(buffer: buffer))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("the JSON body lacks '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, c) {
            throw APIError.badRequest("in the JSON body, '\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw APIError.badRequest("the body is not the JSON this route takes (see /api/v1/openapi.yaml)")
        }
    }
}
