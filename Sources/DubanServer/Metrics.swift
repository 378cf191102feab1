import DubanModel
import DubanRuntime
import Synchronization

/// The server's counters, and the one writer of the Prometheus text format
/// served at /metrics.
final class Metrics: Sendable {
    private struct Counts {
        var requests: [Int: Int] = [:]
        var ticks = 0
        var tickFailures = 0
        var fired = 0
        var steps = 0
        var sent = 0
        var deliveryFailures = 0
    }

    private let counts = Mutex(Counts())

    func request(status: Int) { counts.withLock { $0.requests[status, default: 0] += 1 } }

    func tick(_ report: TickReport) {
        counts.withLock {
            $0.ticks += 1
            $0.fired += report.fired
            $0.steps += report.steps
        }
    }

    func tickFailed() { counts.withLock { $0.tickFailures += 1 } }

    func delivery(_ report: DeliveryReport) {
        counts.withLock {
            $0.sent += report.sent
            $0.deliveryFailures += report.retrying + report.dead
        }
    }

    /// The exposition text; `queue` counts messages by status as the database holds them now.
    func text(queue: [DeliveryStatus: Int]) -> String {
        let c = counts.withLock { $0 }
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Int)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for s in samples { out += "\(name)\(s.labels) \(s.value)\n" }
        }
        metric("duban_http_requests_total", "counter", "HTTP requests answered, by status.",
               c.requests.keys.sorted().map { ("{status=\"\($0)\"}", c.requests[$0]!) })
        metric("duban_ticks_total", "counter", "In-process ticks run.", [("", c.ticks)])
        metric("duban_tick_failures_total", "counter", "In-process ticks that failed.", [("", c.tickFailures)])
        metric("duban_timers_fired_total", "counter", "Timers fired by in-process ticks.", [("", c.fired)])
        metric("duban_transitions_total", "counter", "Steps taken by in-process ticks.", [("", c.steps)])
        metric("duban_messages_sent_total", "counter", "Messages delivered by the in-process sender.", [("", c.sent)])
        metric("duban_message_failures_total", "counter", "Delivery attempts that failed.", [("", c.deliveryFailures)])
        metric("duban_outbox_messages", "gauge", "Messages in the outbox, by status.",
               DeliveryStatus.allCases.map { ("{status=\"\($0.rawValue)\"}", queue[$0] ?? 0) })
        return out
    }
}
