import DubanChannels
import DubanModel
import DubanRuntime
import Logging
import ServiceLifecycle

/// The in-process tick: every period, fires what is due and delivers the
/// outbox, off the event loops, with the cron tick's guarantees (the store
/// claims each timer and leases each message, so an overlapping
/// `duban tick` never fires or sends one twice). On SIGTERM it finishes the
/// batch in hand, and the streams are told to end.
struct Ticker: Service {
    let runtime: Runtime
    /// Seconds between ticks; 0: none (cron ticks instead).
    let every: Int
    let clock: @Sendable () -> Instant
    let sender: ChannelSender
    let backoff: Backoff
    let deliveryLimit: Int
    let publicURL: String
    let metrics: Metrics
    let shutdown: ShutdownFlag
    let logger: Logger

    /// Timers a batch fires: smaller than the cron tick's 2,000, so that a
    /// unit's event, which waits for the batch in hand, waits less.
    static let batchSize = 100

    func run() async throws {
        await withGracefulShutdownHandler {
            var next = ContinuousClock.now
            while !shutdown.isSet {
                if every > 0, ContinuousClock.now >= next {
                    next = ContinuousClock.now + .seconds(every)
                    await tickOnce()
                }
                try? await Task.sleep(for: .milliseconds(200))
            }
        } onGracefulShutdown: {
            shutdown.set()
        }
    }

    func tickOnce() async {
        let (runtime, clock, sender, publicURL, shutdown) = (self.runtime, self.clock, self.sender, self.publicURL, self.shutdown)
        let (backoff, limit) = (self.backoff, self.deliveryLimit)
        do {
            let report = try await blocking(.tick) {
                var batches = 0
                var pacing = TickPacing()
                // The WAL is copied back every 20 batches and after the tick, off the requests' writes.
                defer { try? runtime.maintain() }
                return try runtime.tick(now: clock(), batchSize: Ticker.batchSize, stopping: {
                    batches += 1
                    if batches % 20 == 0 { try? runtime.maintain() }
                    pacing.betweenBatches()
                    return shutdown.isSet
                })
            }
            metrics.tick(report)
            for w in report.warnings { logger.warning("\(w)") }
            if report.fired > 0 { logger.info("tick: \(report.fired) timer(s) fired, \(report.steps) step(s)") }
        } catch {
            metrics.tickFailed()
            logger.error("tick failed: \(error)")
        }
        guard !shutdown.isSet else { return }
        do {
            let report = try await blocking(.tick) { try runtime.deliver(clock: clock, sender: sender, backoff: backoff, limit: limit, publicURL: publicURL) }
            metrics.delivery(report)
            for e in report.errors { logger.warning("delivery: \(e)") }
        } catch {
            logger.error("delivery failed: \(error)")
        }
    }
}
