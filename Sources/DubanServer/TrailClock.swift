import DubanModel
import DubanRuntime
import ServiceLifecycle
import Synchronization

/// The server's clock, which never runs behind the audit trail: when a tick
/// is run with `--now` on the same database (a demo, training, a test),
/// the board, the lights and the next steps move on with it, and a step
/// taken through the server is never recorded before the last one. The
/// trail's time is polled off the event loops, so reading the clock costs
/// nothing.
final class TrailClock: Service, Sendable {
    private let runtime: Runtime
    private let base: @Sendable () -> Instant
    private let recorded = Atomic<Int64>(.min)
    /// The last audit row read; only the refresh task moves it.
    private let readThrough = Atomic<Int64>(0)

    init(runtime: Runtime, base: @escaping @Sendable () -> Instant) {
        self.runtime = runtime
        self.base = base
    }

    func now() -> Instant {
        Instant(seconds: max(base().seconds, recorded.load(ordering: .relaxed)))
    }

    /// A time seen in the trail elsewhere (a live stream reads new rows
    /// before the next poll would): the clock moves on at once.
    func observe(_ time: Instant) {
        recorded.max(time.seconds, ordering: .relaxed)
    }

    /// Reads the rows added since the last look: the latest time any of
    /// them records (a tick's rows carry each timer's due time, and a
    /// scheduled start its slot, so the last row need not be the latest).
    func refresh() async {
        let (runtime, from) = (self.runtime, readThrough.load(ordering: .relaxed))
        guard let (latest, through) = try? await blocking(.poll, { () throws -> (Int64, Int64) in
            var (latest, through) = (Int64.min, from)
            while true {
                let (rows, next) = try runtime.changes(after: through, as: .office, limit: 5000)
                latest = rows.reduce(latest) { max($0, $1.time.seconds) }
                if next == through { return (latest, through) }
                through = next
            }
        }) else { return }
        readThrough.store(through, ordering: .relaxed)
        recorded.max(latest, ordering: .relaxed)
    }

    /// Polls until shutdown, which ends the wait at once.
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.refresh()
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
